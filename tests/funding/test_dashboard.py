"""The dashboard shows funding steps waiting for the reader: the city sees submitted plans
and proofs, a carrier what the city returned and a non-profit notice that runs out (§4);
nobody sees another carrier's."""

import pytest
from django.utils import translation
from django_scopes import scopes_disabled

from treff.funding import services

pytestmark = pytest.mark.django_db


def section(client):
    with translation.override("en"):
        page = client.get("/dashboard/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    if 'id="funding-waiting"' not in page:
        return None
    start = page.index('id="funding-waiting"')
    return page[start : page.index("</section>", start)]


def test_city_sees_a_submitted_plan(world, funding, client_for):
    with scopes_disabled():
        services.plan_submit(plan=funding.draft, user=world.users["carrier"])
    text = section(client_for("city"))
    assert 'href="/treffs/franztreff/funding/2027/"' in text
    assert "Budget plan 2027 of Franztreff: submitted" in text


def test_carrier_sees_the_returned_plan_and_its_expiring_notice(world, funding, client_for):
    with scopes_disabled():
        services.plan_submit(plan=funding.draft, user=world.users["carrier"])
        services.plan_return(plan=funding.draft, comment="Miete belegen", user=world.users["city"])
    text = section(client_for("carrier"))
    assert "Budget plan 2027 of Franztreff: returned for changes" in text
    assert "DRK: the proof of non-profit status expires on 31/01/2027" in text
    other = section(client_for("other_carrier"))
    assert "Franztreff" not in other
    assert "AWO: no proof of non-profit status recorded" in other


def test_coordinator_and_committee_see_no_funding_steps(funding, client_for):
    assert section(client_for("coordinator")) is None
    assert section(client_for("committee")) is None
