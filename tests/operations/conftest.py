"""Fixtures for daily operations, on top of `world` and `plan_world` (tests/conftest.py).

`operations_objects(world)` is also what the access matrix needs: call it from a fixture
there and use its ids for the URL arguments.
"""

import datetime as dt
import uuid
from dataclasses import dataclass

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from treff.offers import services as offer_services
from treff.offers.models import Occurrence, Offer, Series
from treff.operations.models import Donation, LunchDay, SwapEvent


@dataclass
class OperationsObjects:
    offer: object  # Franztreff's Mittagstisch offer
    series: object  # weekly on today's weekday, four weeks back and ahead
    occurrence: object  # today's (or the last past) date of that series
    lunch: object  # a lunch day of Franztreff, yesterday
    swap: object  # a clothes swap of Franztreff, last week
    donation: object
    other_series: object  # Rosseltreff's series, for scoping tests
    other_occurrence: object


def operations_objects(world) -> OperationsObjects:
    """Past and present operations data in Franztreff (and one series in Rosseltreff)."""
    today = timezone.localdate()
    coordinator = world.users["coordinator"]
    with scopes_disabled():
        offer = offer_services.offer_save(
            offer=Offer(title="Mittagstisch", category="lunch", provider=world.drk),
            treff=world.franztreff,
            user=coordinator,
        )
        series = _weekly(offer, world.room, today, coordinator)
        other_offer = offer_services.offer_save(
            offer=Offer(title="Kleiderkammer", category="clothing", provider=world.awo),
            treff=world.rosseltreff,
            user=world.users["outsider"],
        )
        other_series = _weekly(other_offer, world.other_room, today, world.users["outsider"])
        lunch = LunchDay.objects.create(
            treff=world.franztreff,
            date=today - dt.timedelta(days=1),
            menu="Kartoffelsuppe mit Brot",
            allergens=["gluten", "celery"],
            portions_planned=30,
            portions_served=28,
            guests=26,
        )
        swap = SwapEvent.objects.create(
            treff=world.franztreff,
            date=today - dt.timedelta(days=7),
            title="Kleidertausch im Herbst",
            visitors=14,
            items_brought=80,
            items_taken=65,
        )
        donation = Donation.objects.create(
            treff=world.franztreff,
            date=today - dt.timedelta(days=2),
            category="jackets",
            size_group="adult_lxl",
            season="winter",
            quantity=10,
            condition="good",
        )
        return OperationsObjects(
            offer,
            series,
            _latest(series, today),
            lunch,
            swap,
            donation,
            other_series,
            _latest(other_series, today),
        )


def _weekly(offer, room, today, user) -> Series:
    return offer_services.series_save(
        series=Series(
            offer=offer,
            kind="weekly",
            weekdays=[today.weekday()],
            starts_on=today - dt.timedelta(days=28),
            ends_on=today + dt.timedelta(days=28),
            start_time=dt.time(11),
            end_time=dt.time(13),
            room=room,
            holiday_policy="flag",
        ),
        user=user,
    )


def _latest(series, today) -> Occurrence:
    return (
        Occurrence.objects.filter(series=series, original_date__lte=today, cancelled=False)
        .order_by("original_date")
        .last()
    )


@pytest.fixture
def ops_world(world):
    world.operations = operations_objects(world)
    return world


@pytest.fixture
def new_key():
    return lambda: str(uuid.uuid4())
