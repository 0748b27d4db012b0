"""The public website in Chromium: axe finds nothing in any language, a phone of 320 px needs
no sideways scrolling, the help and volunteer forms work by keyboard alone, and nothing but
this server is asked and no cookie is set before a login (issue 15, items 5 and 8).

The demo gives the Treff page this week's and next week's dates, lunch and counselling on the
pinned Monday, 30 November 2026 (tests/conftest.py); the live server runs on that clock.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from .public_pages import LANGUAGES, PAGES, public_path
from .test_accessibility import WCAG

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}


@pytest.fixture
def visitor(demo, browser, live_server):
    """A first visit: a fresh browser with nothing cached and no cookie."""
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_public_page_has_no_axe_violations(visitor, language, name):
    response = visitor.goto(public_path(name, language))
    assert response.status == 200
    results = Axe().run(visitor, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("language", ["de", "ar"])
def test_public_page_fits_a_phone_without_sideways_scrolling(visitor, language, name):
    visitor.set_viewport_size(PHONE)
    visitor.goto(public_path(name, language))
    # Wider than the window: what sticks out, to say what to fix.
    wide = visitor.evaluate(
        """() => [...document.querySelectorAll('body *')]
          .filter(e => { const r = e.getBoundingClientRect();
                         return r.width && (r.right > innerWidth + 0.5 || r.left < -0.5); })
          .map(e => `${e.tagName}.${e.className} ${e.getBoundingClientRect().width}`)
          .slice(0, 5)"""
    )
    fits = visitor.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert fits is True, wide


def _focus_is_visible(page) -> bool:
    """The focused element shows an outline or a shadow (KERN's focus ring is either)."""
    return page.evaluate(
        """() => {
          const style = getComputedStyle(document.activeElement);
          const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
          return outline || style.boxShadow !== 'none';
        }"""
    )


def _tab_to(page, selector: str, focused: list) -> None:
    """Press Tab until the element is focused, checking the focus ring on each stop."""
    for _ in range(40):
        page.keyboard.press("Tab")
        name = page.evaluate("document.activeElement.id || document.activeElement.tagName")
        focused.append((name, _focus_is_visible(page)))
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}: {focused}")


@pytest.fixture
def resident(browser, live_server, transactional_db, world):
    """A first visit with only the test world's two Treffs (quicker than the demo)."""
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def test_help_form_is_filled_and_sent_by_keyboard_alone(resident):
    from treff.volunteers.models import HelpRequest

    visitor = resident
    visitor.goto(public_path("help", "de"))
    focused = []
    keys = visitor.keyboard
    _tab_to(visitor, "#id_name", focused)
    keys.type("Frau Tastatur")
    _tab_to(visitor, "#id_phone", focused)
    keys.type("0340 654321")
    _tab_to(visitor, "#id_district", focused)
    keys.press("ArrowDown")  # a closed select changes its choice by arrow keys
    _tab_to(visitor, "#id_kind", focused)
    keys.press("ArrowDown")
    _tab_to(visitor, "#id_date", focused)
    # Headless Chromium draws date and time fields in its own language, American English,
    # whatever the page's: month, day, year, and a 12-hour clock. Each part moves on by itself.
    keys.type("12072026")
    _tab_to(visitor, "#id_start", focused)
    keys.type("1000A")
    _tab_to(visitor, "#id_end", focused)
    keys.type("1130A")
    assert visitor.evaluate("[id_date.value, id_start.value, id_end.value]") == [
        "2026-12-07",
        "10:00",
        "11:30",
    ]
    _tab_to(visitor, "#id_language", focused)
    _tab_to(visitor, "#id_notes", focused)
    keys.type("Bitte klingeln.")
    _tab_to(visitor, "#id_consent", focused)
    keys.press("Space")
    _tab_to(visitor, "button[type=submit]", focused)
    assert [name for name, visible in focused if not visible] == []
    with visitor.expect_navigation():
        keys.press("Enter")
    errors = visitor.locator(".kern-error, .kern-alert").all_inner_texts()
    assert errors == [], errors
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Vielen Dank")
    with scopes_disabled():
        request = HelpRequest.objects.get(seeker__name="Frau Tastatur")
    assert (request.date.isoformat(), request.start.isoformat(), request.end.isoformat()) == (
        "2026-12-07",
        "10:00:00",
        "11:30:00",
    )


def test_volunteer_form_is_filled_and_sent_by_keyboard_alone(resident):
    from treff.volunteers.models import VolunteerApplication

    visitor = resident
    visitor.goto(public_path("volunteer", "de"))
    focused = []
    keys = visitor.keyboard
    _tab_to(visitor, "#id_first_name", focused)
    keys.type("Tamara")
    _tab_to(visitor, "#id_last_name", focused)
    keys.type("Tastatur")
    _tab_to(visitor, "#id_phone", focused)
    keys.type("0340 112233")
    _tab_to(visitor, "#id_email", focused)
    keys.type("tamara@example.org")
    _tab_to(visitor, "input[name=help_kinds][value=walk]", focused)
    keys.press("Space")  # a checkbox is ticked by the space bar
    _tab_to(visitor, "#id_when", focused)
    keys.type("Dienstags vormittags")
    _tab_to(visitor, "input[name=languages][value=uk]", focused)
    keys.press("Space")
    _tab_to(visitor, "#id_district", focused)
    keys.press("ArrowDown")
    district = visitor.evaluate("id_district.value")
    _tab_to(visitor, "#id_consent", focused)
    keys.press("Space")
    _tab_to(visitor, "button[type=submit]", focused)
    assert [name for name, visible in focused if not visible] == []
    with visitor.expect_navigation():
        keys.press("Enter")
    errors = visitor.locator(".kern-error, .kern-alert").all_inner_texts()
    assert errors == [], errors
    expect(visitor.get_by_role("status")).to_have_text(
        "Ihr Angebot, sich zu engagieren, ist angekommen. Wir melden uns bei Ihnen."
    )
    with scopes_disabled():
        application = VolunteerApplication.objects.get()
    assert (
        application.first_name,
        application.last_name,
        application.phone,
        application.email,
        application.help_kinds,
        application.when,
        application.languages,
        application.district,
        district == "",
    ) == (
        "Tamara",
        "Tastatur",
        "0340 112233",
        "tamara@example.org",
        ["walk"],
        "Dienstags vormittags",
        ["uk"],
        district,
        False,
    )


@pytest.mark.parametrize("language", ["de", "ru", "ar"])
def test_public_pages_ask_only_this_server_and_set_no_cookie(visitor, live_server, language):
    requested = []
    visitor.on("request", lambda request: requested.append(request.url))
    for name in PAGES:
        visitor.goto(public_path(name, language))
    elsewhere = [url for url in requested if not url.startswith(live_server.url + "/")]
    fonts = sorted({url.rsplit("/", 1)[1] for url in requested if url.endswith(".woff2")})
    assert (elsewhere, visitor.context.cookies()) == ([], []), fonts
    # Every page names each language in its own script, so the Cyrillic file of the regular
    # weight comes with the language menu; a German or Arabic page fetches no other, a Russian
    # page every weight's. No Arabic font is fetched: Arabic uses the reader's own fonts.
    latin = [f"fira-sans-{weight}-latin.woff2" for weight in (400, 500, 600, 700)]
    expected = ["fira-sans-400-cyrillic.woff2", *latin]
    if language == "ru":
        # Russian text stands in every weight: body, labels, headings and bold.
        cyrillic = [f"fira-sans-{weight}-cyrillic.woff2" for weight in (400, 500, 600, 700)]
        expected = sorted([*cyrillic, *latin])
    assert fonts == expected
