"""axe-core finds no violations on the pages each role uses (WCAG 2.1 A/AA rules)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from .conftest import login

pytestmark = pytest.mark.browser
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

PAGES = [
    (None, "/"),
    (None, "/accounts/login/"),
    ("stadt", "/dashboard/"),
    ("stadt", "/rooms/"),
    ("ausschuss", "/dashboard/"),
    ("beratung", "/dashboard/"),
    ("franztreff", "/dashboard/"),
    ("franztreff", "/treffs/franztreff/"),
    ("franztreff", "/treffs/franztreff/edit/"),
    ("franztreff", "/treffs/franztreff/rooms/new/"),
    ("drk", "/treffs/new/"),
    ("franztreff", "/accounts/password/"),
    ("franztreff", "/does-not-exist/"),
    ("franztreff", "/treffs/franztreff/plan/week/?date=2026-12-14"),
    ("franztreff", "/treffs/franztreff/plan/month/?date=2026-12-01"),
    ("franztreff", "/treffs/franztreff/plan/day/?date=2026-12-16"),
    ("franztreff", "/treffs/franztreff/plan/rooms/?date=2026-12-14"),
    ("franztreff", "/treffs/franztreff/offers/"),
    ("franztreff", "/treffs/franztreff/offers/new/"),
    ("franztreff", "/treffs/franztreff/series/new/"),
    ("franztreff", "/treffs/franztreff/plan/feeds/"),
    ("franztreff", "/treffs/franztreff/plans/"),
    ("franztreff", "/requests/"),
    ("beratung", "/treffs/franztreff/requests/new/"),
    ("stadt", "/dashboard/"),
    ("franztreff", "/treffs/franztreff/planner/"),
    ("franztreff", "/treffs/franztreff/planner/requests/new/"),
    ("franztreff", "/treffs/franztreff/planner/propose/"),
    ("franztreff", "/treffs/franztreff/plan/settings/"),
    ("franztreff", "/treffs/franztreff/volunteers/"),
    ("franztreff", "/treffs/franztreff/volunteers/new/"),
    ("franztreff", "/treffs/franztreff/help/"),
    ("franztreff", "/treffs/franztreff/help/new/"),
    ("franztreff", "/treffs/franztreff/help/assign/"),
    ("franztreff", "/treffs/franztreff/shifts/"),
    ("ehrenamt", "/me/volunteering/"),
    ("ehrenamt", "/me/shifts/"),
    (None, "/hilfe/franztreff/"),
    # Daily operations, counselling, the partner directory and the figures
    ("franztreff", "/treffs/franztreff/day/"),
    ("ehrenamt", "/treffs/franztreff/tally/open/TODAY/"),
    ("franztreff", "/treffs/franztreff/lunch/"),
    ("franztreff", "/treffs/franztreff/lunch/new/"),
    ("franztreff", "/treffs/franztreff/clothing/"),
    ("franztreff", "/treffs/franztreff/clothing/history/"),
    ("franztreff", "/treffs/franztreff/clothing/handouts/new/"),
    ("beratung", "/treffs/franztreff/counselling/"),
    ("beratung", "/treffs/franztreff/counselling/new/"),
    ("franztreff", "/treffs/franztreff/counselling/clients/"),
    ("franztreff", "/treffs/franztreff/counselling/clients/new/"),
    ("franztreff", "/treffs/franztreff/counselling/audit/"),
    ("stadt", "/treffs/franztreff/counselling/statistics/"),
    ("stadt", "/figures/"),
    ("ehrenamt", "/partners/"),
    ("franztreff", "/partners/new/"),
    (None, "/wegweiser/"),
]


@pytest.mark.parametrize(("username", "path"), PAGES)
def test_page_has_no_axe_violations(demo, page, username, path):
    if username:
        login(page, username)
    page.goto(path.replace("TODAY", timezone.localdate().isoformat()))
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("kind", ["series", "request", "plan"])
def test_detail_pages_have_no_axe_violations(demo, page, kind):
    from treff.offers.models import BookingRequest, PlanVersion, Series

    login(page, "franztreff")
    if kind == "series":
        pk = Series.objects.filter(treff__slug="franztreff").order_by("pk").first().pk
        page.goto(f"/treffs/franztreff/series/{pk}/")
    elif kind == "request":
        page.goto(f"/requests/{BookingRequest.objects.get().pk}/")
    else:
        pk = PlanVersion.objects.filter(status="submitted").get().pk
        page.goto(f"/treffs/franztreff/plans/{pk}/")
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


def test_form_with_errors_has_no_axe_violations(demo, page):
    login(page, "franztreff")
    page.goto("/treffs/franztreff/rooms/new/")
    page.get_by_role("button", name="Speichern").click()
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()
