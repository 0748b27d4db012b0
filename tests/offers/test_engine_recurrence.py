"""The recurrence engine: rules, validation, RRULE export, descriptions and expansion."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from django.utils import translation
from icalendar import vRecur

from treff.offers.engine import (
    Change,
    Kind,
    Occurrence,
    Recurrence,
    SeriesSpec,
    dates,
    describe,
    expand,
    public_holidays,
    to_rrule,
    validate,
)

BERLIN = ZoneInfo("Europe/Berlin")
MON, TUE, WED, THU, FRI, SAT = 0, 1, 2, 3, 4, 5


def weekly(*days, starts_on=date(2026, 1, 5), ends_on=date(2026, 12, 31), interval=1):
    return Recurrence(Kind.WEEKLY, starts_on, ends_on, interval=interval, weekdays=days)


def problems_of(rec):
    with translation.override("en"):
        return [(problem.field, str(problem.message)) for problem in validate(rec)]


def spec(rec, *, series_id=1, start=time(10), end=time(12), room_id=7, person_ids=frozenset()):
    return SeriesSpec(
        series_id=series_id,
        recurrence=rec,
        start_time=start,
        end_time=end,
        room_id=room_id,
        person_ids=person_ids,
        treff_id=3,
        label="Sprachcafé",
    )


# --- dates ---------------------------------------------------------------------------------


def test_weekly_series_on_several_weekdays():
    rec = weekly(MON, WED, FRI, starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 15))
    assert dates(rec) == [
        date(2026, 3, 2),
        date(2026, 3, 4),
        date(2026, 3, 6),
        date(2026, 3, 9),
        date(2026, 3, 11),
        date(2026, 3, 13),
    ]


def test_fortnightly_series_skips_odd_weeks():
    rec = weekly(TUE, starts_on=date(2026, 3, 3), ends_on=date(2026, 4, 30), interval=2)
    assert dates(rec) == [
        date(2026, 3, 3),
        date(2026, 3, 17),
        date(2026, 3, 31),
        date(2026, 4, 14),
        date(2026, 4, 28),
    ]


def test_fortnightly_series_counts_weeks_from_its_start_not_from_the_window():
    rec = weekly(TUE, starts_on=date(2026, 3, 3), ends_on=date(2026, 4, 30), interval=2)
    assert dates(rec, window_start=date(2026, 3, 20), window_end=date(2026, 4, 20)) == [
        date(2026, 3, 31),
        date(2026, 4, 14),
    ]


def test_first_tuesday_of_the_month():
    rec = Recurrence(Kind.MONTHLY_NTH, date(2026, 1, 1), date(2026, 6, 30), weekdays=(TUE,), nth=1)
    assert dates(rec) == [
        date(2026, 1, 6),
        date(2026, 2, 3),
        date(2026, 3, 3),
        date(2026, 4, 7),
        date(2026, 5, 5),
        date(2026, 6, 2),
    ]


def test_last_friday_of_the_month():
    rec = Recurrence(Kind.MONTHLY_NTH, date(2026, 1, 1), date(2026, 5, 31), weekdays=(FRI,), nth=-1)
    assert dates(rec) == [
        date(2026, 1, 30),
        date(2026, 2, 27),
        date(2026, 3, 27),
        date(2026, 4, 24),
        date(2026, 5, 29),
    ]


def test_monthly_on_day_15():
    rec = Recurrence(Kind.MONTHLY_DAY, date(2026, 1, 20), date(2026, 5, 15), month_day=15)
    assert dates(rec) == [
        date(2026, 2, 15),
        date(2026, 3, 15),
        date(2026, 4, 15),
        date(2026, 5, 15),
    ]


def test_every_second_month_on_day_1():
    rec = Recurrence(
        Kind.MONTHLY_DAY, date(2026, 1, 1), date(2026, 12, 31), interval=2, month_day=1
    )
    assert [d.month for d in dates(rec)] == [1, 3, 5, 7, 9, 11]


def test_single_date_and_window_clipping():
    rec = Recurrence(Kind.ONCE, date(2026, 12, 1), date(2026, 12, 1))
    assert dates(rec) == [date(2026, 12, 1)]
    assert dates(rec, window_start=date(2026, 12, 2)) == []


def test_window_clips_both_ends():
    rec = weekly(THU, starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31))
    assert dates(rec, window_start=date(2026, 6, 1), window_end=date(2026, 6, 18)) == [
        date(2026, 6, 4),
        date(2026, 6, 11),
        date(2026, 6, 18),
    ]


def test_dates_refuses_an_invalid_recurrence():
    rec = Recurrence(Kind.MONTHLY_DAY, date(2026, 1, 1), date(2026, 12, 31), month_day=31)
    with pytest.raises(ValueError, match="month_day"):
        dates(rec)


# --- validate ------------------------------------------------------------------------------


def test_valid_recurrences_have_no_problems():
    assert validate(weekly(MON, THU)) == []
    assert validate(Recurrence(Kind.ONCE, date(2026, 5, 1), date(2026, 5, 1))) == []


def test_fifth_weekday_is_rejected_with_advice():
    rec = Recurrence(Kind.MONTHLY_NTH, date(2026, 1, 1), date(2026, 12, 31), weekdays=(TUE,), nth=5)
    assert problems_of(rec) == [
        ("nth", "Not every month has a 5th Tuesday; choose “last Tuesday” instead.")
    ]


def test_fifth_weekday_message_names_the_weekday_in_the_active_language():
    rec = Recurrence(Kind.MONTHLY_NTH, date(2026, 1, 1), date(2026, 12, 31), weekdays=(TUE,), nth=5)
    [problem] = validate(rec)
    with translation.override("de"):
        assert "Dienstag" in str(problem.message)


def test_day_31_is_rejected():
    rec = Recurrence(Kind.MONTHLY_DAY, date(2026, 1, 1), date(2026, 12, 31), month_day=31)
    assert problems_of(rec) == [
        (
            "month_day",
            "Not every month has a day 31; choose a day from 1 to 28 "
            "or use the last weekday of the month.",
        )
    ]


def test_end_before_start_is_rejected():
    rec = weekly(MON, starts_on=date(2026, 6, 1), ends_on=date(2026, 5, 31))
    assert problems_of(rec) == [("ends_on", "The end date lies before the start date.")]


def test_interval_out_of_range_is_rejected():
    assert problems_of(weekly(MON, interval=0)) == [
        ("interval", "Repeat every 1 to 12 weeks or months; 0 is not possible.")
    ]
    assert problems_of(weekly(MON, interval=13)) == [
        ("interval", "Repeat every 1 to 12 weeks or months; 13 is not possible.")
    ]


def test_weekly_without_weekday_is_rejected():
    assert problems_of(weekly()) == [("weekdays", "Choose at least one weekday.")]


def test_monthly_nth_needs_exactly_one_weekday_and_a_valid_nth():
    rec = Recurrence(
        Kind.MONTHLY_NTH, date(2026, 1, 1), date(2026, 12, 31), weekdays=(MON, TUE), nth=0
    )
    assert problems_of(rec) == [
        ("weekdays", "Choose exactly one weekday, as in “first Tuesday of the month”."),
        ("nth", "Choose the first, second, third, fourth or last weekday."),
    ]


def test_single_date_must_end_on_its_day():
    rec = Recurrence(Kind.ONCE, date(2026, 5, 1), date(2026, 5, 2))
    assert problems_of(rec) == [("ends_on", "A single date must end on the day it starts.")]


def test_series_longer_than_three_years_is_rejected():
    assert problems_of(weekly(MON, starts_on=date(2026, 1, 5), ends_on=date(2029, 1, 5))) == []
    assert problems_of(weekly(MON, starts_on=date(2026, 1, 5), ends_on=date(2029, 1, 6))) == [
        ("ends_on", "A series may run for at most three years; start a new one after that.")
    ]


def test_series_without_any_date_is_rejected():
    rec = weekly(TUE, starts_on=date(2026, 3, 4), ends_on=date(2026, 3, 9))
    assert problems_of(rec) == [
        (
            "__all__",
            "The series has no date between its start and its end; "
            "check the weekdays and the dates.",
        )
    ]


# --- to_rrule ------------------------------------------------------------------------------


def test_rrule_weekly_on_several_days_has_until_in_utc():
    rec = weekly(WED, MON, starts_on=date(2026, 1, 5), ends_on=date(2026, 12, 31))
    # 2026-12-31 23:59:59 CET is 22:59:59 UTC.
    assert to_rrule(rec, tz=BERLIN) == "FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261231T225959Z"


def test_rrule_fortnightly_until_in_summer_time():
    rec = weekly(TUE, starts_on=date(2026, 1, 6), ends_on=date(2027, 6, 30), interval=2)
    # 2027-06-30 23:59:59 CEST is 21:59:59 UTC.
    assert to_rrule(rec, tz=BERLIN) == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270630T215959Z"


def test_rrule_first_tuesday_and_last_friday():
    first_tuesday = Recurrence(
        Kind.MONTHLY_NTH, date(2026, 1, 1), date(2026, 6, 30), weekdays=(TUE,), nth=1
    )
    last_friday = Recurrence(
        Kind.MONTHLY_NTH, date(2026, 1, 1), date(2026, 6, 30), weekdays=(FRI,), nth=-1
    )
    assert to_rrule(first_tuesday, tz=BERLIN) == "FREQ=MONTHLY;BYDAY=1TU;UNTIL=20260630T215959Z"
    assert to_rrule(last_friday, tz=BERLIN) == "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20260630T215959Z"


def test_rrule_monthly_day():
    rec = Recurrence(Kind.MONTHLY_DAY, date(2026, 1, 1), date(2026, 3, 1), interval=3, month_day=15)
    assert (
        to_rrule(rec, tz=BERLIN) == "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15;UNTIL=20260301T225959Z"
    )


def test_rrule_of_a_single_date_is_empty():
    assert to_rrule(Recurrence(Kind.ONCE, date(2026, 5, 1), date(2026, 5, 1)), tz=BERLIN) == ""


@pytest.mark.parametrize(
    "rec",
    [
        weekly(MON, WED, FRI, starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31)),
        weekly(TUE, starts_on=date(2026, 1, 1), ends_on=date(2027, 6, 30), interval=2),
        Recurrence(Kind.MONTHLY_NTH, date(2026, 1, 1), date(2027, 1, 1), weekdays=(TUE,), nth=1),
        Recurrence(Kind.MONTHLY_NTH, date(2026, 1, 1), date(2027, 1, 1), weekdays=(FRI,), nth=-1),
        Recurrence(Kind.MONTHLY_DAY, date(2026, 1, 1), date(2026, 12, 15), month_day=15),
    ],
)
def test_rrule_reproduces_the_same_dates_in_a_calendar_client(rec):
    # What a calendar application computes from DTSTART (first date, local with TZID) and the
    # RRULE must be exactly our dates; icalendar must accept the RRULE as well.
    vRecur.from_ical(to_rrule(rec, tz=BERLIN))
    ours = dates(rec)
    dtstart = datetime.combine(ours[0], time(18), tzinfo=BERLIN)
    theirs = [moment.date() for moment in rrulestr(to_rrule(rec, tz=BERLIN), dtstart=dtstart)]
    assert theirs == ours


# --- describe ------------------------------------------------------------------------------


def test_descriptions():
    with translation.override("en"):
        assert describe(weekly(TUE)) == "every week on Tuesday"
        assert describe(weekly(FRI, MON, WED, interval=2)) == (
            "every 2 weeks on Monday, Wednesday and Friday"
        )
        assert (
            describe(
                Recurrence(
                    Kind.MONTHLY_NTH, date(2026, 1, 1), date(2026, 6, 30), weekdays=(THU,), nth=1
                )
            )
            == "on the first Thursday of the month"
        )
        assert (
            describe(
                Recurrence(
                    Kind.MONTHLY_NTH, date(2026, 1, 1), date(2026, 6, 30), weekdays=(FRI,), nth=-1
                )
            )
            == "on the last Friday of the month"
        )
        assert (
            describe(
                Recurrence(
                    Kind.MONTHLY_NTH,
                    date(2026, 1, 1),
                    date(2026, 6, 30),
                    interval=3,
                    weekdays=(MON,),
                    nth=2,
                )
            )
            == "every 3 months on the second Monday"
        )
        assert (
            describe(
                Recurrence(Kind.MONTHLY_DAY, date(2026, 1, 1), date(2026, 6, 30), month_day=15)
            )
            == "monthly on day 15"
        )
        assert describe(Recurrence(Kind.ONCE, date(2026, 12, 1), date(2026, 12, 1))) == (
            "once on Tuesday, 2026-12-01"
        )


def test_description_uses_the_given_date_format():
    rec = Recurrence(Kind.ONCE, date(2026, 12, 1), date(2026, 12, 1))
    with translation.override("en"):
        assert describe(rec, format_date=lambda day: day.strftime("%d.%m.%Y")) == (
            "once on Tuesday, 01.12.2026"
        )


# --- expand --------------------------------------------------------------------------------


def test_weekly_series_keeps_its_wall_clock_time_across_dst():
    # Europe/Berlin switches to summer time on 2026-03-29 and back on 2026-10-25 (Sundays).
    rec = weekly(MON, starts_on=date(2026, 3, 23), ends_on=date(2026, 11, 2))
    occurrences = expand(
        spec(rec),
        tz=BERLIN,
        window_start=date(2026, 3, 23),
        window_end=date(2026, 3, 30),
    ) + expand(
        spec(rec),
        tz=BERLIN,
        window_start=date(2026, 10, 19),
        window_end=date(2026, 10, 26),
    )
    assert [occ.start.astimezone(UTC) for occ in occurrences] == [
        datetime(2026, 3, 23, 9, tzinfo=UTC),  # 10:00 CET
        datetime(2026, 3, 30, 8, tzinfo=UTC),  # 10:00 CEST
        datetime(2026, 10, 19, 8, tzinfo=UTC),  # 10:00 CEST
        datetime(2026, 10, 26, 9, tzinfo=UTC),  # 10:00 CET
    ]
    assert [occ.start.strftime("%H:%M") for occ in occurrences] == ["10:00"] * 4
    assert [occ.start.utcoffset() for occ in occurrences] == [
        timedelta(hours=1),
        timedelta(hours=2),
        timedelta(hours=2),
        timedelta(hours=1),
    ]
    assert [occ.end - occ.start for occ in occurrences] == [timedelta(hours=2)] * 4


def test_expand_builds_full_occurrences():
    rec = weekly(TUE, starts_on=date(2026, 6, 2), ends_on=date(2026, 6, 9))
    series = spec(rec, person_ids=frozenset({4, 5}))
    assert expand(
        series, tz=BERLIN, window_start=date(2026, 6, 1), window_end=date(2026, 6, 5)
    ) == [
        Occurrence(
            series_id=1,
            original_date=date(2026, 6, 2),
            start=datetime(2026, 6, 2, 10, tzinfo=BERLIN),
            end=datetime(2026, 6, 2, 12, tzinfo=BERLIN),
            room_id=7,
            person_ids=frozenset({4, 5}),
            treff_id=3,
            label="Sprachcafé",
        )
    ]


def test_sachsen_anhalt_holidays_in_german():
    found = public_holidays([2026], state="ST")
    assert found[date(2026, 10, 31)] == "Reformationstag"
    assert found[date(2026, 5, 14)] == "Christi Himmelfahrt"
    assert found[date(2026, 1, 6)] == "Heilige Drei Könige"
    # Buß- und Bettag is a holiday in Sachsen, not in Sachsen-Anhalt.
    assert date(2026, 11, 18) not in found


def test_holidays_are_skipped_by_default():
    holidays = public_holidays([2026], state="ST")
    rec = weekly(THU, SAT, starts_on=date(2026, 5, 11), ends_on=date(2026, 11, 7))
    occurrences = expand(
        spec(rec),
        tz=BERLIN,
        window_start=date(2026, 5, 11),
        window_end=date(2026, 11, 7),
        holidays=holidays,
    )
    skipped = set(dates(rec)) - {occ.original_date for occ in occurrences}
    assert sorted(skipped) == [
        date(2026, 5, 14),  # Christi Himmelfahrt, a Thursday
        date(2026, 10, 3),  # Tag der Deutschen Einheit, a Saturday in 2026
        date(2026, 10, 31),  # Reformationstag, a Saturday in 2026
    ]
    assert len(occurrences) == 2 * 26 - 3


def test_holidays_are_flagged_with_policy_flag():
    holidays = public_holidays([2026], state="ST")
    rec = weekly(SAT, starts_on=date(2026, 10, 24), ends_on=date(2026, 11, 7))
    occurrences = expand(
        spec(rec),
        tz=BERLIN,
        window_start=date(2026, 10, 1),
        window_end=date(2026, 11, 30),
        holidays=holidays,
        holiday_policy="flag",
    )
    assert [(occ.original_date, occ.start.weekday(), occ.holiday) for occ in occurrences] == [
        (date(2026, 10, 24), SAT, None),
        (date(2026, 10, 31), SAT, "Reformationstag"),
        (date(2026, 11, 7), SAT, None),
    ]


def test_closures_are_skipped_or_flagged():
    rec = weekly(MON, starts_on=date(2026, 7, 6), ends_on=date(2026, 7, 27))
    closures = {date(2026, 7, 13): "Sommerpause", date(2026, 7, 20): "Sommerpause"}
    window = {"tz": BERLIN, "window_start": date(2026, 7, 1), "window_end": date(2026, 7, 31)}
    skipped = expand(spec(rec), closures=closures, **window)
    flagged = expand(spec(rec), closures=closures, holiday_policy="flag", **window)
    assert [occ.original_date for occ in skipped] == [date(2026, 7, 6), date(2026, 7, 27)]
    assert [(occ.original_date.day, occ.closed) for occ in flagged] == [
        (6, None),
        (13, "Sommerpause"),
        (20, "Sommerpause"),
        (27, None),
    ]


def test_cancelled_date_is_kept_and_marked():
    rec = weekly(MON, starts_on=date(2026, 7, 6), ends_on=date(2026, 7, 20))
    changes = {date(2026, 7, 13): Change(date(2026, 7, 13), cancelled=True)}
    occurrences = expand(
        spec(rec),
        tz=BERLIN,
        window_start=date(2026, 7, 1),
        window_end=date(2026, 7, 31),
        changes=changes,
    )
    assert [(occ.original_date.day, occ.cancelled, occ.moved) for occ in occurrences] == [
        (6, False, False),
        (13, True, False),
        (20, False, False),
    ]


def test_moved_date_appears_at_its_new_date_time_and_room():
    rec = weekly(MON, starts_on=date(2026, 7, 6), ends_on=date(2026, 7, 20))
    changes = {
        date(2026, 7, 13): Change(
            date(2026, 7, 13),
            new_date=date(2026, 7, 15),  # a Wednesday: outside the rule
            new_start=time(14),
            new_end=time(15, 30),
            new_room_id=9,
        )
    }
    occurrences = expand(
        spec(rec),
        tz=BERLIN,
        window_start=date(2026, 7, 1),
        window_end=date(2026, 7, 31),
        changes=changes,
    )
    moved = occurrences[1]
    assert [occ.start.date().day for occ in occurrences] == [6, 15, 20]
    assert (moved.original_date, moved.start, moved.end, moved.room_id, moved.moved) == (
        date(2026, 7, 13),
        datetime(2026, 7, 15, 14, tzinfo=BERLIN),
        datetime(2026, 7, 15, 15, 30, tzinfo=BERLIN),
        9,
        True,
    )


def test_moving_only_the_start_keeps_the_duration():
    rec = weekly(MON, starts_on=date(2026, 7, 6), ends_on=date(2026, 7, 6))
    changes = {date(2026, 7, 6): Change(date(2026, 7, 6), new_start=time(16))}
    [occ] = expand(
        spec(rec),
        tz=BERLIN,
        window_start=date(2026, 7, 1),
        window_end=date(2026, 7, 31),
        changes=changes,
    )
    assert (occ.start.time(), occ.end.time(), occ.room_id, occ.moved) == (
        time(16),
        time(18),
        7,
        True,
    )


def test_move_into_the_window_from_outside_is_included_and_out_of_it_excluded():
    rec = weekly(FRI, starts_on=date(2026, 7, 3), ends_on=date(2026, 7, 31))
    changes = {
        # June's last Friday does not exist in the rule (it starts in July): ignored.
        date(2026, 6, 26): Change(date(2026, 6, 26), new_date=date(2026, 7, 8)),
        # Friday 3 July moves into August's window; Friday 31 July moves out of it.
        date(2026, 7, 3): Change(date(2026, 7, 3), new_date=date(2026, 8, 3)),
        date(2026, 7, 31): Change(date(2026, 7, 31), new_date=date(2026, 7, 30)),
    }
    august = expand(
        spec(rec),
        tz=BERLIN,
        window_start=date(2026, 8, 1),
        window_end=date(2026, 8, 31),
        changes=changes,
    )
    july = expand(
        spec(rec),
        tz=BERLIN,
        window_start=date(2026, 7, 1),
        window_end=date(2026, 7, 31),
        changes=changes,
    )
    assert [(occ.original_date, occ.start.date()) for occ in august] == [
        (date(2026, 7, 3), date(2026, 8, 3))
    ]
    assert [(occ.original_date.day, occ.start.date().day) for occ in july] == [
        (10, 10),
        (17, 17),
        (24, 24),
        (31, 30),
    ]


def test_move_onto_a_holiday_is_flagged_not_skipped():
    rec = weekly(FRI, starts_on=date(2026, 10, 30), ends_on=date(2026, 10, 30))
    changes = {date(2026, 10, 30): Change(date(2026, 10, 30), new_date=date(2026, 10, 31))}
    [occ] = expand(
        spec(rec),
        tz=BERLIN,
        window_start=date(2026, 10, 1),
        window_end=date(2026, 10, 31),
        changes=changes,
        holidays=public_holidays([2026], state="ST"),
    )
    assert (occ.start.date(), occ.moved, occ.holiday) == (
        date(2026, 10, 31),
        True,
        "Reformationstag",
    )


def test_unknown_holiday_policy_is_refused():
    with pytest.raises(ValueError, match="holiday_policy"):
        expand(
            spec(weekly(MON)),
            tz=BERLIN,
            window_start=date(2026, 1, 1),
            window_end=date(2026, 1, 31),
            holiday_policy="drop",
        )


def test_series_end_must_follow_its_start():
    with pytest.raises(ValueError, match="end_time"):
        spec(weekly(MON), start=time(12), end=time(12))
