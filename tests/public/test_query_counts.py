"""The public pages read a fixed number of queries, however many offers a Treff has.

Pinned exactly, so a new query on a page visitors load most fails here first; each page is
read with the plan world's one offer and again with ten more public offers, each meeting
every weekday of the two weeks the Treff page shows.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from treff.offers import services
from treff.offers.models import Offer, Series

from ..conftest import TODAY
from ..factories import RoomFactory

# Anonymous visitors: no session, no user, no membership is read.
QUERIES = {"home": 2, "treff": 6, "offer": 3}


def add_public_offers(world, count: int) -> None:
    """`count` public offers at Franztreff, each weekly on Monday to Friday in its own room."""
    user = world.users["coordinator"]
    with scopes_disabled():
        for n in range(count):
            offer = services.offer_save(
                offer=Offer(title=f"Angebot {n}", category="leisure", provider=world.drk),
                treff=world.franztreff,
                user=user,
            )
            services.series_save(
                series=Series(
                    offer=offer,
                    kind="weekly",
                    weekdays=[0, 1, 2, 3, 4],
                    starts_on=TODAY,
                    ends_on=TODAY + dt.timedelta(days=27),
                    start_time=dt.time(10),
                    end_time=dt.time(11),
                    room=RoomFactory(treff=world.franztreff, name=f"Raum {n}"),
                ),
                user=user,
            )


@pytest.mark.parametrize("extra", [0, 10])
def test_public_pages_read_a_fixed_number_of_queries(
    client, plan_world, django_assert_num_queries, extra
):
    add_public_offers(plan_world, extra)
    offer = plan_world.plan.offer.pk
    with translation.override("de"):
        paths = {
            "home": reverse("public:home"),
            "treff": reverse("public:treff", kwargs={"slug": "franztreff"}),
            "offer": reverse("public:offer", kwargs={"slug": "franztreff", "pk": offer}),
        }
    shown = {}
    for name, path in paths.items():
        with django_assert_num_queries(QUERIES[name]):
            response = client.get(path)
        shown[name] = (response.status_code, response.content.count(b"Angebot "))
    # The extra offers are on the page: five dates a week for two weeks each, and the list.
    assert shown == {
        "home": (200, 0),
        "treff": (200, 11 * extra),
        "offer": (200, 0),
    }
