"""Room and person double bookings."""

import itertools
import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import translation

from treff.offers.engine import (
    Change,
    Conflict,
    Kind,
    Occurrence,
    Recurrence,
    SeriesSpec,
    conflicts_between,
    expand,
    find_conflicts,
)

BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2026, 6, 2)


def occ(
    series_id,
    start,
    end,
    *,
    room_id=1,
    person_ids=(),
    day=DAY,
    original_date=None,
    cancelled=False,
    label="",
):
    return Occurrence(
        series_id=series_id,
        original_date=original_date or day,
        start=datetime.combine(day, start, tzinfo=BERLIN),
        end=datetime.combine(day, end, tzinfo=BERLIN),
        room_id=room_id,
        person_ids=frozenset(person_ids),
        treff_id=1,
        label=label or f"Offer {series_id}",
        cancelled=cancelled,
    )


def summary(conflicts):
    return [(c.kind, c.resource_id, c.first.series_id, c.second.series_id) for c in conflicts]


def test_room_overlap_is_a_conflict():
    a = occ(1, time(10), time(12))
    b = occ(2, time(11), time(13))
    assert find_conflicts([b, a]) == [Conflict("room", 1, a, b)]


def test_person_overlap_in_different_rooms_is_a_conflict():
    a = occ(1, time(10), time(12), room_id=1, person_ids={50, 51})
    b = occ(2, time(11, 30), time(12, 30), room_id=2, person_ids={51})
    assert summary(find_conflicts([a, b])) == [("person", 51, 1, 2)]


def test_touching_intervals_do_not_conflict():
    a = occ(1, time(10), time(12), person_ids={50})
    b = occ(2, time(12), time(14), person_ids={50})
    assert find_conflicts([a, b]) == []


def test_cancelled_occurrence_does_not_conflict():
    a = occ(1, time(10), time(12))
    b = occ(2, time(10), time(12), cancelled=True)
    assert find_conflicts([a, b]) == []


def test_occurrence_does_not_conflict_with_itself():
    a = occ(1, time(10), time(12))
    assert find_conflicts([a, a]) == []


def test_different_rooms_and_people_do_not_conflict():
    a = occ(1, time(10), time(12), room_id=1, person_ids={50})
    b = occ(2, time(10), time(12), room_id=2, person_ids={51})
    c = occ(3, time(10), time(12), room_id=None, person_ids=())
    assert find_conflicts([a, b, c]) == []


def test_room_and_shared_people_each_give_a_conflict_rooms_first():
    a = occ(1, time(10), time(12), person_ids={50, 51})
    b = occ(2, time(11), time(12), person_ids={50, 51})
    assert summary(find_conflicts([a, b])) == [
        ("room", 1, 1, 2),
        ("person", 50, 1, 2),
        ("person", 51, 1, 2),
    ]


def test_long_booking_conflicts_with_every_overlapping_one_in_start_order():
    long = occ(1, time(9), time(17))
    morning = occ(2, time(9), time(10))
    noon = occ(3, time(12), time(13))
    evening = occ(4, time(17), time(18))  # touches the end: no conflict
    # Equal starts: the shorter booking counts as the earlier one.
    assert summary(find_conflicts([evening, noon, morning, long])) == [
        ("room", 1, 2, 1),
        ("room", 1, 1, 3),
    ]


def test_conflicts_are_ordered_by_start_then_resource():
    late = [occ(1, time(15), time(16), room_id=1), occ(2, time(15), time(16), room_id=1)]
    early = [occ(3, time(9), time(10), room_id=5), occ(4, time(9), time(10), room_id=5)]
    same_time = [occ(5, time(9), time(10), room_id=2), occ(6, time(9), time(10), room_id=2)]
    assert summary(find_conflicts(late + early + same_time)) == [
        ("room", 2, 5, 6),
        ("room", 5, 3, 4),
        ("room", 1, 1, 2),
    ]


def test_moved_occurrence_conflicts_at_its_new_time():
    rec = Recurrence(Kind.WEEKLY, date(2026, 6, 1), date(2026, 6, 30), weekdays=(0,))
    monday = SeriesSpec(1, rec, time(10), time(12), room_id=1, label="Sprachcafé")
    wednesday_rec = Recurrence(Kind.WEEKLY, date(2026, 6, 1), date(2026, 6, 30), weekdays=(2,))
    wednesday = SeriesSpec(2, wednesday_rec, time(14), time(16), room_id=1, label="Nähkurs")
    window = {"tz": BERLIN, "window_start": date(2026, 6, 1), "window_end": date(2026, 6, 30)}
    before = expand(monday, **window) + expand(wednesday, **window)
    assert find_conflicts(before) == []

    changes = {
        date(2026, 6, 8): Change(date(2026, 6, 8), new_date=date(2026, 6, 10), new_start=time(15))
    }
    after = expand(monday, changes=changes, **window) + expand(wednesday, **window)
    [conflict] = find_conflicts(after)
    assert (conflict.kind, conflict.first.series_id, conflict.second.series_id) == ("room", 2, 1)
    assert (conflict.second.original_date, conflict.second.start, conflict.second.moved) == (
        date(2026, 6, 8),
        datetime(2026, 6, 10, 15, tzinfo=BERLIN),
        True,
    )


def test_conflicts_between_ignores_existing_pairs_and_puts_existing_first():
    existing_a = occ(1, time(10), time(12))
    existing_b = occ(2, time(11), time(13))  # clashes with a, but both are stored already
    new = occ(3, time(11, 30), time(12, 30), label="Neu")
    assert summary(conflicts_between([new], [existing_a, existing_b])) == [
        ("room", 1, 1, 3),
        ("room", 1, 2, 3),
    ]


def test_conflicts_between_checks_new_occurrences_among_themselves():
    new_a = occ(3, time(10), time(11))
    new_b = occ(4, time(10, 30), time(11, 30))
    assert summary(conflicts_between([new_b, new_a], [])) == [("room", 1, 3, 4)]


def test_moved_occurrence_is_not_in_conflict_with_its_own_stored_original():
    stored = occ(1, time(10), time(12), original_date=DAY)
    moved = occ(1, time(11), time(13), original_date=DAY)
    assert conflicts_between([moved], [stored]) == []


def test_conflict_messages():
    a = occ(1, time(10), time(12), person_ids={50}, label="Mittagstisch")
    b = occ(2, time(11), time(13), person_ids={50})
    room, person = find_conflicts([a, b])
    with translation.override("en"):
        assert room.message(room_name={1: "Saal"}.get) == (
            "Room Saal is already booked on 2026-06-02 11:00 by “Mittagstisch”."
        )
        assert person.message(
            person_name={50: "Frau Weber"}.get, format_dt=lambda dt: dt.strftime("%d.%m. %H:%M")
        ) == ("Frau Weber is already busy on 02.06. 11:00 with “Mittagstisch”.")


def test_timestamps_order_the_repeated_hour_when_dst_ends():
    # 2026-10-25 02:30 happens twice in Berlin; fold=1 is the second (CET) one, an hour later.
    day = date(2026, 10, 25)
    first = Occurrence(
        1,
        day,
        datetime(2026, 10, 25, 2, 0, tzinfo=BERLIN),
        datetime(2026, 10, 25, 2, 45, tzinfo=BERLIN),
        room_id=1,
        person_ids=frozenset(),
        treff_id=1,
        label="a",
    )
    second = Occurrence(
        2,
        day,
        datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=BERLIN),
        datetime(2026, 10, 25, 3, 0, tzinfo=BERLIN),
        room_id=1,
        person_ids=frozenset(),
        treff_id=1,
        label="b",
    )
    # By wall clock they would overlap (02:30 < 02:45); in real time the second starts later.
    assert find_conflicts([first, second]) == []


def test_conflicts_between_finds_people_shared_with_existing_bookings_elsewhere():
    existing = [
        occ(1, time(10), time(12), room_id=1, person_ids={50}),
        occ(2, time(10), time(12), room_id=3, person_ids={60}),
    ]
    new = occ(3, time(11), time(12), room_id=2, person_ids={50})
    assert summary(conflicts_between([new], existing)) == [("person", 50, 1, 3)]


def test_sweep_finds_exactly_the_pairs_a_brute_force_comparison_finds():
    rng = random.Random(7)  # noqa: S311 - reproducible test data
    occurrences = []
    for series_id in range(300):
        start = rng.randrange(8 * 60, 18 * 60, 15)
        end = start + rng.choice([15, 30, 60, 90, 120])
        occurrences.append(
            occ(
                series_id,
                time(start // 60, start % 60),
                time(end // 60, end % 60),
                room_id=rng.choice([None, 1, 2, 3, 4]),
                person_ids=set(rng.sample(range(10), rng.randint(0, 2))),
                day=DAY + timedelta(days=rng.randrange(3)),
                cancelled=rng.random() < 0.1,
            )
        )
    expected = set()
    for a, b in itertools.combinations(occurrences, 2):
        if a.cancelled or b.cancelled or not (a.start < b.end and b.start < a.end):
            continue
        pair = frozenset({a.series_id, b.series_id})
        if a.room_id is not None and a.room_id == b.room_id:
            expected.add(("room", a.room_id, pair))
        for person_id in a.person_ids & b.person_ids:
            expected.add(("person", person_id, pair))
    found = find_conflicts(occurrences)
    assert len(found) == len(expected)
    assert {
        (c.kind, c.resource_id, frozenset({c.first.series_id, c.second.series_id})) for c in found
    } == expected
