"""A public plan for the two weeks around TODAY (Monday 30 November 2026).

Franztreff: the Seniorencafé every Thursday 14:30–16:30 (3 December cancelled, 10 December
moved to Friday 11 December 15:00–17:00), lunch every Wednesday 12:00–13:30 with a menu on
2 December, debt counselling every Tuesday 10:00–12:00, and an internal team meeting every
Monday that no public page may show. Rosseltreff: a garden group every Monday.
"""

import datetime as dt
from dataclasses import dataclass

import pytest
from django_scopes import scopes_disabled

from treff.offers import services
from treff.offers.models import Offer, Series, SeriesChange
from treff.operations.models import LunchDay


@dataclass
class PublicObjects:
    cafe: Offer
    lunch: Offer
    counselling: Offer
    internal: Offer
    garden: Offer


def _weekly(offer, *, weekday, start, end, room, user):
    return services.series_save(
        series=Series(
            offer=offer,
            kind="weekly",
            weekdays=[weekday],
            starts_on=dt.date(2026, 11, 2),
            ends_on=dt.date(2027, 1, 31),
            start_time=start,
            end_time=end,
            room=room,
        ),
        user=user,
    )


def _offer(world, treff, user, **fields):
    return services.offer_save(
        offer=Offer(provider=world.drk if treff == world.franztreff else world.awo, **fields),
        treff=treff,
        user=user,
    )


@pytest.fixture
def public_world(world):
    franz, rossel = world.franztreff, world.rosseltreff
    coordinator, outsider = world.users["coordinator"], world.users["outsider"]
    with scopes_disabled():
        cafe = _offer(world, franz, coordinator, title="Seniorencafé", category="leisure")
        cafe_series = _weekly(
            cafe,
            weekday=3,
            start=dt.time(14, 30),
            end=dt.time(16, 30),
            room=world.room,
            user=coordinator,
        )
        services.series_change_save(
            change=SeriesChange(
                series=cafe_series, original_date=dt.date(2026, 12, 3), reason="Krank"
            ),
            cancel=True,
            user=coordinator,
        )
        services.series_change_save(
            change=SeriesChange(
                series=cafe_series,
                original_date=dt.date(2026, 12, 10),
                new_date=dt.date(2026, 12, 11),
                new_start=dt.time(15),
                new_end=dt.time(17),
                reason="Weihnachtsmarkt",
            ),
            cancel=False,
            user=coordinator,
        )
        lunch = _offer(world, franz, coordinator, title="Mittagstisch", category="lunch")
        _weekly(
            lunch,
            weekday=2,
            start=dt.time(12),
            end=dt.time(13, 30),
            room=world.room,
            user=coordinator,
        )
        LunchDay.objects.create(
            treff=franz,
            date=dt.date(2026, 12, 2),
            menu="Kartoffelsuppe mit Brot",
            allergens=["gluten", "celery"],
        )
        counselling = _offer(
            world, franz, coordinator, title="Schuldnerberatung", category="visiting_counselling"
        )
        _weekly(
            counselling,
            weekday=1,
            start=dt.time(10),
            end=dt.time(12),
            room=world.room,
            user=coordinator,
        )
        internal = _offer(
            world, franz, coordinator, title="Teamsitzung", category="information", public=False
        )
        _weekly(
            internal,
            weekday=0,
            start=dt.time(9),
            end=dt.time(10),
            room=world.room,
            user=coordinator,
        )
        garden = _offer(world, rossel, outsider, title="Gartengruppe", category="leisure")
        _weekly(
            garden,
            weekday=0,
            start=dt.time(15),
            end=dt.time(17),
            room=world.other_room,
            user=outsider,
        )
    world.public = PublicObjects(cafe, lunch, counselling, internal, garden)
    return world
