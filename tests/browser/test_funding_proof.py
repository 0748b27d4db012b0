"""The proof of use in the browser: the carrier starts it, edits the narrative report and
submits it in December; the city returns it with a comment; the page fits a phone."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from .conftest import login
from .test_phone import PHONE, overflow

pytestmark = pytest.mark.browser
PROOF = "/treffs/franztreff/funding/2026/proof/"


@pytest.fixture
def funded(demo):
    """Franztreff's approved plan of 2026: the demo's (this year in progress), or one with a
    payment (tests/funding/world.py) where the demo has none."""
    from django.contrib.auth import get_user_model

    from tests.funding.world import approved_plan
    from treff.funding import services
    from treff.funding.models import BudgetPlan
    from treff.treffs.models import Treff

    users = get_user_model().objects
    treff = Treff.objects.get(slug="franztreff")
    plan = BudgetPlan.objects.filter(treff=treff, year=2026).first()
    if plan is None:
        plan = approved_plan(
            treff, 2026, carrier=users.get(username="drk"), city=users.get(username="stadt")
        )
        services.payment_add(
            plan=plan, day=dt.date(2026, 1, 5), amount="45000.00", user=users.get(username="stadt")
        )
    return plan


def test_carrier_submits_and_city_returns_the_proof(funded, page, clock):
    login(page, "drk")
    page.goto(PROOF)
    page.get_by_role("button", name="Verwendungsnachweis beginnen").click()
    narrative = page.locator("textarea[name=narrative]")
    expect(narrative).to_contain_text("Franztreff")
    narrative.fill("Ein gutes Jahr im Franztreff.\nDie Miete ist gebucht.")
    page.locator("form.treff-form button[type=submit]").click()
    expect(page.get_by_text("Die Miete ist gebucht.")).to_be_visible()
    page.get_by_role("button", name="Bei der Stadt einreichen").click()
    expect(page.locator(".treff-messages")).to_contain_text("Dezember 2026")
    clock.move_to(dt.datetime(2026, 12, 2, 9, 0, tzinfo=ZoneInfo("Europe/Berlin")))
    page.get_by_role("button", name="Bei der Stadt einreichen").click()
    expect(page.locator(".treff-messages")).to_contain_text("Fassung 1")
    page.set_viewport_size(PHONE)
    assert overflow(page) is None

    page.context.clear_cookies()
    login(page, "stadt")
    page.goto(PROOF + "versions/1/decide/")
    page.locator("input[name=outcome][value=returned]").check()
    page.locator("form.treff-form button[type=submit]").click()
    expect(page.locator("form.treff-form")).to_be_visible()  # a return needs a comment
    page.locator("input[name=outcome][value=returned]").check()
    page.locator("textarea[name=comment]").fill("Bitte die Belege der Miete beifügen.")
    page.locator("form.treff-form button[type=submit]").click()
    expect(page.get_by_text("Bitte die Belege der Miete beifügen.")).to_be_visible()
    assert overflow(page) is None
    page.goto(PROOF + "versions/1/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert overflow(page) is None
