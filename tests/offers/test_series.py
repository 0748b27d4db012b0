"""Series through the services: rules, rooms, conflicts, single-date changes, closures."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django_scopes import scopes_disabled

from treff.offers import services
from treff.offers.models import ClosureDay, Occurrence, Offer, Series, SeriesChange

from ..factories import RoomFactory


@pytest.fixture(autouse=True)
def _english_and_unscoped():
    with translation.override("en"), scopes_disabled():
        yield


@pytest.fixture
def offer(world):
    return services.offer_save(
        offer=Offer(title="Beratung", category="social_counselling", provider=world.drk),
        treff=world.franztreff,
        user=world.users["coordinator"],
    )


def _series(offer, room, **overrides):
    values = {
        "offer": offer,
        "kind": "weekly",
        "weekdays": [1],
        "starts_on": dt.date(2027, 1, 5),
        "ends_on": dt.date(2027, 2, 23),
        "start_time": dt.time(10),
        "end_time": dt.time(12),
        "room": room,
    }
    values.update(overrides)
    return Series(**values)


def _dates(series):
    return [
        occ.original_date.isoformat()
        for occ in Occurrence.objects.filter(series=series, cancelled=False).order_by("start")
    ]


def test_a_fortnightly_series_is_stored_with_its_dates_and_rule(world, offer):
    series = services.series_save(
        series=_series(offer, world.room, interval=2), user=world.users["coordinator"]
    )
    assert _dates(series) == ["2027-01-05", "2027-01-19", "2027-02-02", "2027-02-16"]
    assert series.rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270223T225959Z"
    assert series.treff == world.franztreff


def test_an_overlapping_series_in_the_same_room_is_refused_and_named(world, offer):
    user = world.users["coordinator"]
    services.series_save(series=_series(offer, world.room), user=user)
    other = Offer.objects.create(
        treff=world.franztreff, title="Sprechstunde", category="information", provider=world.drk
    )
    with pytest.raises(ValidationError) as error:
        services.series_save(
            series=_series(other, world.room, start_time=dt.time(11), end_time=dt.time(13)),
            user=user,
        )
    assert error.value.messages[:2] == [
        "Room Gruppenraum is already booked on 05/01/2027 at 11:00 by “Beratung”.",
        "Room Gruppenraum is already booked on 12/01/2027 at 11:00 by “Beratung”.",
    ]
    assert error.value.messages[-1] == "… and 3 more conflicts."
    assert Series.objects.filter(offer=other).exists() is False


def test_back_to_back_bookings_do_not_conflict(world, offer):
    user = world.users["coordinator"]
    services.series_save(series=_series(offer, world.room), user=user)
    later = services.series_save(
        series=_series(offer, world.room, start_time=dt.time(12), end_time=dt.time(13)), user=user
    )
    assert len(_dates(later)) == 8


def test_a_person_cannot_be_in_two_rooms_at_once(world, offer):
    user = world.users["coordinator"]
    second_room = RoomFactory(treff=world.franztreff, name="Küche")
    services.series_save(series=_series(offer, world.room, responsible=user), user=user)
    with pytest.raises(ValidationError) as error:
        services.series_save(
            series=_series(offer, second_room, responsible=user, starts_on=dt.date(2027, 2, 23)),
            user=user,
        )
    assert error.value.messages == [
        f"{user} is already busy on 23/02/2027 at 10:00 with “Beratung”."
    ]


def test_a_persons_booking_in_another_treff_is_named_only_as_another_appointment(world, offer):
    """Counsellors work in several Treffs; what the coordinator may not see stays hidden."""
    counsellor = world.users["counsellor"]
    rosseltreff_offer = Offer.objects.create(
        treff=world.rosseltreff, title="Geheim", category="crisis", provider=world.awo
    )
    services.series_save(
        series=_series(rosseltreff_offer, world.other_room, responsible=counsellor),
        user=world.users["outsider"],
    )
    with pytest.raises(ValidationError) as error:
        services.series_save(
            series=_series(offer, world.room, responsible=counsellor, ends_on=dt.date(2027, 1, 5)),
            user=world.users["coordinator"],
        )
    assert error.value.messages == [
        f"{counsellor} is already busy on 05/01/2027 at 10:00 with “another appointment”."
    ]


def test_a_room_of_another_treff_is_refused(world, offer):
    with pytest.raises(ValidationError) as error:
        services.series_save(
            series=_series(offer, world.other_room), user=world.users["coordinator"]
        )
    assert error.value.message_dict == {"room": ["This room belongs to another Treff."]}


def test_a_room_too_small_or_not_barrier_free_is_refused(world, offer):
    user = world.users["coordinator"]
    with pytest.raises(ValidationError) as error:
        services.series_save(series=_series(offer, world.room, expected_participants=30), user=user)
    assert error.value.message_dict == {
        "room": ["The room “Gruppenraum” holds 10 people, but 30 are expected."]
    }
    steps = RoomFactory(treff=world.franztreff, name="Keller", barrier_free=False)
    with pytest.raises(ValidationError) as error:
        services.series_save(series=_series(offer, steps), user=user)
    assert error.value.message_dict == {"room": ["The room “Keller” is not barrier-free."]}


def test_public_holidays_are_skipped(world, offer):
    """Reformationstag (31 Oct) and Christmas are holidays in Sachsen-Anhalt."""
    series = services.series_save(
        series=_series(
            offer,
            world.room,
            weekdays=[5],
            starts_on=dt.date(2026, 10, 24),
            ends_on=dt.date(2026, 11, 7),
        ),
        user=world.users["coordinator"],
    )
    assert _dates(series) == ["2026-10-24", "2026-11-07"]


def test_a_single_date_on_a_holiday_is_refused_with_a_message(world, offer):
    with pytest.raises(ValidationError) as error:
        services.series_save(
            series=_series(
                offer,
                world.room,
                kind="once",
                weekdays=[],
                starts_on=dt.date(2026, 12, 25),
                ends_on=dt.date(2026, 12, 25),
            ),
            user=world.users["coordinator"],
        )
    assert error.value.messages == [
        "This rule produces no date between 25/12/2026 and 25/12/2026 (public holidays and "
        "closure days are skipped)."
    ]


def test_a_flagged_holiday_keeps_the_date_and_names_the_holiday(world, offer):
    series = services.series_save(
        series=_series(
            offer,
            world.room,
            kind="once",
            weekdays=[],
            starts_on=dt.date(2026, 12, 25),
            ends_on=dt.date(2026, 12, 25),
            holiday_policy="flag",
        ),
        user=world.users["coordinator"],
    )
    assert list(Occurrence.objects.filter(series=series).values_list("holiday", flat=True)) == [
        "Erster Weihnachtstag"
    ]


def test_a_cancelled_date_can_be_restored(world, offer):
    user = world.users["coordinator"]
    series = services.series_save(series=_series(offer, world.room), user=user)
    change = services.series_change_save(
        change=SeriesChange(series=series, original_date=dt.date(2027, 1, 12), reason="Krank"),
        cancel=True,
        user=user,
    )
    assert "2027-01-12" not in _dates(series)
    services.series_change_restore(change=change, user=user)
    assert "2027-01-12" in _dates(series)
    assert SeriesChange.objects.count() == 0


def test_a_moved_date_is_checked_for_conflicts_at_its_new_time(world, offer):
    user = world.users["coordinator"]
    series = services.series_save(series=_series(offer, world.room), user=user)
    blocker = Offer.objects.create(
        treff=world.franztreff, title="Kochkurs", category="leisure", provider=world.drk
    )
    services.series_save(
        series=_series(
            blocker,
            world.room,
            kind="once",
            weekdays=[],
            starts_on=dt.date(2027, 1, 13),
            ends_on=dt.date(2027, 1, 13),
        ),
        user=user,
    )
    with pytest.raises(ValidationError) as error:
        services.series_change_save(
            change=SeriesChange(
                series=series,
                original_date=dt.date(2027, 1, 12),
                new_date=dt.date(2027, 1, 13),
                reason="Feiertag",
            ),
            cancel=False,
            user=user,
        )
    assert error.value.messages == [
        "Room Gruppenraum is already booked on 13/01/2027 at 10:00 by “Kochkurs”."
    ]
    assert "2027-01-12" in _dates(series)


def test_restoring_into_a_slot_taken_meanwhile_is_refused(world, offer):
    user = world.users["coordinator"]
    series = services.series_save(series=_series(offer, world.room), user=user)
    change = services.series_change_save(
        change=SeriesChange(series=series, original_date=dt.date(2027, 1, 12), reason="Krank"),
        cancel=True,
        user=user,
    )
    other = Offer.objects.create(
        treff=world.franztreff, title="Lesung", category="information", provider=world.drk
    )
    services.series_save(
        series=_series(
            other,
            world.room,
            kind="once",
            weekdays=[],
            starts_on=dt.date(2027, 1, 12),
            ends_on=dt.date(2027, 1, 12),
        ),
        user=user,
    )
    with pytest.raises(ValidationError) as error:
        services.series_change_restore(change=change, user=user)
    assert error.value.messages == [
        "Room Gruppenraum is already booked on 12/01/2027 at 10:00 by “Lesung”."
    ]
    assert SeriesChange.objects.filter(series=series).count() == 1


def test_a_closure_day_removes_the_date_and_removing_it_brings_it_back(world, offer):
    user = world.users["coordinator"]
    series = services.series_save(series=_series(offer, world.room), user=user)
    closure = services.closure_add(
        closure=ClosureDay(date=dt.date(2027, 1, 19), reason="Renovierung"),
        treff=world.franztreff,
        user=user,
    )
    assert "2027-01-19" not in _dates(series)
    services.closure_delete(closure=closure, user=user)
    assert "2027-01-19" in _dates(series)


def test_a_stale_form_does_not_overwrite_a_newer_change(world, offer):
    user = world.users["coordinator"]
    series = services.series_save(series=_series(offer, world.room), user=user)
    opened_with = series.version
    services.series_save(series=Series.objects.get(pk=series.pk), user=user)  # someone else
    stale = Series.objects.get(pk=series.pk)
    stale.start_time = dt.time(8)
    with pytest.raises(ValidationError) as error:
        services.series_save(series=stale, user=user, expected_version=opened_with)
    assert error.value.messages == [
        "Someone else changed this series while you were editing it. Nothing has been saved; "
        "please reload the page and enter your change again."
    ]
    assert Series.objects.get(pk=series.pk).start_time == dt.time(10)


def test_daylight_saving_keeps_the_local_time(world, offer):
    series = services.series_save(
        series=_series(
            offer,
            world.room,
            weekdays=[6],
            starts_on=dt.date(2027, 3, 21),
            ends_on=dt.date(2027, 4, 4),
        ),
        user=world.users["coordinator"],
    )
    utc_hours = [
        occ.start.astimezone(dt.UTC).hour
        for occ in Occurrence.objects.filter(series=series).order_by("start")
    ]
    assert utc_hours == [9, 8, 8]  # 10:00 CET, then 10:00 CEST after 28 March
