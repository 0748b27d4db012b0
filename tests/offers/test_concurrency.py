"""Two people book the same room at the same moment: exactly one succeeds.

Runs on a file SQLite database (writers are serialised by IMMEDIATE transactions) and on
PostgreSQL (the exclusion constraint refuses the second insert), each writer in its own
thread with its own connection.
"""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import translation
from django_scopes import scopes_disabled

from treff.offers import services
from treff.offers.models import Occurrence, Offer, Series


@pytest.fixture
def offers(world, transactional_db):
    with scopes_disabled():
        return [
            Offer.objects.create(
                treff=world.franztreff, title=title, category="leisure", provider=world.drk
            )
            for title in ("Malkurs", "Nähcafé")
        ]


def _book(offer, room, user, barrier, results):
    try:
        with translation.override("en"), scopes_disabled():
            series = Series(
                offer=offer,
                kind="weekly",
                weekdays=[2],
                starts_on=dt.date(2027, 1, 13),
                ends_on=dt.date(2027, 2, 3),
                start_time=dt.time(15),
                end_time=dt.time(17),
                room=room,
            )
            barrier.wait(timeout=10)
            services.series_save(series=series, user=user)
            results.append(("saved", offer.title))
    except ValidationError as error:
        results.append(("refused", error.messages[0]))
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_of_two_simultaneous_conflicting_bookings_exactly_one_succeeds(world, offers):
    barrier = threading.Barrier(2)
    results = []
    threads = [
        threading.Thread(
            target=_book, args=(offer, world.room, world.users["coordinator"], barrier, results)
        )
        for offer in offers
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    outcomes = sorted(kind for kind, _ in results)
    assert outcomes == ["refused", "saved"]
    winner = next(title for kind, title in results if kind == "saved")
    refusal = next(text for kind, text in results if kind == "refused")
    assert refusal == (f"Room Gruppenraum is already booked on 13/01/2027 at 15:00 by “{winner}”.")
    with scopes_disabled():
        assert Occurrence.objects.count() == 4
        assert Series.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="exclusion constraints: PostgreSQL")
def test_postgresql_itself_refuses_overlapping_occurrences(world, offers):
    """Even a write that skips the services cannot double-book a room."""
    with scopes_disabled():
        series = services.series_save(
            series=Series(
                offer=offers[0],
                kind="once",
                starts_on=dt.date(2027, 1, 13),
                ends_on=dt.date(2027, 1, 13),
                start_time=dt.time(15),
                end_time=dt.time(17),
                room=world.room,
            ),
            user=world.users["coordinator"],
        )
        first = Occurrence.objects.get(series=series)
        with pytest.raises(IntegrityError) as error, transaction.atomic():
            Occurrence.objects.create(
                treff=world.franztreff,
                series=series,
                room=world.room,
                original_date=dt.date(2027, 1, 14),
                start=first.start + dt.timedelta(hours=1),
                end=first.end + dt.timedelta(hours=1),
            )
    assert "offers_occurrence_no_room_overlap" in str(error.value)
