"""A second city (issue 17, item 5): an installation in Bayern with its own districts,
holidays and carriers shows nothing of Dessau-Roßlau, and the first city's data stays out of
its scope."""

from pathlib import Path

import pytest
from django_scopes import scopes_disabled

from treff.treffs.models import Organisation, Role
from treff.treffs.services_districts import apply_districts, read_districts

from .factories import MembershipFactory, RoomFactory, TreffFactory

pytestmark = pytest.mark.django_db

MUSTERSTADT_DISTRICTS = Path(__file__).parent / "data" / "districts-musterstadt.geojson"
DESSAU_WORDS = ("Dessau", "Roßlau", "Rosslau", "Sachsen-Anhalt", "Franztreff", "Reformationstag")


@pytest.fixture
def musterstadt(db, settings):
    """The installation's own operator, districts, city, carrier, Treff and coordinator."""
    settings.TREFF_OPERATOR = {
        **settings.TREFF_OPERATOR,
        "name": "Stadt Musterstadt",
        "address": "Marktplatz 1, 80331 Musterstadt",
        "email": "treff@musterstadt.example",
        "privacy_contact": "datenschutz@musterstadt.example",
        "accessibility_contact": "barrierefrei@musterstadt.example",
    }
    settings.TREFF_HOLIDAY_STATE = "BY"
    rows = read_districts(MUSTERSTADT_DISTRICTS.name, MUSTERSTADT_DISTRICTS.read_bytes())
    apply_districts(rows, user=None)
    with scopes_disabled():
        city = Organisation.objects.create(name="Stadt Musterstadt", kind=Organisation.Kind.CITY)
        carrier = Organisation.objects.create(
            name="Caritas Musterstadt", kind=Organisation.Kind.CARRIER
        )
        treff = TreffFactory(
            name="Lindentreff",
            slug="lindentreff",
            carrier=carrier,
            holiday_state="BY",
            street="Lindenallee 3",
            postal_code="80333",
            city="Musterstadt",
        )
        RoomFactory(treff=treff, name="Saal")
        coordinator = MembershipFactory(
            user__username="linde", role=Role.COORDINATOR, treff=treff
        ).user
    return {"city": city, "treff": treff, "coordinator": coordinator}


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _no_dessau(html: str) -> list[str]:
    return [word for word in DESSAU_WORDS if word in html]


def test_a_second_city_shows_nothing_of_dessau(musterstadt, client):
    public = [
        "/de/",
        "/de/lindentreff/",
        "/de/lindentreff/hilfe/",
        "/de/lindentreff/engagieren/",
        "/de/impressum/",
        "/de/datenschutz/",
        "/de/mittagstisch/",
        "/de/wegweiser/",
        "/en/lindentreff/",
        "/api/v1/openapi.json",
    ]
    found = {url: _no_dessau(_html(client.get(url))) for url in public}
    client.force_login(musterstadt["coordinator"])
    staff = [
        "/dashboard/",
        "/treffs/lindentreff/",
        "/treffs/lindentreff/plan/month/?date=2026-10-01",
        "/treffs/lindentreff/plan/month/?date=2026-11-01",
        "/treffs/lindentreff/volunteers/new/",
        "/treffs/lindentreff/help/new/",
        "/treffs/lindentreff/lunch/new/",
        "/reports/",
    ]
    found |= {url: _no_dessau(_html(client.get(url))) for url in staff}
    assert found == {url: [] for url in public + staff}


def test_its_district_choices_and_holidays_are_its_own(musterstadt, client):
    help_form = _html(client.get("/de/lindentreff/hilfe/"))
    for name in ("Altstadt", "Am Anger", "Bahnhofsviertel"):
        assert f">{name}</option>" in help_form
    client.force_login(musterstadt["coordinator"])
    november = _html(client.get("/treffs/lindentreff/plan/month/?date=2026-11-01"))
    assert "Allerheiligen" in november  # 1 November: a holiday in Bayern, not in Sachsen-Anhalt
    october = _html(client.get("/treffs/lindentreff/plan/month/?date=2026-10-01"))
    assert "Reformationstag" not in october  # 31 October: Sachsen-Anhalt's, not Bayern's


def test_the_first_citys_data_stays_out_of_its_scope(world, musterstadt, client_for, client):
    client.force_login(musterstadt["coordinator"])
    assert client.get("/treffs/franztreff/").status_code == 404
    assert client.get("/treffs/franztreff/plan/week/").status_code == 404
    assert client.get("/treffs/rosseltreff/volunteers/").status_code == 404
    dashboard = _html(client.get("/dashboard/"))
    assert ("Lindentreff" in dashboard, "Franztreff" in dashboard) == (True, False)
    # And the other way round: Dessau's coordinator sees nothing of Musterstadt.
    dessau = client_for("coordinator")
    assert dessau.get("/treffs/lindentreff/").status_code == 404
    assert "Lindentreff" not in _html(dessau.get("/dashboard/"))
