"""The reports, committee, open-data and quality pages on a phone (issue 13): axe finds
nothing, nothing scrolls sideways, and a report table keeps its row labels whole and
scrolls in a box the keyboard can reach."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import login
from .test_accessibility import WCAG
from .test_phone import PHONE, overflow

pytestmark = pytest.mark.browser

REPORT = "/reports/?period=year&day=2026-11-30"


@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("stadt", REPORT),
        ("stadt", "/reports/committee/"),
        ("stadt", "/reports/committee/new/"),
        ("stadt", "/reports/open-data/"),
        ("stadt", "/treffs/franztreff/quality/"),
        ("ausschuss", "/reports/committee/"),
        ("franztreff", "/reports/?period=month&day=2026-11-30"),
        ("franztreff", "/dashboard/"),
    ],
)
def test_the_reporting_pages_are_accessible_on_a_phone(demo, page, username, path):
    page.set_viewport_size(PHONE)
    login(page, username)
    page.goto(path)
    results = Axe().run(page, options=WCAG)
    assert (path, results.violations_count, overflow(page)) == (path, 0, None), (
        results.generate_report()
    )


def test_a_report_table_keeps_its_labels_whole_and_scrolls_in_a_focusable_box(demo, page):
    page.set_viewport_size(PHONE)
    login(page, "stadt")
    page.goto(REPORT)
    box = page.locator("#section-visitors ~ .kern-table-responsive")
    label = box.locator("tbody th[scope=row]").nth(1)  # "Allgemeine Sozialberatung …"
    widths = box.evaluate("b => [b.scrollWidth > b.clientWidth, b.tabIndex]")
    # 8rem: the longest German word of the labels fits on its line, none is cut inside.
    assert (widths, label.evaluate("th => th.getBoundingClientRect().width >= 128")) == (
        [True, 0],
        True,
    )
