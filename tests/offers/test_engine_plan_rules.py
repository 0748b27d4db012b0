"""The Fachkonzept's planning rules (§4.5) as warnings."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import translation

from treff.offers.engine import Occurrence, TreffRules, check_rules

BERLIN = ZoneInfo("Europe/Berlin")
LUNCH = 10
WEEK = date(2026, 6, 1)  # a Monday; 2026-06-01..07 has no holiday in Sachsen-Anhalt
FULL_WEEK = [(WEEK + timedelta(days=n), time(9), time(17)) for n in range(5)]


def lunch(day, start=time(11, 30), end=time(12, 30), *, series_id=LUNCH, cancelled=False):
    return Occurrence(
        series_id=series_id,
        original_date=day,
        start=datetime.combine(day, start, tzinfo=BERLIN),
        end=datetime.combine(day, end, tzinfo=BERLIN),
        room_id=1,
        person_ids=frozenset(),
        treff_id=1,
        label="Mittagstisch",
        cancelled=cancelled,
    )


def check(occurrences=(), *, coordinator_hours=FULL_WEEK, has_room=True, rules=None, **kwargs):
    return check_rules(
        rules=rules or TreffRules(),
        occurrences=occurrences,
        lunch_series_ids={LUNCH},
        coordinator_hours=coordinator_hours,
        has_visiting_counselling_room=has_room,
        window_start=WEEK,
        window_end=WEEK + timedelta(days=6),
        **kwargs,
    )


def rendered(warnings):
    with translation.override("en"):
        return [(w.code, w.week, str(w.message)) for w in warnings]


def test_a_plan_within_the_rules_has_no_warnings():
    days = [WEEK, WEEK + timedelta(days=2), WEEK + timedelta(days=4)]
    assert check([lunch(day) for day in days]) == []


def test_four_lunch_days_in_a_week_are_one_too_many():
    occurrences = [lunch(WEEK + timedelta(days=n)) for n in range(4)]
    assert rendered(check(occurrences)) == [
        (
            "lunch_too_many",
            WEEK,
            "In the week of 2026-06-01 lunch is planned on 4 days "
            "(2026-06-01, 2026-06-02, 2026-06-03, 2026-06-04); at most 3 per week are intended.",
        )
    ]


def test_lunch_days_count_distinct_days_and_ignore_cancelled_and_other_series():
    occurrences = [
        lunch(WEEK),
        lunch(WEEK, time(12), time(13)),  # a second sitting on the same day
        lunch(WEEK + timedelta(days=1)),
        lunch(WEEK + timedelta(days=2)),
        lunch(WEEK + timedelta(days=3), cancelled=True),
        lunch(WEEK + timedelta(days=4), series_id=99),  # not a lunch series
    ]
    assert check(occurrences) == []


def test_lunch_limit_is_configurable():
    occurrences = [lunch(WEEK + timedelta(days=n)) for n in range(4)]
    assert check(occurrences, rules=TreffRules(lunch_max_per_week=5)) == []


def test_lunch_at_half_past_one_is_outside_the_lunch_hours():
    occurrences = [lunch(WEEK + timedelta(days=1), time(13, 30), time(14, 30))]
    assert rendered(check(occurrences)) == [
        (
            "lunch_outside_hours",
            WEEK,
            "Lunch on 2026-06-02 from 13:30 to 14:30 lies outside the lunch hours 11:00 to 13:00.",
        )
    ]


def test_missing_counselling_room_gives_one_warning_without_week():
    assert rendered(check(has_room=False)) == [
        (
            "no_counselling_room",
            None,
            "There is no room for visiting counselling; plan one so that counsellors can talk "
            "to visitors in private.",
        )
    ]
    rules = TreffRules(require_visiting_counselling_room=False)
    assert check(has_room=False, rules=rules) == []


def test_uncovered_coordinator_day_is_listed_once_per_week():
    hours = [
        (WEEK, time(9), time(17)),
        # Tuesday: two blocks with a gap over lunch
        (WEEK + timedelta(days=1), time(9), time(12)),
        (WEEK + timedelta(days=1), time(13), time(17)),
        # Wednesday: two blocks that together cover the day
        (WEEK + timedelta(days=2), time(12), time(17)),
        (WEEK + timedelta(days=2), time(9), time(12, 30)),
        # Thursday: nothing; Friday: ends early
        (WEEK + timedelta(days=4), time(9), time(16)),
    ]
    assert rendered(check(coordinator_hours=hours)) == [
        (
            "coordinator_uncovered",
            WEEK,
            "In the week of 2026-06-01 the coordinator's presence from 09:00 to 17:00 is not "
            "fully planned on: Tuesday 2026-06-02, Thursday 2026-06-04, Friday 2026-06-05.",
        )
    ]


def test_uncovered_days_are_named_in_the_readers_language():
    hours = FULL_WEEK[:4]
    [warning] = check(coordinator_hours=hours)
    with translation.override("de"):
        assert "Freitag 2026-06-05" in str(warning.message)


def test_days_off_need_no_coordinator():
    hours = FULL_WEEK[:4]
    assert check(coordinator_hours=hours, days_off={WEEK + timedelta(days=4)}) == []


def test_presence_check_is_skipped_without_hours_or_when_switched_off():
    assert check(coordinator_hours=None) == []
    assert check(coordinator_hours=[], rules=TreffRules(coordinator_presence=False)) == []


def test_warnings_are_ordered_treff_wide_first_then_by_week_and_rule():
    next_week = WEEK + timedelta(days=7)
    occurrences = [lunch(next_week + timedelta(days=n)) for n in range(4)]
    occurrences.append(lunch(WEEK, time(10), time(11)))
    warnings = check_rules(
        rules=TreffRules(),
        occurrences=occurrences,
        lunch_series_ids={LUNCH},
        coordinator_hours=[],
        has_visiting_counselling_room=False,
        window_start=WEEK,
        window_end=next_week + timedelta(days=6),
    )
    assert [(w.code, w.week) for w in warnings] == [
        ("no_counselling_room", None),
        ("coordinator_uncovered", WEEK),
        ("lunch_outside_hours", WEEK),
        ("coordinator_uncovered", next_week),
        ("lunch_too_many", next_week),
    ]


def test_occurrences_outside_the_window_are_not_checked():
    outside = [lunch(WEEK + timedelta(days=7 + n)) for n in range(5)]
    assert check(outside) == []
