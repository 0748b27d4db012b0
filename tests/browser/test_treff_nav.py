"""The Treff navigation on a 360 px phone: every link on screen, no sideways scroll."""

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
# As long as a Treff's name may be (120 characters, enforced by PostgreSQL): one long word,
# then Arabic and Cyrillic.
_TAIL = " حي الجيران Соседский центр"
LONG_NAME = ("Nachbarschaftstreff" * 12)[: 120 - len(_TAIL)] + _TAIL


@pytest.fixture
def phone(browser, live_server, transactional_db, world):
    """A phone-sized page of Franztreff's coordinator; the Treff has a very long name."""
    with scopes_disabled():
        world.franztreff.name = LONG_NAME
        world.franztreff.save()
    client = Client()
    client.force_login(world.users["coordinator"])
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport=PHONE)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.mark.parametrize("view", ["operations:clothing_stock", "volunteers:shifts"])
def test_every_link_of_the_navigation_fits_a_phone(phone, view):
    phone.goto(reverse(view, kwargs={"slug": "franztreff"}))
    nav = phone.get_by_role("navigation", name=f"Pages of {LONG_NAME}")
    # Folded on a phone: the Treff's name and one line naming the current section.
    toggle = nav.locator("summary")
    expect(toggle).to_be_visible()
    expect(nav.locator(".treff-treffnav__list")).to_be_hidden()
    toggle.click()
    links = nav.get_by_role("link")  # the Treff's name and its twelve sections
    expect(links).to_have_count(13)
    expect(links.nth(12)).to_be_visible()
    for index in range(13):
        box = links.nth(index).bounding_box()
        assert (box["x"] >= 0, box["x"] + box["width"] <= PHONE["width"]) == (True, True)
    nav_box = nav.bounding_box()
    assert nav_box["x"] + nav_box["width"] <= PHONE["width"]
    # The row itself never scrolls: the long name breaks, the links wrap. (The page's own
    # headings with such a name are the phone-layout work of issue 11, item 2.)
    assert nav.evaluate("element => element.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("view", ["operations:clothing_stock", "offers:offer_list"])
def test_a_page_with_the_navigation_does_not_scroll_sideways(phone, world, view):
    with scopes_disabled():
        world.franztreff.name = "Franztreff"
        world.franztreff.save()
    phone.goto(reverse(view, kwargs={"slug": "franztreff"}))
    expect(phone.get_by_role("navigation", name="Pages of Franztreff")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_navigation_is_reached_by_keyboard_with_a_visible_focus(phone):
    phone.goto(reverse("operations:lunch_list", kwargs={"slug": "franztreff"}))
    toggle = phone.locator(".treff-treffnav summary")
    expect(toggle).to_have_text("Pages: Lunch")
    toggle.focus()
    phone.keyboard.press("Enter")  # a summary opens by keyboard
    current = phone.locator('.treff-treffnav a[aria-current="page"]')
    expect(current).to_have_text("Lunch")
    current.focus()
    outline = current.evaluate("element => getComputedStyle(element).outlineStyle")
    assert outline == "solid"


def test_a_wide_screen_shows_the_whole_row_without_a_toggle(phone):
    phone.set_viewport_size({"width": 1280, "height": 800})
    phone.goto(reverse("operations:lunch_list", kwargs={"slug": "franztreff"}))
    nav = phone.locator(".treff-treffnav")
    expect(nav.locator("summary")).to_be_hidden()
    expect(nav.get_by_role("link", name="Volunteers")).to_be_visible()


def test_without_javascript_the_row_stays_open_on_a_phone(
    browser, live_server, transactional_db, world
):
    client = Client()
    client.force_login(world.users["coordinator"])
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport=PHONE, java_script_enabled=False
    )
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(reverse("operations:lunch_list", kwargs={"slug": "franztreff"}))
    expect(page.locator(".treff-treffnav").get_by_role("link", name="Volunteers")).to_be_visible()
    context.close()
