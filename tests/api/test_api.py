"""The open-data API: each endpoint's exact answer, what never shows, bad input, queries.

The clock stands on Monday 30 November 2026 (tests/conftest.py); the plan's dates are in
January 2027, so the dates are asked for with `from` and `to`.
"""

import datetime as dt
import json

import pytest
from django.conf import settings
from django.utils import translation
from django_scopes import scope, scopes_disabled

from treff.offers import services
from treff.offers.models import SeriesChange
from treff.partners.models import PartnerService
from treff.reports import opendata
from treff.treffs.models import OpeningHours

from .conftest import add_offer

FRANZTREFF = {
    "slug": "franztreff",
    "name": "Franztreff",
    "carrier": "DRK",
    "address": {"street": "Musterstraße 1", "postal_code": "06844", "city": "Dessau-Roßlau"},
    "district": "Innenstadt",
    "phone": "0340 111111",
    "email": "franztreff@example.org",
    "website": "https://franztreff.example.org",
    "accessibility": ["step_free", "toilet"],
    "opening_hours": [
        {"weekday": 0, "opens": "09:00", "closes": "16:00"},
        {"weekday": 4, "opens": "20:00", "closes": "24:00"},
    ],
}
ROSSELTREFF = {
    "slug": "rosseltreff",
    "name": "Rosseltreff",
    "carrier": "AWO",
    "address": {"street": "Musterstraße 1", "postal_code": "06844", "city": "Dessau-Roßlau"},
    "district": "",
    "phone": "",
    "email": "",
    "website": "",
    "accessibility": [],
    "opening_hours": [],
}
JANUARY = "/api/v1/treffs/franztreff/dates?from=2027-01-04&to=2027-01-24"
# Two Treffs, about 138 queries for each one's year report (reports.build over every measure;
# the room use and plan rules read the Treffs' holiday states).
FIGURES_QUERIES = 276


def cafe(day, start, end, *, cancelled=False, moved=False, original=None, offer):
    return {
        "offer": offer.pk,
        "title": "Seniorencafé",
        "start": f"2027-01-{day:02d}T{start}:00+01:00",
        "end": f"2027-01-{day:02d}T{end}:00+01:00",
        "room": "Gruppenraum",
        "cancelled": cancelled,
        "moved": moved,
        "original_date": f"2027-01-{original or day:02d}",
    }


def test_treffs(api_world, client):
    response = client.get("/api/v1/treffs")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    # The inactive Alttreff is not there.
    assert response.json() == [FRANZTREFF, ROSSELTREFF]


def test_treff(api_world, client):
    assert client.get("/api/v1/treffs/franztreff").json() == FRANZTREFF
    assert client.get("/api/v1/treffs/rosseltreff").json() == ROSSELTREFF


@pytest.mark.parametrize("slug", ["alttreff", "nirgendwo"])
def test_an_inactive_or_unknown_treff_is_a_404(api_world, client, slug):
    for url in [f"/api/v1/treffs/{slug}", f"/api/v1/treffs/{slug}/offers"]:
        response = client.get(url)
        assert (response.status_code, response.json()) == (
            404,
            {"detail": "No active Treff has this short name."},
        )
    response = client.get(f"/api/v1/treffs/{slug}/dates?from=2027-01-04&to=2027-01-31")
    assert response.status_code == 404


def test_offers_only_the_public_ones_of_this_treff(api_world, client):
    offer = api_world.plan.offer
    assert client.get("/api/v1/treffs/franztreff/offers").json() == {
        "items": [
            {
                "id": offer.pk,
                "title": "Seniorencafé",
                "description": "",
                "category": "leisure",
                "provider": "DRK",
                "audience": "",
            }
        ],
        "count": 1,
    }
    assert client.get("/api/v1/treffs/rosseltreff/offers").json() == {
        "items": [
            {
                "id": api_world.rossel_offer.pk,
                "title": "Gartenrunde",
                "description": "",
                "category": "information",
                "provider": "AWO",
                "audience": "",
            }
        ],
        "count": 1,
    }


def test_dates_cancelled_and_moved_marked_nothing_else_shown(api_world, client):
    offer = api_world.plan.offer
    # The internal Teamsitzung has Mondays in January, Rosseltreff's Gartenrunde too: neither
    # is here. The date of the 21st stands on the 22nd, where it is held.
    assert client.get(JANUARY).json() == {
        "items": [
            cafe(7, "14:30", "16:30", offer=offer),
            cafe(14, "14:30", "16:30", cancelled=True, offer=offer),
            cafe(22, "15:00", "17:00", moved=True, original=21, offer=offer),
        ],
        "count": 3,
    }


def test_dates_of_the_other_treff(api_world, client):
    response = client.get("/api/v1/treffs/rosseltreff/dates?from=2027-01-04&to=2027-01-12")
    offer = api_world.rossel_offer.pk
    assert response.json() == {
        "items": [
            {
                "offer": offer,
                "title": "Gartenrunde",
                "start": f"2027-01-{day}T10:00:00+01:00",
                "end": f"2027-01-{day}T12:00:00+01:00",
                "room": "Garten",
                "cancelled": False,
                "moved": False,
                "original_date": f"2027-01-{day}",
            }
            for day in ("04", "11")
        ],
        "count": 2,
    }


def test_a_date_moved_into_summer_time_carries_plus_two(api_world, client):
    with scopes_disabled():
        services.series_change_save(
            change=SeriesChange(
                series=api_world.plan.series,
                original_date=dt.date(2027, 1, 28),
                new_date=dt.date(2027, 7, 1),
                new_start=dt.time(20),
                new_end=dt.time(0),
                reason="Sommerfest",
            ),
            cancel=False,
            user=api_world.users["coordinator"],
        )
    response = client.get("/api/v1/treffs/franztreff/dates?from=2027-07-01&to=2027-07-01")
    assert response.json() == {
        "items": [
            {
                "offer": api_world.plan.offer.pk,
                "title": "Seniorencafé",
                "start": "2027-07-01T20:00:00+02:00",
                # Ends at midnight: the next day's 00:00.
                "end": "2027-07-02T00:00:00+02:00",
                "room": "Gruppenraum",
                "cancelled": False,
                "moved": True,
                "original_date": "2027-01-28",
            }
        ],
        "count": 1,
    }


def test_dates_default_to_two_weeks_from_today(api_world, client, clock):
    clock.move_to("2027-01-10 09:00 +01:00")
    items = client.get("/api/v1/treffs/franztreff/dates").json()["items"]
    # 10 to 23 January: the cancelled 14th and the 22nd (moved from the 21st).
    assert [item["start"] for item in items] == [
        "2027-01-14T14:30:00+01:00",
        "2027-01-22T15:00:00+01:00",
    ]


def test_pagination(api_world, client):
    page = client.get(JANUARY + "&limit=1&offset=1").json()
    second = cafe(14, "14:30", "16:30", cancelled=True, offer=api_world.plan.offer)
    assert page == {"items": [second], "count": 3}
    assert client.get(JANUARY + "&offset=3").json() == {"items": [], "count": 3}


def test_partners_public_entries_and_fields_only(api_world, client):
    entry = {
        "id": api_world.public_partner.pk,
        "name": "Pflegestützpunkt",
        "category": "health",
        "description": "Beratung zur Pflege",
        "address": {"street": "Zerbster Straße 4", "postal_code": "06844", "city": "Dessau-Roßlau"},
        "phone": "0340 2040",
        "email": "",
        "website": "",
        "office_hours": "Di 9–12",
        "languages": ["de", "en"],
        "barrier_free": True,
        "accessibility": "Aufzug",
    }
    assert client.get("/api/v1/partners").json() == {"items": [entry], "count": 1}
    assert client.get("/api/v1/partners?language=en&barrier_free=true").json() == {
        "items": [entry],
        "count": 1,
    }
    assert client.get("/api/v1/partners?language=ar").json() == {"items": [], "count": 0}
    assert client.get("/api/v1/partners?category=debt").json() == {"items": [], "count": 0}


def test_figures_are_the_published_files(api_world, client):
    response = client.get("/api/v1/figures/2026")
    assert response.status_code == 200
    data = response.json()
    # The same figures as each Treff's open-data file (Audience.PUBLIC), Treff by Treff.
    published = []
    for treff in (api_world.franztreff, api_world.rosseltreff):
        with scope(treff=[treff.pk]):
            content = json.loads(opendata.as_json(treff, 2026, k=settings.TREFF_SMALL_CELL_K))
        published.append({"slug": treff.slug, "name": treff.name, "figures": content["figures"]})
    with translation.override("de"):
        rule = opendata.rule_text(5)
    assert data == {
        "year": 2026,
        "complete": False,
        "k": 5,
        "rule": rule,
        "license": {"id": "dl-de/by-2-0", "url": "https://www.govdata.de/dl-de/by-2-0"},
        "treffs": published,
    }
    assert data["treffs"][0]["figures"][0] == {
        "area": "visitors",
        "measure": "visitors",
        "measure_title": "Besuchende nach Art des Angebots",
        "row": "offener Treff",
        "value": 0,
        "status": "shown",
    }


def test_figures_of_last_year_are_complete(api_world, client):
    assert client.get("/api/v1/figures/2025").json()["complete"] is True


@pytest.mark.parametrize(
    ("url", "status", "loc"),
    [
        ("/api/v1/treffs/franztreff/dates?from=2027-02-30", 422, ["query", "from"]),
        ("/api/v1/treffs/franztreff/dates?from=gestern", 422, ["query", "from"]),
        ("/api/v1/treffs/franztreff/dates?from=2027-01-10&to=2027-01-09", 422, ["query", "days"]),
        # 93 days: one too many.
        ("/api/v1/treffs/franztreff/dates?from=2027-01-01&to=2027-04-03", 422, ["query", "days"]),
        ("/api/v1/treffs/franztreff/dates?from=9999-12-31", 422, ["query", "from"]),
        ("/api/v1/treffs/franztreff/offers?limit=0", 422, ["query", "limit"]),
        ("/api/v1/treffs/franztreff/offers?offset=99999999999999999999", 422, ["query", "offset"]),
        ("/api/v1/treffs/franz%00treff", 422, ["path", "slug"]),
        ("/api/v1/partners?category=unknown", 422, ["query", "category"]),
        ("/api/v1/partners?language=xx", 422, ["query", "language"]),
        ("/api/v1/figures/1999", 422, ["path", "year"]),
        ("/api/v1/figures/2100", 422, ["path", "year"]),
        ("/api/v1/figures/99999999999999999999999", 422, ["path", "year"]),
    ],
)
def test_bad_input_is_a_clear_422(api_world, client, url, status, loc):
    response = client.get(url)
    assert response.status_code == status
    assert [error["loc"] for error in response.json()["detail"]] == [loc]


def test_a_range_of_92_days_is_fine(api_world, client):
    response = client.get("/api/v1/treffs/franztreff/dates?from=2027-01-01&to=2027-04-02")
    # Every Thursday from 7 January to 25 March: twelve.
    assert (response.status_code, response.json()["count"]) == (200, 12)


def test_a_year_not_begun_is_a_404(api_world, client):
    response = client.get("/api/v1/figures/2027")
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "There are no figures for a year that has not begun."},
    )


def test_write_methods_are_refused(api_world, client):
    assert client.post("/api/v1/treffs", {}).status_code == 405
    assert client.delete("/api/v1/treffs/franztreff").status_code == 405


def test_logged_in_users_get_the_same_public_answer(api_world, client_for):
    # City staff see every Treff's internal offers elsewhere; here only the public ones.
    client = client_for("city")
    assert client.get("/api/v1/treffs/franztreff/offers").json()["count"] == 1
    assert client.get(JANUARY).json()["count"] == 3


def test_the_root_names_the_schema(client, db):
    assert client.get("/api/v1/").json() == {"openapi": "/api/v1/openapi.json"}


def test_schema_is_openapi_3_without_docs_page(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert sorted(schema["paths"]) == [
        "/api/v1/figures/{year}",
        "/api/v1/partners",
        "/api/v1/treffs",
        "/api/v1/treffs/{slug}",
        "/api/v1/treffs/{slug}/dates",
        "/api/v1/treffs/{slug}/offers",
    ]
    # Swagger UI would load its scripts from a CDN: there is none.
    assert client.get("/api/v1/docs").status_code == 404


def _more(world):
    """Two more public offers at Franztreff with weekly dates in January, three more public
    partner entries, another Treff's opening hours: the query counts must not change."""
    with scopes_disabled():
        for weekday in (1, 2):
            add_offer(
                world.franztreff,
                world.room,
                world.users["coordinator"],
                f"Kurs {weekday}",
                weekday=weekday,
            )
        for i in range(3):
            PartnerService.objects.create(name=f"Stelle {i}", category="debt", public=True)
        OpeningHours.objects.create(
            treff=world.rosseltreff, weekday=2, opens=dt.time(9), closes=dt.time(12)
        )


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # Treffs with carriers, their opening hours.
        ("/api/v1/treffs", 2),
        # The Treff with its carrier, its opening hours.
        ("/api/v1/treffs/franztreff", 2),
        # The Treff, the count, the page.
        ("/api/v1/treffs/franztreff/offers", 3),
        (JANUARY, 3),
        # The count, the page.
        ("/api/v1/partners", 2),
        # The Treffs, their opening hours (read, not used), then one report per Treff: the
        # count grows with the Treffs (each suppressed on its own, as its published file),
        # never with the rows.
        ("/api/v1/figures/2026", FIGURES_QUERIES),
    ],
)
def test_query_counts_do_not_grow_with_rows(
    api_world, client, django_assert_num_queries, url, queries
):
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    _more(api_world)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
