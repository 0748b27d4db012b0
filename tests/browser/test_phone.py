"""No page scrolls sideways on a 360 px phone (issue 11, item 2).

Every page of the accessibility list, for the role it is listed with, at 360 × 740 CSS pixels:
`document.documentElement.scrollWidth` must not exceed `window.innerWidth`. A failure names
the page, its width and the widest element that sticks out, so the fix starts at the cause.
Bad input (a 5,000-character word, 300 rows) must keep that layout too.
"""

import pytest

from ..conftest import TODAY
from .conftest import login
from .test_accessibility import PAGES

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
# An A4 portrait page less Chromium's default print margins, in CSS pixels (96 per inch).
PAPER = {"width": 718, "height": 1047}

# The element reaching furthest right that makes the page wider (one inside a box that scrolls
# on its own does not), with its tag, classes and right edge in px, for the report.
WIDEST = """() => {
  const scrolls = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') return true;
    }
    return false;
  };
  let worst = null;
  for (const el of document.body.querySelectorAll('*')) {
    const right = Math.round(el.getBoundingClientRect().right);
    if (right > window.innerWidth && (!worst || right > worst.right) && !scrolls(el)) {
      worst = {tag: el.tagName.toLowerCase(), cls: el.className.toString(), right: right};
    }
  }
  return worst;
}"""


def overflow(page) -> dict | None:
    """None when the page fits the window, else its width and the widest offender."""
    width, inner = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    if width <= inner:
        return None
    return {"scrollWidth": width, "innerWidth": inner, "widest": page.evaluate(WIDEST)}


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


@pytest.mark.parametrize(("username", "path"), PAGES)
def test_page_fits_a_360_px_phone(demo, phone, username, path):
    if username:
        login(phone, username)
    path = path.replace("TODAY", TODAY.isoformat())
    phone.goto(path)
    assert (path, overflow(phone)) == (path, None)


def test_a_5000_character_word_wraps_on_a_phone(demo, phone):
    from treff.offers.models import Offer

    word = "Nachbarschaftshilfe" * 264  # 5,016 characters without a break
    for offer in Offer.objects.filter(treff__slug="franztreff"):  # titles are unique per Treff
        # A title holds at most 150 characters (the column's width, on PostgreSQL enforced):
        # the longest title the form allows, as one word; the description takes the rest.
        title = f"{word[: 150 - len(str(offer.pk))]}{offer.pk}"
        Offer.objects.filter(pk=offer.pk).update(title=title, description=word)
    login(phone, "franztreff")
    for path in (
        "/treffs/franztreff/offers/",
        "/treffs/franztreff/plan/week/?date=2026-12-14",
        "/treffs/franztreff/plan/day/?date=2026-12-16",
        "/treffs/franztreff/plan/rooms/?date=2026-12-14",
    ):
        phone.goto(path)
        assert (path, overflow(phone)) == (path, None)


@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("ehrenamt", "/me/volunteering/"),
        ("franztreff", "/treffs/franztreff/volunteers/new/"),
        ("franztreff", "/treffs/franztreff/edit/"),
        ("franztreff", "/treffs/franztreff/clothing/donations/new/"),
    ],
)
def test_rows_of_a_fieldset_start_below_its_legend_on_a_phone(demo, phone, username, path):
    """KERN floats a fieldset's legend: rows not wrapped in its body sat beside the legend,
    squeezed to the right, and pushed the page sideways in English (wider time fields)."""
    login(phone, username)
    phone.goto(path)
    placed = phone.evaluate(
        """() => [...document.querySelectorAll('fieldset')]
          .filter((set) => set.querySelector('.treff-formset-row'))
          .map((set) => {
            const legend = set.querySelector('legend').getBoundingClientRect();
            const row = set.querySelector('.treff-formset-row').getBoundingClientRect();
            return {below: row.top >= legend.bottom, left: row.left <= legend.left};
          })"""
    )
    assert (path, placed) == (path, [{"below": True, "left": True}])


# Each small text button: its label fits on one line inside it.
CRAMMED_BUTTONS = """() => [...document.querySelectorAll('main .kern-btn--x-small')]
  .filter((button) => button.scrollWidth > button.clientWidth || button.offsetHeight > 48)
  .map((button) => button.innerText)"""


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("ehrenamt", "/me/shifts/"),
        ("franztreff", "/treffs/franztreff/offers/?show=archived"),
        ("franztreff", "/treffs/franztreff/clothing/history/"),
    ],
)
def test_small_text_buttons_show_their_whole_label(demo, page, width, username, path):
    """KERN draws a button holding a .kern-sr-only as a 32 px icon button: "Eintragen" showed
    as "trag", and on a phone "Wiederherstellen" broke letter by letter. The row's context for
    screen readers now travels in aria-label, which starts with the visible label."""
    page.set_viewport_size({"width": width, "height": 800})
    login(page, username)
    page.goto(path)
    assert page.locator("main .kern-btn--x-small").count() > 0
    assert (path, page.evaluate(CRAMMED_BUTTONS)) == (path, [])


# A text button in each KERN size whose label holds hidden context, the markup that KERN
# takes for an icon button with a hidden label.
HIDDEN_CONTEXT_BUTTONS = """() => {
  const box = document.createElement('div');
  box.className = 'kern-btn-wrapper';
  for (const size of ['', ' kern-btn--x-small']) {
    box.insertAdjacentHTML('beforeend', `<button class="kern-btn kern-btn--primary${size}">`
      + '<span class="kern-label">Wiederherstellen<span class="kern-sr-only"> Strickcafé'
      + '</span></span></button>');
  }
  document.querySelector('main').append(box);
  // On one line and not cut: no taller than KERN's 48 px button, nothing sticking out.
  return [...box.children].map((button) => ({
    small: button.classList.contains('kern-btn--x-small'),
    fits: button.scrollWidth <= button.clientWidth && button.offsetHeight <= 48,
  }));
}"""


@pytest.mark.parametrize("width", [360, 1280])
def test_a_text_button_with_hidden_context_keeps_its_width(transactional_db, page, width):
    """treff.css keeps such a button as wide as its visible label (KERN would draw a 48 or
    32 px square showing a fragment of it); templates name the row by aria-label instead."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/accounts/login/")
    assert page.evaluate(HIDDEN_CONTEXT_BUTTONS) == [
        {"small": False, "fits": True},
        {"small": True, "fits": True},
    ]


def test_a_shift_button_names_its_shift_for_screen_readers(demo, page):
    login(page, "ehrenamt")
    page.goto("/me/shifts/")
    button = page.get_by_role("button", name="Eintragen Kleiderkammer 30.11.2026", exact=True)
    assert (button.count(), button.inner_text()) == (1, "Eintragen")


def test_300_rows_keep_their_layout_on_a_phone(demo, phone):
    from treff.treffs.models import Treff
    from treff.volunteers.models import Volunteer

    treff = Treff.objects.get(slug="franztreff")
    Volunteer.objects.bulk_create(
        [
            Volunteer(
                treff=treff, first_name=f"Вера {n}", last_name="الحسيني" * 3, district="zoberberg"
            )
            for n in range(300)
        ]
    )
    login(phone, "franztreff")
    phone.goto("/treffs/franztreff/volunteers/")
    rows = phone.locator("tbody tr").count()
    assert (rows >= 300, overflow(phone)) == (True, None)
    phone.set_viewport_size(PAPER)
    phone.emulate_media(media="print")
    assert overflow(phone) is None


def test_the_week_prints_every_day_on_paper(demo, page):
    """A printed page is narrower than the phone breakpoint: it still shows the whole week."""
    login(page, "franztreff")
    page.set_viewport_size(PAPER)
    page.emulate_media(media="print")
    page.goto("/treffs/franztreff/plan/week/?date=2026-11-30")
    days = page.locator("h2.treff-week__day")
    visible = [days.nth(n).is_visible() for n in range(days.count())]
    assert (visible, overflow(page)) == ([True] * 5, None)


def test_a_phone_shows_one_day_of_the_week_and_the_day_buttons_switch_it(demo, phone):
    login(phone, "franztreff")
    phone.goto("/treffs/franztreff/plan/week/?date=2026-11-30")
    days = phone.locator("h2.treff-week__day")
    visible = [days.nth(n).is_visible() for n in range(days.count())]
    assert visible == [True, False, False, False, False]
    with phone.expect_navigation(wait_until="load"):
        phone.get_by_role("link", name="Mi 2.12.").click()
    visible = [days.nth(n).is_visible() for n in range(days.count())]
    assert (phone.url.endswith("?date=2026-12-02"), visible) == (
        True,
        [False, False, True, False, False],
    )
    assert overflow(phone) is None


@pytest.mark.parametrize(
    "path",
    [
        "/treffs/franztreff/plan/week/?date=2026-12-01",  # one day, the day buttons
        "/treffs/franztreff/plan/rooms/?date=2026-12-14",  # stacked rows
        "/treffs/franztreff/volunteers/",
    ],
)
def test_phone_layouts_have_no_axe_violations(demo, phone, path):
    from axe_playwright_python.sync_playwright import Axe

    from .test_accessibility import WCAG

    login(phone, "franztreff")
    phone.goto(path)
    results = Axe().run(phone, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


# The scrolling box of a data grid, scrolled to its far end: where its first row header and
# its first column header then stand, against the box's own start edge, and how far it went.
KEY_COLUMN = """() => {
  const box = document.querySelector('.kern-table-responsive');
  box.scrollLeft = box.scrollWidth;
  const start = box.getBoundingClientRect().left;
  const row = box.querySelector('tbody th[scope="row"]').getBoundingClientRect().left;
  const head = box.querySelector('thead th').getBoundingClientRect().left;
  return {scrolled: box.scrollLeft > 0, row: Math.round(row - start),
          head: Math.round(head - start)};
}"""


@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("franztreff", "/treffs/franztreff/plan/month/?date=2026-12-01"),
        ("stadt", "/figures/"),
        ("franztreff", "/treffs/franztreff/clothing/"),
    ],
)
def test_a_wide_grid_keeps_its_key_column_in_view_while_it_scrolls(demo, phone, username, path):
    """Month calendar, figures, clothing stock: wider than a phone, they scroll in their box,
    and the week, month or category they are read by stays at its start edge."""
    login(phone, username)
    phone.goto(path)
    assert phone.evaluate(KEY_COLUMN) == {"scrolled": True, "row": 0, "head": 0}
    assert overflow(phone) is None
