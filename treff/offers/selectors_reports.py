"""The plan's reads for the reports (Fachkonzept §4.5, §6): dates, rooms, visiting services.

Every function reads many Treffs at once in a fixed number of queries, whatever their number
(the query count of /reports/ is pinned in the tests); days are local days of the Treffs'
zone, both ends included. A date counts on the local day it starts; a moved date counts where
it landed. "Held": a date not cancelled that has ended by `now`; a cancelled date counts as
cancelled whether it lay ahead or not when it was called off.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from treff.core.times import DAY_MINUTES, end_minutes, minutes_of
from treff.treffs.models import OpeningHours, Room, Treff

from . import planning
from .engine import plan_rules as engine_rules
from .models import Category, ClosureDay, Occurrence, PlanRules
from .plan_warnings import check, rules_from
from .selectors import local_day_bounds

# Rooms where no offer takes place; the reports leave them out of the room utilisation.
NOT_BOOKED = (Room.Kind.SANITARY, Room.Kind.STORAGE)
# The §4.5 rules a report counts weeks for, in the order of the Fachkonzept.
RULE_CODES = (
    engine_rules.CODE_COORDINATOR_UNCOVERED,
    engine_rules.CODE_LUNCH_TOO_MANY,
    engine_rules.CODE_LUNCH_OUTSIDE_HOURS,
)


def _starting_in(treff_ids, first: dt.date, last: dt.date):
    start, end = local_day_bounds(first, last)
    return Occurrence.objects.filter(treff_id__in=treff_ids, start__gte=start, start__lt=end)


def dates_by_category(treff_ids, *, first: dt.date, last: dt.date, now: dt.datetime) -> dict:
    """{(Treff id, offer category): (dates held, dates cancelled)} of the dates starting from
    `first` to `last`; dates not cancelled and not over by `now` are in neither. One query."""
    rows = (
        _starting_in(treff_ids, first, last)
        .values("treff_id", "series__offer__category")
        .annotate(
            held=Count("pk", filter=Q(cancelled=False, end__lte=now)),
            cancelled=Count("pk", filter=Q(cancelled=True)),
        )
        .order_by()
    )
    return {
        (row["treff_id"], row["series__offer__category"]): (row["held"], row["cancelled"])
        for row in rows
    }


def visiting_hours(treff_ids, *, first: dt.date, last: dt.date, now: dt.datetime) -> dict:
    """{(Treff id, provider name): minutes held} of the visiting services' office hours
    (offers of the category "visiting counselling"), for every service with a date starting
    from `first` to `last` in a Treff (0 when none of them was held: cancelled or ahead).
    One query."""
    rows = (
        _starting_in(treff_ids, first, last)
        .filter(series__offer__category=Category.VISITING_COUNSELLING)
        .values_list("treff_id", "series__offer__provider__name", "start", "end", "cancelled")
    )
    minutes: dict[tuple[int, str], int] = defaultdict(int)
    for treff_id, provider, start, end, cancelled in rows:
        held = not cancelled and end <= now
        minutes[treff_id, provider] += (end - start) // dt.timedelta(minutes=1) if held else 0
    return dict(minutes)


@dataclass(frozen=True)
class RoomUse:
    """A room's booked minutes within the opening hours of first..last, and those hours."""

    treff_id: int
    room_id: int
    name: str
    booked: int
    opening: int

    @property
    def percent(self) -> Decimal | None:
        """Booked as a percentage of the opening hours; None without opening hours."""
        return Decimal(100 * self.booked) / Decimal(self.opening) if self.opening else None


def room_use(treff_ids, *, first: dt.date, last: dt.date) -> list[RoomUse]:
    """Each room of the Treffs (but NOT_BOOKED kinds) by Treff id and name: minutes booked
    by dates not cancelled (held or still ahead: the plan's use) within the opening hours,
    over the opening hours of first..last. Days a Treff is closed (public holidays,
    closure days) count in neither; two dates overlapping in one room count once, a date
    outside the opening hours only with its part inside them. Five queries."""
    rooms = list(
        Room.objects.filter(treff_id__in=treff_ids)
        .exclude(kind__in=NOT_BOOKED)
        .order_by("treff_id", "name")
        .values_list("pk", "treff_id", "name")
    )
    hours = _opening_hours(treff_ids)
    closed = _days_off(treff_ids, first, last)
    tz = planning.timezone()
    booked: dict[tuple[int, dt.date], list[tuple[int, int]]] = defaultdict(list)
    rows = (
        _starting_in(treff_ids, first, last)
        .filter(cancelled=False)
        .values_list("room_id", "start", "end")
    )
    for room_id, start, end in rows:
        start, end = start.astimezone(tz), end.astimezone(tz)
        # A date ends by midnight at the latest (an end of 00:00 is 24:00 of its day).
        until = (end.date() - start.date()).days * DAY_MINUTES + minutes_of(end.time())
        booked[room_id, start.date()].append((minutes_of(start.time()), min(until, DAY_MINUTES)))
    # The opening hours of a Treff over the period: its open days per weekday times that
    # weekday's hours, so a long period costs 7 sums per Treff, not one per day and room.
    open_days = {treff_id: [0] * 7 for treff_id in treff_ids}
    for n in range((last - first).days + 1):
        day = first + dt.timedelta(days=n)
        for treff_id in treff_ids:
            if day not in closed[treff_id]:
                open_days[treff_id][day.weekday()] += 1
    opening = {
        treff_id: sum(
            days * sum(end - start for start, end in hours[treff_id][weekday])
            for weekday, days in enumerate(open_days[treff_id])
        )
        for treff_id in treff_ids
    }
    treff_of = {room_id: treff_id for room_id, treff_id, _name in rooms}
    used: dict[int, int] = defaultdict(int)
    for (room_id, day), spans in booked.items():
        treff_id = treff_of.get(room_id)
        if treff_id is None or day in closed[treff_id]:
            continue
        used[room_id] += _overlap(_merged(spans), hours[treff_id][day.weekday()])
    return [
        RoomUse(treff_id, room_id, name, used[room_id], opening[treff_id])
        for room_id, treff_id, name in rooms
    ]


def rule_weeks(treff_ids, *, first: dt.date, last: dt.date) -> dict:
    """{(Treff id, rule code): weeks with a warning} of the §4.5 rules (RULE_CODES) over
    first..last, checked by the plan's own code (plan_warnings.check) with each Treff's
    PlanRules, opening hours, days off and lunch dates. A week cut by the period counts
    with its days inside it. Five queries."""
    stored = {rules.treff_id: rules for rules in PlanRules.objects.filter(treff_id__in=treff_ids)}
    hours = defaultdict(list)
    for treff_id, weekday, opens, closes in OpeningHours.objects.filter(
        treff_id__in=treff_ids
    ).values_list("treff_id", "weekday", "opens", "closes"):
        hours[treff_id].append((weekday, opens, closes))
    closed = _days_off(treff_ids, first, last)
    lunches = defaultdict(list)
    for occ in (
        _starting_in(treff_ids, first, last)
        .filter(series__offer__category=Category.LUNCH)
        .select_related("series__offer")
    ):
        lunches[occ.treff_id].append(occ)
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    weeks: dict[tuple[int, str], set[dt.date]] = defaultdict(set)
    for treff_id in treff_ids:
        warnings = check(
            rules=rules_from(stored.get(treff_id) or PlanRules(treff_id=treff_id)),
            occurrences=lunches[treff_id],
            opening_hours=hours[treff_id],
            # The room is a rule about the Treff, not about weeks: not counted here.
            has_visiting_counselling_room=True,
            first=first,
            last=last,
            days=days,
            days_off=closed[treff_id],
        )
        for warning in warnings:
            if warning.code in RULE_CODES and warning.week is not None:
                weeks[treff_id, warning.code].add(warning.week)
    return {key: len(found) for key, found in weeks.items()}


def _opening_hours(treff_ids) -> dict[int, dict[int, list[tuple[int, int]]]]:
    """Per Treff id and weekday: the opening hours as merged (start, end) minutes."""
    blocks: dict[int, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for treff_id, weekday, opens, closes in OpeningHours.objects.filter(
        treff_id__in=treff_ids
    ).values_list("treff_id", "weekday", "opens", "closes"):
        blocks[treff_id][weekday].append((minutes_of(opens), end_minutes(closes)))
    return {
        treff_id: {weekday: _merged(blocks[treff_id][weekday]) for weekday in range(7)}
        for treff_id in treff_ids
    }


def _days_off(treff_ids, first: dt.date, last: dt.date) -> dict[int, set[dt.date]]:
    """Per Treff id: the public holidays of its Land and its closure days from first to
    last. Two queries."""
    states = dict(Treff.objects.filter(pk__in=treff_ids).values_list("pk", "holiday_state"))
    holidays = {
        state: set(planning.holidays_between(first, last, state=state))
        for state in set(states.values())
    }
    closed = {treff_id: set(holidays.get(states.get(treff_id), ())) for treff_id in treff_ids}
    for treff_id, day in ClosureDay.objects.filter(
        treff_id__in=treff_ids, date__range=(first, last)
    ).values_list("treff_id", "date"):
        closed[treff_id].add(day)
    return closed


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching (start, end) spans joined, sorted."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _overlap(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> int:
    """Minutes two lists of merged spans have in common."""
    return sum(
        max(0, min(a_end, b_end) - max(a_start, b_start))
        for a_start, a_end in first
        for b_start, b_end in second
    )


__all__ = ["RULE_CODES", "RoomUse", "dates_by_category", "room_use", "rule_weeks", "visiting_hours"]
