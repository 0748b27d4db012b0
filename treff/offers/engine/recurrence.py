"""Recurrence rules of offer series, and their expansion into concrete occurrences.

Pure Python: dataclasses in, dataclasses out, no ORM and no settings access, so that the views,
the iCalendar export and `bench/` all drive the same code. The only Django import is
`gettext_lazy`, because every message here ends up in front of a user.

Dates are plain `date`s; times are local wall-clock `time`s of the Treff. Aware datetimes are
only built in `expand()`, with `zoneinfo`, so a 10:00 offer stays at 10:00 across DST.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Literal
from zoneinfo import ZoneInfo

import holidays as holidays_lib
from dateutil.relativedelta import relativedelta
from dateutil.rrule import MO, MONTHLY, WEEKLY, rrule, weekday
from django.utils.translation import gettext_lazy as _

from treff.core.text import WEEKDAY_NAMES, LazyText
from treff.core.times import duration_minutes, end_datetime, ends_after_start

# A series may run for at most this long; longer plans are guesses, and a bounded span keeps
# every expansion (and the iCalendar feed) finite and cheap.
MAX_SPAN = relativedelta(years=3)
MAX_INTERVAL = 12
# Only the 1st to 4th and the last weekday exist in every month; a "5th Tuesday" would
# silently skip most months, which nobody planning a drop-in centre means.
VALID_NTH = (1, 2, 3, 4, -1)
# Days 29-31 are missing in some months; dateutil would silently skip those months.
MAX_MONTH_DAY = 28
# The key Django's forms use for errors that belong to no single field.
NON_FIELD = "__all__"

_RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_EMPTY: Mapping = MappingProxyType({})


class Kind(StrEnum):
    ONCE = "once"
    WEEKLY = "weekly"
    MONTHLY_NTH = "monthly_nth"
    MONTHLY_DAY = "monthly_day"


@dataclass(frozen=True, slots=True)
class Recurrence:
    kind: Kind
    starts_on: date  # first possible date (for ONCE: the date)
    ends_on: date  # last possible date, inclusive (for ONCE: equal to starts_on)
    interval: int = 1  # every n weeks / n months
    weekdays: tuple[int, ...] = ()  # 0=Monday..6=Sunday; MONTHLY_NTH: exactly one
    nth: int | None = None  # MONTHLY_NTH: 1..4 or -1 for the last
    month_day: int | None = None  # MONTHLY_DAY: 1..28


@dataclass(frozen=True, slots=True)
class Problem:
    field: str  # a Recurrence field name, or NON_FIELD
    message: LazyText


def _structural_problems(rec: Recurrence) -> list[Problem]:
    """Everything that makes a rule meaningless or ambiguous; needs no expansion."""
    problems: list[Problem] = []
    if rec.ends_on < rec.starts_on:
        problems.append(Problem("ends_on", LazyText(_("The end date lies before the start date."))))
    if rec.kind == Kind.ONCE:
        if rec.ends_on != rec.starts_on:
            problems.append(
                Problem("ends_on", LazyText(_("A single date must end on the day it starts.")))
            )
        # Interval, weekdays and the monthly fields mean nothing for a single date.
        return problems

    if rec.ends_on > rec.starts_on + MAX_SPAN:
        problems.append(
            Problem(
                "ends_on",
                LazyText(
                    _("A series may run for at most three years; start a new one after that.")
                ),
            )
        )
    if not 1 <= rec.interval <= MAX_INTERVAL:
        problems.append(
            Problem(
                "interval",
                LazyText(
                    _("Repeat every 1 to 12 weeks or months; %(interval)s is not possible."),
                    interval=rec.interval,
                ),
            )
        )
    bad_days = [day for day in rec.weekdays if not 0 <= day <= 6]
    if bad_days:
        problems.append(
            Problem(
                "weekdays",
                LazyText(
                    _("Unknown weekday %(value)s; use 0 (Monday) to 6 (Sunday)."),
                    value=bad_days[0],
                ),
            )
        )

    if rec.kind == Kind.WEEKLY:
        if not rec.weekdays:
            problems.append(Problem("weekdays", LazyText(_("Choose at least one weekday."))))
    elif rec.kind == Kind.MONTHLY_NTH:
        problems.extend(_nth_problems(rec, has_bad_days=bool(bad_days)))
    elif rec.kind == Kind.MONTHLY_DAY:
        if rec.month_day is None or not 1 <= rec.month_day <= 31:
            problems.append(
                Problem("month_day", LazyText(_("Choose a day of the month from 1 to 28.")))
            )
        elif rec.month_day > MAX_MONTH_DAY:
            problems.append(
                Problem(
                    "month_day",
                    LazyText(
                        _(
                            "Not every month has a day %(day)s; choose a day from 1 to 28 "
                            "or use the last weekday of the month."
                        ),
                        day=rec.month_day,
                    ),
                )
            )
    return problems


def _nth_problems(rec: Recurrence, *, has_bad_days: bool) -> list[Problem]:
    problems: list[Problem] = []
    single_day = len(set(rec.weekdays)) == 1 and not has_bad_days
    if not single_day:
        problems.append(
            Problem(
                "weekdays",
                LazyText(_("Choose exactly one weekday, as in “first Tuesday of the month”.")),
            )
        )
    if rec.nth == 5:
        # The common mistake gets its own, concrete advice.
        if single_day:
            message = LazyText(
                _("Not every month has a 5th %(weekday)s; choose “last %(weekday)s” instead."),
                weekday=WEEKDAY_NAMES[rec.weekdays[0]],
            )
        else:
            message = LazyText(_("Not every month has a 5th weekday; choose “last” instead."))
        problems.append(Problem("nth", message))
    elif rec.nth not in VALID_NTH:
        problems.append(
            Problem("nth", LazyText(_("Choose the first, second, third, fourth or last weekday.")))
        )
    return problems


def validate(rec: Recurrence) -> list[Problem]:
    """All problems of a recurrence, each naming its field; empty when it is valid."""
    problems = _structural_problems(rec)
    if not problems and not dates(rec):
        # e.g. "every Tuesday" from a Wednesday to the following Monday
        problems.append(
            Problem(
                NON_FIELD,
                LazyText(
                    _(
                        "The series has no date between its start and its end; "
                        "check the weekdays and the dates."
                    )
                ),
            )
        )
    return problems


def _rule(rec: Recurrence) -> rrule:
    # wkst=MO explicitly: dateutil otherwise takes calendar.firstweekday(), a process-wide
    # setting, and "every 2nd week" on several weekdays depends on where a week starts.
    # RFC 5545's default WKST is MO too, so to_rrule() needs no WKST part.
    common = {
        "dtstart": datetime.combine(rec.starts_on, time()),
        "until": datetime.combine(rec.ends_on, time()),
        "interval": rec.interval,
        "wkst": MO,
        "cache": False,
    }
    if rec.kind == Kind.WEEKLY:
        return rrule(WEEKLY, byweekday=sorted(set(rec.weekdays)), **common)
    if rec.kind == Kind.MONTHLY_NTH:
        return rrule(MONTHLY, byweekday=weekday(rec.weekdays[0], rec.nth), **common)
    if rec.kind == Kind.MONTHLY_DAY:
        return rrule(MONTHLY, bymonthday=rec.month_day, **common)
    raise ValueError(f"no rule for kind {rec.kind!r}")


def _require_valid(rec: Recurrence) -> None:
    problems = _structural_problems(rec)
    if problems:
        # Field names only: rendering the messages would need translations to be set up.
        fields = ", ".join(sorted({problem.field for problem in problems}))
        raise ValueError(f"invalid recurrence ({fields}); call validate() first")


def dates(
    rec: Recurrence, *, window_start: date | None = None, window_end: date | None = None
) -> list[date]:
    """All dates of the rule in ascending order, clipped to the (inclusive) window.

    Raises ValueError for a recurrence that validate() would reject structurally.
    """
    _require_valid(rec)
    low = rec.starts_on if window_start is None else max(rec.starts_on, window_start)
    high = rec.ends_on if window_end is None else min(rec.ends_on, window_end)
    if low > high:
        return []
    if rec.kind == Kind.ONCE:
        return [rec.starts_on]
    # The rule keeps its own dtstart, so interval counting ("every 2nd week") stays anchored
    # at the series' start, whatever window is asked for.
    found = _rule(rec).between(
        datetime.combine(low, time()), datetime.combine(high, time()), inc=True
    )
    return [moment.date() for moment in found]


def to_rrule(rec: Recurrence, *, tz: ZoneInfo) -> str:
    """The RFC 5545 RRULE value (without "RRULE:"), or "" for a single date.

    DTSTART in the feed is local time with a TZID, and RFC 5545 (3.3.10) then requires UNTIL
    in UTC: the end of `ends_on` in the Treff's zone, converted. Use the first of `dates(rec)`
    as DTSTART: a DTSTART that does not match the rule is undefined behaviour in RFC 5545.
    """
    _require_valid(rec)
    if rec.kind == Kind.ONCE:
        return ""
    parts = ["FREQ=WEEKLY" if rec.kind == Kind.WEEKLY else "FREQ=MONTHLY"]
    if rec.interval != 1:
        parts.append(f"INTERVAL={rec.interval}")
    if rec.kind == Kind.WEEKLY:
        parts.append("BYDAY=" + ",".join(_RRULE_DAYS[day] for day in sorted(set(rec.weekdays))))
    elif rec.kind == Kind.MONTHLY_NTH:
        parts.append(f"BYDAY={rec.nth}{_RRULE_DAYS[rec.weekdays[0]]}")
    else:
        parts.append(f"BYMONTHDAY={rec.month_day}")
    until = datetime.combine(rec.ends_on, time(23, 59, 59), tzinfo=tz).astimezone(UTC)
    parts.append(f"UNTIL={until:%Y%m%dT%H%M%SZ}")
    return ";".join(parts)


# --- Occurrences --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SeriesSpec:
    series_id: int
    recurrence: Recurrence
    start_time: time  # local wall-clock time
    end_time: time  # local wall-clock time, after start_time; 00:00 = midnight (core.times)
    room_id: int | None
    person_ids: frozenset[int] = frozenset()  # responsible people (coordinator, counsellor)
    treff_id: int = 0
    label: str = ""  # offer title, for messages
    audience: str = ""  # carried along for callers; conflicts ignore it

    def __post_init__(self) -> None:
        if not ends_after_start(self.start_time, self.end_time):
            raise ValueError("end_time must lie after start_time on the same day (or be 00:00)")


@dataclass(frozen=True, slots=True)
class Change:
    """An exception for one date of a series: cancelled, or moved in date, time or room."""

    original_date: date
    cancelled: bool = False
    new_date: date | None = None
    new_start: time | None = None
    new_end: time | None = None  # None: keep the series' duration; 00:00 = midnight
    new_room_id: int | None = None  # None: keep the series' room


@dataclass(frozen=True, slots=True)
class Occurrence:
    series_id: int
    original_date: date  # the rule's date; with series_id it identifies the occurrence
    start: datetime  # timezone-aware
    end: datetime  # timezone-aware
    room_id: int | None
    person_ids: frozenset[int]
    treff_id: int
    label: str
    cancelled: bool = False
    moved: bool = False
    holiday: str | None = None  # holiday name if the date is a public holiday
    closed: str | None = None  # closure reason if the Treff is closed that day


HolidayPolicy = Literal["skip", "flag"]


def public_holidays(years: Iterable[int], *, state: str, language: str = "de") -> dict[date, str]:
    """Public holidays in Germany by date, with German names by default: the nationwide
    ones and those of `state` (a Land's ISO 3166-2:DE code without "DE-", e.g. "ST"; "" for
    the nationwide ones only), as the `holidays` package knows them."""
    found = holidays_lib.country_holidays(
        "DE", subdiv=state or None, years=list(years), language=language
    )
    return dict(sorted(found.items()))


def _at(day: date, wall: time, tz: ZoneInfo) -> datetime:
    # combine() with a ZoneInfo attaches the offset valid on that day (CET or CEST), so the
    # wall-clock time stays put across DST while the UTC instant shifts.
    return datetime.combine(day, wall, tzinfo=tz)


def expand(
    spec: SeriesSpec,
    *,
    tz: ZoneInfo,
    window_start: date,
    window_end: date,
    changes: Mapping[date, Change] = _EMPTY,
    holidays: Mapping[date, str] = _EMPTY,
    closures: Mapping[date, str] = _EMPTY,
    holiday_policy: HolidayPolicy = "skip",
) -> list[Occurrence]:
    """The occurrences of one series whose (possibly moved) date lies in the window.

    - Rule dates on a holiday or closure: "skip" leaves them out, "flag" keeps them with
      `holiday` / `closed` set.
    - Cancelled dates are kept with cancelled=True, so calendars can show and restore them
      (unless "skip" drops the date anyway).
    - Moved dates appear at their new date, time and room with moved=True, even when the new
      date is outside the rule. A move onto a holiday or closure is flagged, never skipped:
      someone chose that date on purpose, and dropping it silently would lose the offer.
    - Changes for dates that are not (or no longer) dates of the rule are ignored.
    """
    if holiday_policy not in ("skip", "flag"):
        raise ValueError(f"unknown holiday_policy {holiday_policy!r}")
    rec = spec.recurrence
    by_original = {change.original_date: change for change in changes.values()}
    in_window = dates(rec, window_start=window_start, window_end=window_end)
    in_window_set = set(in_window)
    occurrences: list[Occurrence] = []

    def plain(day: date, *, cancelled: bool = False) -> None:
        holiday = holidays.get(day)
        closed = closures.get(day)
        if (holiday or closed) and holiday_policy == "skip":
            return
        occurrences.append(
            Occurrence(
                series_id=spec.series_id,
                original_date=day,
                start=_at(day, spec.start_time, tz),
                end=end_datetime(day, spec.end_time, tz),
                room_id=spec.room_id,
                person_ids=spec.person_ids,
                treff_id=spec.treff_id,
                label=spec.label,
                cancelled=cancelled,
                holiday=holiday,
                closed=closed,
            )
        )

    for day in in_window:
        if day not in by_original:
            plain(day)

    for original, change in sorted(by_original.items()):
        # A change whose original date is outside the window may still move into it.
        if original in in_window_set:
            is_rule_date = True
        elif window_start <= original <= window_end:
            is_rule_date = False
        else:
            is_rule_date = bool(dates(rec, window_start=original, window_end=original))
        if not is_rule_date:
            continue
        if change.cancelled:
            # A cancellation keeps the original slot; the new_* fields of it are ignored.
            if original in in_window_set:
                plain(original, cancelled=True)
            continue
        moved = _moved(spec, change, tz, holidays=holidays, closures=closures)
        if moved is None:
            if original in in_window_set:
                plain(original)
        elif window_start <= moved.start.date() <= window_end:
            occurrences.append(moved)

    def order(occurrence: Occurrence) -> tuple[float, date]:
        return (occurrence.start.timestamp(), occurrence.original_date)

    occurrences.sort(key=order)
    return occurrences


def _moved(
    spec: SeriesSpec,
    change: Change,
    tz: ZoneInfo,
    *,
    holidays: Mapping[date, str],
    closures: Mapping[date, str],
) -> Occurrence | None:
    """The occurrence at its new place, or None when the change moves nothing.

    An end of 00:00 is midnight: the next day's 00:00 (see treff.core.times).
    """
    day = change.new_date or change.original_date
    start_time = change.new_start or spec.start_time
    if change.new_end is not None:
        end_naive = end_datetime(day, change.new_end)
    else:
        # Only the start moved: keep the series' duration (wall-clock).
        length = timedelta(minutes=duration_minutes(spec.start_time, spec.end_time))
        end_naive = datetime.combine(day, start_time) + length
    room_id = change.new_room_id if change.new_room_id is not None else spec.room_id
    unchanged = (
        day == change.original_date
        and start_time == spec.start_time
        and end_naive == end_datetime(day, spec.end_time)
        and room_id == spec.room_id
    )
    if unchanged:
        return None
    return Occurrence(
        series_id=spec.series_id,
        original_date=change.original_date,
        start=_at(day, start_time, tz),
        end=end_naive.replace(tzinfo=tz),
        room_id=room_id,
        person_ids=spec.person_ids,
        treff_id=spec.treff_id,
        label=spec.label,
        moved=True,
        holiday=holidays.get(day),
        closed=closures.get(day),
    )


def week_of(day: date) -> date:
    """The Monday of the ISO week of `day`."""
    return day - timedelta(days=day.weekday())
