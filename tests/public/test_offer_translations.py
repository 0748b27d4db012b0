"""Offer titles and descriptions on the public pages: the reader's language, else German."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from treff.offers import services
from treff.offers.models import Offer

pytestmark = pytest.mark.django_db

THURSDAY = dt.datetime(2027, 1, 7, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def _translate(world, **texts):
    with scopes_disabled():
        services.offer_translations_save(
            offer=world.plan.offer, texts=texts, user=world.users["coordinator"]
        )


def test_a_ukrainian_title_saved_by_the_coordinator_shows_on_the_ukrainian_page(
    plan_world, client_for
):
    pk = plan_world.plan.offer.pk
    response = client_for("coordinator").post(
        reverse("offers:offer_translations", args=["franztreff", pk]),
        {"title_uk": "Кафе для літніх людей"},
    )
    assert response.status_code == 302
    client = client_for("anonymous")
    page = client.get("/uk/franztreff/").content.decode()
    assert (
        f'<a class="kern-link" href="/uk/franztreff/angebote/{pk}/">Кафе для літніх людей</a>'
        in page
    )
    assert "Seniorencafé" not in page
    # Turkish has no title: German, marked as German.
    page = client.get("/tr/franztreff/").content.decode()
    assert (
        f'<a class="kern-link" href="/tr/franztreff/angebote/{pk}/" lang="de" dir="ltr">'
        "Seniorencafé</a>" in page
    )


def test_the_offer_page_reads_title_and_description_separately(plan_world, client):
    with scopes_disabled():
        Offer.objects.filter(pk=plan_world.plan.offer.pk).update(description="Kaffee und Kuchen")
    _translate(plan_world, ar={"title": "مقهى كبار السن"})
    url = f"/franztreff/angebote/{plan_world.plan.offer.pk}/"
    page = client.get("/ar" + url).content.decode()
    assert "<title>مقهى كبار السن – Franztreff" in page
    assert '<h1 class="kern-heading-x-large">مقهى كبار السن</h1>' in page
    assert '<p class="kern-body" lang="de" dir="ltr">Kaffee und Kuchen</p>' in page
    # German pages have no marks at all.
    page = client.get("/de" + url).content.decode()
    assert '<h1 class="kern-heading-x-large">Seniorencafé</h1>' in page
    assert '<p class="kern-body">Kaffee und Kuchen</p>' in page


def test_the_week_plan_shows_translated_titles_in_leichte_sprache(plan_world, client, clock):
    clock.move_to(THURSDAY)
    _translate(plan_world, **{"de-x-ls": {"title": "Café für ältere Menschen"}})
    pk = plan_world.plan.offer.pk
    page = client.get("/de-x-ls/franztreff/").content.decode()
    link = (
        f'<a class="kern-link" href="/de-x-ls/franztreff/angebote/{pk}/">'
        "Café für ältere Menschen</a>"
    )
    assert page.count(link) == 3  # this week's date, next week's date, the list of offers
    assert "Seniorencafé" not in page


def _treff_page_queries(client, language) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/{language}/franztreff/").status_code == 200
    return len(queries)


@pytest.mark.parametrize("language", ["de", "uk"])
def test_translations_are_read_with_one_query_for_all_offers(plan_world, client, clock, language):
    clock.move_to(THURSDAY)
    _translate(plan_world, uk={"title": "Кафе"})
    one = _treff_page_queries(client, language)
    with scopes_disabled():
        for number in range(3):
            offer = services.offer_save(
                offer=Offer(title=f"Angebot {number}", category="leisure", provider=plan_world.drk),
                treff=plan_world.franztreff,
                user=plan_world.users["coordinator"],
            )
            services.offer_translations_save(
                offer=offer,
                texts={"uk": {"title": f"Пропозиція {number}"}},
                user=plan_world.users["coordinator"],
            )
    assert _treff_page_queries(client, language) == one
    offer_url = f"/{language}/franztreff/angebote/{plan_world.plan.offer.pk}/"
    with CaptureQueriesContext(connection) as queries:
        client.get(offer_url)
    german = _offer_page_queries_in_german(client, plan_world)
    assert len(queries) == german + (1 if language == "uk" else 0)


def _offer_page_queries_in_german(client, world) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/de/franztreff/angebote/{world.plan.offer.pk}/")
    return len(queries)
