"""The reports as a new user meets them (issue 13), with the keyboard: a report table's
scrolling box shows where the focus is (KERN takes the outline off any [tabindex] element
focused from the keyboard), and a bad range names no saving on the report form."""

import pytest

from .conftest import login
from .test_phone import PHONE

pytestmark = pytest.mark.browser

# A month draws no trends, so the first box after the form's button is the first table's.
MONTH = "/reports/?period=month&day=2026-11-30"
FOCUS = """() => { const e = document.activeElement; const s = getComputedStyle(e);
  return [e.className, e.getAttribute('aria-labelledby'), s.outlineStyle,
          parseFloat(s.outlineWidth) >= 2]; }"""


@pytest.mark.parametrize("size", [PHONE, {"width": 1280, "height": 800}])
def test_a_report_tables_scrolling_box_shows_the_keyboard_focus(demo, page, size):
    page.set_viewport_size(size)
    login(page, "stadt")
    page.goto(MONTH)
    page.get_by_role("button", name="Anzeigen").focus()
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS) == [
        "kern-table-responsive",
        "section-visitors",
        "solid",
        True,
    ]


def test_a_range_ending_before_it_starts_says_why_and_names_no_saving(demo, page):
    page.set_viewport_size(PHONE)
    login(page, "franztreff")
    page.goto(MONTH)
    page.get_by_label("Zeitraum", exact=True).select_option("custom")
    page.locator("#id_first").fill("2026-11-30")
    page.locator("#id_last").fill("2026-11-01")
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Anzeigen").click()
    alert = page.locator("main .kern-alert--danger")
    assert (
        alert.count(),
        "gespeichert" in alert.inner_text(),
        page.locator("#id_last_error, .kern-error").all_inner_texts(),
        page.locator("main h2").count(),
    ) == (1, False, ["Der letzte Tag darf nicht vor dem ersten Tag liegen."], 0)
