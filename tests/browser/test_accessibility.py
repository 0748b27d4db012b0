"""axe-core finds no violations on the pages each role uses (WCAG 2.1 A/AA rules).

The clock is pinned to Monday 30 November 2026 (tests/conftest.py), so the calendars below
show "today" on purpose, on every day the suite runs; test_states_are_shown_… checks that
each state the stylesheets colour is really on its page before axe looks at it.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from ..conftest import TODAY
from .conftest import login

pytestmark = pytest.mark.browser
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

PAGES = [
    (None, "/"),
    (None, "/accounts/login/"),
    ("stadt", "/dashboard/"),
    ("stadt", "/reports/?period=year&day=2026-11-30"),
    ("stadt", "/rooms/"),
    ("stadt", "/audit/"),
    ("franztreff", "/audit/?kind=login"),
    ("ausschuss", "/dashboard/"),
    ("beratung", "/dashboard/"),
    ("franztreff", "/dashboard/"),
    ("franztreff", "/treffs/franztreff/"),
    ("franztreff", "/treffs/franztreff/edit/"),
    ("franztreff", "/treffs/franztreff/rooms/new/"),
    ("drk", "/treffs/new/"),
    ("franztreff", "/accounts/password/"),
    ("franztreff", "/accounts/two-factor/"),
    ("beratung", "/accounts/two-factor/setup/"),
    ("franztreff", "/does-not-exist/"),
    ("franztreff", "/treffs/franztreff/plan/week/?date=2026-12-14"),
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
    ("franztreff", "/treffs/franztreff/volunteers/applications/"),
    ("franztreff", "/treffs/franztreff/ideen/"),
    ("ehrenamt", "/me/volunteering/"),
    ("ehrenamt", "/me/shifts/"),
    (None, "/de/franztreff/hilfe/"),
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
    # Funding (§5): the demo's plans of 2025 (proof accepted or submitted), 2026 (in
    # progress) and 2027 (submitted or draft)
    ("stadt", "/funding/"),
    ("ausschuss", "/funding/"),
    ("drk", "/funding/carriers/"),
    ("drk", "/treffs/franztreff/funding/"),
    ("drk", "/treffs/franztreff/funding/2026/"),
    ("franztreff", "/treffs/franztreff/funding/2026/"),
    ("drk", "/treffs/franztreff/funding/new/"),
    ("awo", "/treffs/rosseltreff/funding/2027/edit/"),
    ("stadt", "/treffs/franztreff/funding/2027/approve/"),
    ("stadt", "/treffs/franztreff/funding/2026/payments/new/"),
    ("franztreff", "/treffs/franztreff/funding/2026/expenses/new/"),
    ("drk", "/treffs/franztreff/funding/2026/expenses/import/"),
    ("drk", "/treffs/franztreff/funding/2025/proof/"),
    ("stadt", "/treffs/rosseltreff/funding/2025/proof/versions/1/decide/"),
]


@pytest.mark.parametrize(("username", "path"), PAGES)
def test_page_has_no_axe_violations(demo, page, username, path):
    if username:
        login(page, username)
    page.goto(path.replace("TODAY", TODAY.isoformat()))
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("kind", ["series", "request", "plan", "application", "translations"])
def test_detail_pages_have_no_axe_violations(demo, page, kind):
    from treff.offers.models import BookingRequest, Offer, PlanVersion, Series
    from treff.volunteers.models import VolunteerApplication

    login(page, "franztreff")
    if kind == "series":
        pk = Series.objects.filter(treff__slug="franztreff").order_by("pk").first().pk
        page.goto(f"/treffs/franztreff/series/{pk}/")
    elif kind == "request":
        page.goto(f"/requests/{BookingRequest.objects.get().pk}/")
    elif kind == "application":
        pk = VolunteerApplication.objects.filter(treff__slug="franztreff").first().pk
        page.goto(f"/treffs/franztreff/volunteers/applications/{pk}/")
    elif kind == "translations":
        pk = Offer.objects.filter(treff__slug="franztreff", public=True).order_by("pk")[0].pk
        page.goto(f"/treffs/franztreff/offers/{pk}/translations/")
    else:
        pk = PlanVersion.objects.filter(status="submitted").get().pk
        page.goto(f"/treffs/franztreff/plans/{pk}/")
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(
    ("path", "errors"),
    [
        ("/treffs/franztreff/rooms/new/", [".kern-form-input--error"]),
        # Radio buttons, checkboxes and selects in error, and the alert above the form.
        ("/treffs/franztreff/series/new/", [".kern-alert--danger", ".kern-form-input--error"]),
    ],
)
def test_form_with_errors_has_no_axe_violations(demo, page, path, errors):
    login(page, "franztreff")
    page.goto(path)
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Speichern").click()
    assert {s: page.locator(s).count() > 0 for s in errors} == dict.fromkeys(errors, True)
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


# Each state the stylesheets colour, on a page that shows it (the selectors must match).
STATES = {
    "today in the month": (
        "/treffs/franztreff/plan/month/?date=2026-11-01",
        ["td.treff-calendar__today[aria-current='date']", ".treff-subnav a[aria-current='page']"],
    ),
    "today in a cell of the month before, holidays and closures": (
        "/treffs/franztreff/plan/month/?date=2026-12-01",
        ["td.treff-calendar__other-month[aria-current='date']", ".kern-badge--warning"],
    ),
    "today in the week, a cancelled and a moved date, the plan's warning": (
        "/treffs/franztreff/plan/week/?date=2026-11-30",
        [
            "h2.treff-calendar__today[aria-current='date']",
            ".treff-occ--cancelled .kern-badge--danger",
            ".treff-occ .kern-badge--info",
            "#plan-warnings",
        ],
    ),
    "a closure day and holidays in the week": (
        "/treffs/franztreff/plan/week/?date=2026-12-21",
        [".treff-week__day .kern-badge--warning"],
    ),
    "a cancelled date in the day overview": (
        "/treffs/franztreff/day/?date=2026-12-01",
        ["tr.treff-occ--cancelled"],
    ),
    "weeks over the lunch rule": ("/treffs/franztreff/lunch/", [".kern-alert--warning"]),
    "the current page in the main navigation": (
        "/dashboard/",
        [".treff-nav a[aria-current='page']"],
    ),
}


@pytest.mark.parametrize("state", STATES)
def test_states_are_shown_and_have_no_axe_violations(changed_dates, plan_warning, page, state):
    path, selectors = STATES[state]
    login(page, "franztreff")
    page.goto(path)
    assert {s: page.locator(s).count() > 0 for s in selectors} == dict.fromkeys(selectors, True)
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()
