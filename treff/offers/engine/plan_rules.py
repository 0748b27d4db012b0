"""The planning rules of the Fachkonzept (§4.5), checked against a planned period.

They are warnings, not errors: a coordinator may have good reasons to plan a fourth lunch in
a week, so the plan is saved and the warning shown. Each Treff can tune or switch off a rule
through its TreffRules.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date, time, timedelta

from django.utils.translation import gettext_lazy as _

from treff.core.text import WEEKDAY_NAMES, LazyText, lazy_join
from treff.core.times import DAY_MINUTES, end_minutes, format_end, minutes_of

from .recurrence import Occurrence, week_of

CODE_LUNCH_TOO_MANY = "lunch_too_many"
CODE_LUNCH_OUTSIDE_HOURS = "lunch_outside_hours"
CODE_COORDINATOR_UNCOVERED = "coordinator_uncovered"
CODE_NO_COUNSELLING_ROOM = "no_counselling_room"
# Order of warnings within one week: the same order as the Fachkonzept lists the rules.
_CODE_ORDER = {
    CODE_NO_COUNSELLING_ROOM: 0,
    CODE_COORDINATOR_UNCOVERED: 1,
    CODE_LUNCH_TOO_MANY: 2,
    CODE_LUNCH_OUTSIDE_HOURS: 3,
}


@dataclass(frozen=True, slots=True)
class TreffRules:
    coordinator_presence: bool = True
    presence_weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)
    presence_start: time = time(9)
    presence_end: time = time(17)
    lunch_max_per_week: int = 3
    lunch_start: time = time(11)
    lunch_end: time = time(13)
    require_visiting_counselling_room: bool = True


@dataclass(frozen=True, slots=True)
class PlanWarning:
    code: str
    message: LazyText  # rendered in the reader's language by str()
    week: date | None  # Monday of the ISO week; None for warnings about the Treff as such


def _format_time(moment: time) -> str:
    return moment.strftime("%H:%M")


def check_rules(
    *,
    rules: TreffRules,
    occurrences: Iterable[Occurrence],
    lunch_series_ids: Collection[int],
    coordinator_hours: Iterable[tuple[date, time, time]] | None,
    has_visiting_counselling_room: bool,
    window_start: date,
    window_end: date,
    days_off: Collection[date] = frozenset(),
    format_date: Callable[[date], str] = date.isoformat,
) -> list[PlanWarning]:
    """Warnings for the plan between window_start and window_end (inclusive).

    `coordinator_hours` are the planned presence blocks (date, start, end); None skips the
    presence check, for callers that do not plan presence yet. `days_off` (holidays and
    closures) need no presence. Ordered by week (Treff-wide warnings first), then rule.

    Occurrence times are read as wall-clock times, so they must be in the Treff's zone, as
    expand() makes them; convert datetimes loaded from the database with astimezone(tz).
    """
    found: list[tuple[tuple, PlanWarning]] = []

    def add(warning: PlanWarning, detail: date = date.min) -> None:
        key = (warning.week or date.min, _CODE_ORDER[warning.code], detail)
        found.append((key, warning))

    if rules.require_visiting_counselling_room and not has_visiting_counselling_room:
        add(
            PlanWarning(
                CODE_NO_COUNSELLING_ROOM,
                LazyText(
                    _(
                        "There is no room for visiting counselling; plan one so that "
                        "counsellors can talk to visitors in private."
                    )
                ),
                None,
            )
        )

    in_window = [
        occ
        for occ in occurrences
        if not occ.cancelled and window_start <= occ.start.date() <= window_end
    ]
    lunches = [occ for occ in in_window if occ.series_id in lunch_series_ids]
    for warning, detail in _lunch_warnings(rules, lunches, format_date=format_date):
        add(warning, detail)

    if rules.coordinator_presence and coordinator_hours is not None:
        for warning in _presence_warnings(
            rules,
            coordinator_hours,
            window_start=window_start,
            window_end=window_end,
            days_off=days_off,
            format_date=format_date,
        ):
            add(warning)

    found.sort(key=lambda item: item[0])
    return [warning for _key, warning in found]


def _lunch_warnings(
    rules: TreffRules, lunches: list[Occurrence], *, format_date: Callable[[date], str]
) -> list[tuple[PlanWarning, date]]:
    warnings: list[tuple[PlanWarning, date]] = []
    days_by_week: dict[date, set[date]] = defaultdict(set)
    for occ in lunches:
        day = occ.start.date()
        days_by_week[week_of(day)].add(day)
    for week, days in days_by_week.items():
        # Distinct days: two sittings on one day are still one lunch day.
        if len(days) > rules.lunch_max_per_week:
            message = LazyText(
                _(
                    "In the week of %(week)s lunch is planned on %(count)s days (%(days)s); "
                    "at most %(max)s per week are intended."
                ),
                week=format_date(week),
                count=len(days),
                days=lazy_join(format_date(day) for day in sorted(days)),
                max=rules.lunch_max_per_week,
            )
            warnings.append((PlanWarning(CODE_LUNCH_TOO_MANY, message, week), week))

    for occ in sorted(lunches, key=lambda occ: occ.start.timestamp()):
        # The whole lunch must lie within the lunch hours (wall clock of the Treff); an end
        # at the next day's 00:00 is midnight of this day (treff.core.times).
        starts, ends = occ.start.time(), occ.end.time()
        after_start = minutes_of(starts) >= minutes_of(rules.lunch_start)
        if after_start and _end_of_day_minutes(occ) <= end_minutes(rules.lunch_end):
            continue
        day = occ.start.date()
        message = LazyText(
            _(
                "Lunch on %(date)s from %(start)s to %(end)s lies outside the lunch hours "
                "%(lunch_start)s to %(lunch_end)s."
            ),
            date=format_date(day),
            start=_format_time(starts),
            end=format_end(ends),
            lunch_start=_format_time(rules.lunch_start),
            lunch_end=format_end(rules.lunch_end),
        )
        warnings.append((PlanWarning(CODE_LUNCH_OUTSIDE_HOURS, message, week_of(day)), day))
    return warnings


def _end_of_day_minutes(occ: Occurrence) -> int:
    """Minutes after the start day's midnight at which an occurrence ends (24:00 = 1440)."""
    days = (occ.end.date() - occ.start.date()).days
    return days * DAY_MINUTES + minutes_of(occ.end.time())


def _covers(blocks: list[tuple[time, time]], start: time, end: time) -> bool:
    """Whether the union of the blocks covers [start, end); an end of 00:00 is midnight."""
    reached = minutes_of(start)
    goal = end_minutes(end)
    for block_start, block_end in sorted(blocks):
        if minutes_of(block_start) > reached:
            return False  # a gap before this block
        reached = max(reached, end_minutes(block_end))
        if reached >= goal:
            return True
    return reached >= goal


def _presence_warnings(
    rules: TreffRules,
    coordinator_hours: Iterable[tuple[date, time, time]],
    *,
    window_start: date,
    window_end: date,
    days_off: Collection[date],
    format_date: Callable[[date], str],
) -> list[PlanWarning]:
    blocks: dict[date, list[tuple[time, time]]] = defaultdict(list)
    for day, start, end in coordinator_hours:
        if window_start <= day <= window_end:
            blocks[day].append((start, end))

    uncovered: dict[date, list[date]] = defaultdict(list)
    day = window_start
    while day <= window_end:
        if (
            day.weekday() in rules.presence_weekdays
            and day not in days_off
            and not _covers(blocks.get(day, []), rules.presence_start, rules.presence_end)
        ):
            uncovered[week_of(day)].append(day)
        day += timedelta(days=1)

    warnings = []
    for week, days in sorted(uncovered.items()):
        # One warning per week, listing its days, rather than a wall of daily warnings.
        listed = lazy_join(
            LazyText(
                "%(weekday)s %(date)s", weekday=WEEKDAY_NAMES[day.weekday()], date=format_date(day)
            )
            for day in days
        )
        message = LazyText(
            _(
                "In the week of %(week)s the coordinator's presence from %(start)s to %(end)s "
                "is not fully planned on: %(days)s."
            ),
            week=format_date(week),
            start=_format_time(rules.presence_start),
            end=format_end(rules.presence_end),
            days=listed,
        )
        warnings.append(PlanWarning(CODE_COORDINATOR_UNCOVERED, message, week))
    return warnings
