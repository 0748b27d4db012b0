"""The automatic planner in the browser: propose, watch it finish, put it into the draft."""

import re

import pytest
from playwright.sync_api import expect

from treff.offers.models import Series

from .conftest import login

pytestmark = pytest.mark.browser


def test_coordinator_lets_the_planner_propose_and_applies_the_plan(demo, page, workers):
    workers.start("--no-schedule", "--interval", "0.1")  # the real thing: a worker, htmx polling
    login(page, "franztreff")
    page.goto("/treffs/franztreff/plan/week/")
    page.get_by_role("link", name="Automatischer Planer").click()
    expect(page.get_by_role("rowheader", name="Krabbelgruppe")).to_be_visible()
    page.get_by_role("link", name="Plan vorschlagen").click()
    expect(page.get_by_label("In den Entwurf")).to_have_value(re.compile(r"\d+"))
    page.get_by_label("Zeitlimit (Sekunden)").fill("5")
    page.get_by_role("button", name="Plan vorschlagen").click()
    expect(page.get_by_text("bester Plan gefunden")).to_be_visible(timeout=20_000)
    proposal = page.get_by_role("table", name="Vorgeschlagene Termine")
    expect(proposal.get_by_role("rowheader", name="Krabbelgruppe")).to_be_visible()
    page.get_by_role("button", name="In den Entwurf „2. Halbjahr 2027“ übernehmen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2. Halbjahr 2027, Version 1")
    assert (
        Series.objects.filter(treff__slug="franztreff", offer__title="Krabbelgruppe").count() == 1
    )
