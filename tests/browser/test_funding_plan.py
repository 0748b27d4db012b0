"""The funding of a Treff in a real browser (issue 14): the carrier drafts a budget plan,
fills its lines and submits it, the city records the grant notice, and the coordinator
records a small expense — every page free of axe violations, none scrolling sideways on
a phone."""

from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from treff.funding.models import BudgetPlan, Expense

pytestmark = pytest.mark.browser
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def open_as(browser, live_server, transactional_db, world):
    """open_as(user, viewport=None): an English page logged in as one of the world's users."""
    contexts = []

    def open_page(name, viewport=None):
        client = Client()
        client.force_login(world.users[name])
        context = browser.new_context(
            base_url=live_server.url, locale="en-GB", **({"viewport": viewport} if viewport else {})
        )
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def no_axe_violations(page):
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


def test_a_plan_from_draft_to_the_first_expense(open_as):
    carrier = open_as("carrier")
    carrier.goto(reverse("funding:treff_overview", args=["franztreff"]))
    expect(carrier.get_by_text("No budget plan yet.")).to_be_visible()
    carrier.get_by_role("link", name="New budget plan").click()
    expect(carrier.get_by_label("Year")).to_have_value("2026")
    carrier.get_by_role("button", name="Draft the plan").click()

    # The edit page: one section per cost type, then the financing.
    expect(carrier.get_by_role("heading", name="Edit the budget plan 2026")).to_be_visible()
    no_axe_violations(carrier)
    carrier.get_by_label("The coordinator may record expenses up to (€)").fill("100.00")
    fields = {
        "personnel-0-label": "Koordinatorin",
        "personnel-0-amount": "68000",
        "personnel-0-pay_grade": "TVöD SuE S 11b",
        "personnel-0-post_share": "1",
        "material-0-label": "Reinigung",
        "material-0-amount": "4,800.00",
        "rent-0-label": "Franzstraße 12",
        "rent-0-landlord": "DWG Dessau",
        "rent-0-area_m2": "180",
        "rent-0-monthly_rent": "1250",
        "rent-0-monthly_advance": "350",
        "financing-0-amount": "85000",
        "financing-1-amount": "7000",
    }
    for name, value in fields.items():
        carrier.locator(f'[name="{name}"]').fill(value)
    carrier.locator('[name="financing-0-source"]').select_option("grant")
    carrier.locator('[name="financing-1-source"]').select_option("own")
    carrier.get_by_role("button", name="Save").click()

    expect(carrier.get_by_text("The plan has been saved.")).to_be_visible()
    expect(carrier.get_by_text("Costs in all: 92,000.00 €")).to_be_visible()
    expect(carrier.get_by_text("rent 1,250.00 € and advance 350.00 € a month")).to_be_visible()
    carrier.get_by_role("button", name="Submit to the city").click()
    expect(carrier.get_by_text("The plan has been submitted to the city.")).to_be_visible()

    city = open_as("city")
    city.goto(reverse("funding:plan_detail", args=["franztreff", 2026]))
    city.get_by_role("link", name="Record the grant notice").click()
    expect(city.get_by_label("Approved: Personnel costs (€)")).to_have_value("68000.00")
    city.get_by_label("Reference of the notice").fill("50-2026-07")
    city.get_by_label("Approved: Material costs (flat rate) (€)").fill("4500")
    city.get_by_role("button", name="Record the grant notice").click()
    expect(city.get_by_text("The grant notice has been recorded.")).to_be_visible()
    expect(city.get_by_text("status: approved")).to_be_visible()

    coordinator = open_as("coordinator", viewport=PHONE)
    coordinator.goto(reverse("funding:plan_detail", args=["franztreff", 2026]))
    coordinator.get_by_role("link", name="Record an expense").click()
    expect(coordinator.get_by_text("You may record expenses up to 100.00 €")).to_be_visible()
    coordinator.get_by_label("Voucher number").fill("K-1")
    coordinator.get_by_label("Cost type").select_option("material")
    coordinator.get_by_label("Purpose").fill("Kaffee")
    coordinator.get_by_label("Paid to").select_option("supplier")
    coordinator.get_by_label("Amount (€)").fill("12.50")
    coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.get_by_text("The expense K-1 has been saved.")).to_be_visible()
    expect(coordinator.get_by_role("row", name="K-1")).to_contain_text("12.50 €")
    assert coordinator.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    no_axe_violations(coordinator)

    with scopes_disabled():
        plan = BudgetPlan.objects.get(treff__slug="franztreff", year=2026)
        expense = Expense.objects.get(plan=plan)
    assert (plan.status, expense.amount, expense.recorded_by.username) == (
        "approved",
        Decimal("12.50"),
        "coordinator",
    )
