"""Between the ORM and the planner engine: a Treff's rows → Problem, a Solution → series.

The weekly grid has no dates, so the plan's dated series are folded onto it: a weekly series
blocks its weekdays every week, a fortnightly one every second week, one on the n-th weekday
(1st–4th) every fourth week; anything else (last weekday, day of the month) conservatively
blocks every week. Applying a proposal goes through services.series_save, which checks the
real dates again, so a fold that was too optimistic is refused with a message, never stored.
"""

import datetime as dt

from django.db.models import Q

from treff.core.times import DAY_MINUTES, end_minutes, minutes_of
from treff.offers.models import Series
from treff.treffs.models import Membership, OpeningHours, Role, Room

from .engine.model import Demand, FixedBooking, Grid, Problem, Window
from .engine.model import Room as EngineRoom

# Rooms nobody plans an offer in unless a request asks for them by kind.
NOT_FOR_OFFERS = {Room.Kind.SANITARY, Room.Kind.STORAGE}


def room_key(pk) -> str:
    return f"room{pk}"


def person_key(pk) -> str:
    return f"user{pk}"


def request_key(pk) -> str:
    return f"request{pk}"


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def grid_of(treff, slot_minutes: int) -> Grid:
    """Weekdays and hours from the Treff's opening hours (Mon–Fri 8–18 if none).

    Opening hours may close at midnight (00:00 = 24:00); the grid then ends at midnight.
    """
    hours = list(OpeningHours.objects.filter(treff=treff))
    if not hours:
        return Grid(slot_minutes=slot_minutes)
    days = tuple(sorted({h.weekday for h in hours}))
    start = min(minutes_of(h.opens) for h in hours)
    end = max(end_minutes(h.closes) for h in hours)
    # The grid must be whole slots: widen it to the slot boundaries around the hours.
    first = start // slot_minutes * slot_minutes
    last = min(-(-end // slot_minutes) * slot_minutes, DAY_MINUTES)
    return Grid(
        days=days,
        start=dt.time(first // 60, first % 60),
        end=dt.time(0) if last == DAY_MINUTES else dt.time(last // 60, last % 60),
        slot_minutes=slot_minutes,
    )


def unplaceable(grid: Grid, planning_request) -> bool:
    """True when no session of the request fits into its window on the grid's days and hours.

    The weekly grid spans the opening hours; a window wholly outside them (an evening offer
    in a Treff open until 17:00) cannot be represented, and is refused before solving.
    """
    grid_start = minutes_of(grid.start)
    grid_end = end_minutes(grid.end)
    start = max(minutes_of(planning_request.window_start), grid_start)
    end = min(end_minutes(planning_request.window_end), grid_end)
    days = set(planning_request.weekdays) & set(grid.days)
    return not days or end - start < planning_request.minutes


def problem_of(*, treff, plan_version, planning_requests, slot_minutes: int) -> Problem:
    rooms = list(Room.objects.filter(treff=treff).order_by("name"))
    usable = frozenset(room_key(r.pk) for r in rooms if r.kind not in NOT_FOR_OFFERS)
    names = {room_key(r.pk): r.name for r in rooms}
    names.update(Room.Kind.choices)  # explanations name kinds of room in words
    engine_demands = []
    for planning_request in planning_requests:
        windows = tuple(
            Window(day, planning_request.window_start, planning_request.window_end)
            for day in planning_request.weekdays
        )
        preferred = ()
        if planning_request.preferred_start and planning_request.preferred_end:
            preferred = tuple(
                Window(day, planning_request.preferred_start, planning_request.preferred_end)
                for day in planning_request.weekdays
            )
        persons = (
            (person_key(planning_request.responsible_id),)
            if planning_request.responsible_id
            else ()
        )
        if planning_request.responsible_id:
            names[person_key(planning_request.responsible_id)] = str(planning_request.responsible)
        engine_demands.append(
            Demand(
                id=request_key(planning_request.pk),
                name=planning_request.offer.title,
                sessions=planning_request.sessions,
                minutes=planning_request.minutes,
                every_weeks=planning_request.every_weeks,
                windows=windows or None,
                preferred=preferred,
                rooms=usable if not planning_request.room_kinds else frozenset(),
                room_kinds=frozenset(planning_request.room_kinds),
                barrier_free=planning_request.barrier_free,
                attendees=planning_request.attendees,
                persons=persons,
                groups=tuple(planning_request.groups),
                min_days=planning_request.min_days,
            )
        )
    coordinators = Membership.objects.filter(treff=treff, role=Role.COORDINATOR).values_list(
        "user_id", flat=True
    )
    return Problem(
        grid=grid_of(treff, slot_minutes),
        rooms=tuple(
            EngineRoom(
                id=room_key(r.pk),
                name=r.name,
                kind=r.kind,
                capacity=r.capacity,
                barrier_free=r.barrier_free,
                equipment=frozenset(r.equipment),
            )
            for r in rooms
        ),
        demands=tuple(engine_demands),
        fixed=tuple(_fixed(treff, plan_version)),
        compact_persons=frozenset(person_key(pk) for pk in coordinators),
        names=names,
    )


def _fixed(treff, plan_version):
    """The plan's series during the period, folded onto the weekly grid."""
    start = monday_of(plan_version.valid_from)
    series = (
        Series.objects.filter(treff=treff)
        .filter(Q(starts_on__lte=plan_version.valid_to) & Q(ends_on__gte=plan_version.valid_from))
        .select_related("offer")
    )
    for s in series:
        persons = (person_key(s.responsible_id),) if s.responsible_id else ()
        every_weeks, week = 1, 0
        if s.kind == "weekly" and s.interval in (2, 4):
            every_weeks = s.interval
            first = max(s.starts_on, plan_version.valid_from)
            week = ((monday_of(first) - start).days // 7) % s.interval
        elif s.kind == "monthly_nth" and s.nth in (1, 2, 3, 4):
            every_weeks, week = 4, s.nth - 1
        days = s.weekdays if s.kind in ("weekly", "monthly_nth") else [s.starts_on.weekday()]
        for day in days:
            yield FixedBooking(
                id=f"series{s.pk}-{day}",
                name=s.offer.title,
                day=day,
                start=s.start_time,
                end=s.end_time,
                rooms=(room_key(s.room_id),),
                persons=persons,
                every_weeks=every_weeks,
                week=week,
            )


def grouped(proposal: list[dict]) -> list[dict]:
    """Sessions of one request in the same room, time and week become one series."""
    groups: dict[tuple, dict] = {}
    for placement in proposal:
        key = (
            placement["request"],
            placement["room"],
            placement["start"],
            placement["end"],
            placement["week"],
        )
        groups.setdefault(key, {**placement, "days": []})["days"].append(placement["day"])
    return list(groups.values())


def series_for(placement: dict, *, planning_request, plan_version) -> Series:
    """A proposal's sessions (one room, time and week) as a series over the plan's period."""
    first_monday = monday_of(plan_version.valid_from)
    days = sorted(placement.get("days") or [placement["day"]])
    anchor = first_monday + dt.timedelta(weeks=placement["week"], days=days[0])
    while anchor < plan_version.valid_from:
        anchor += dt.timedelta(weeks=planning_request.every_weeks)
    values = {
        "offer": planning_request.offer,
        "treff_id": planning_request.treff_id,
        "room_id": int(placement["room"].removeprefix("room")),
        "responsible_id": planning_request.responsible_id,
        "starts_on": anchor,
        "ends_on": plan_version.valid_to,
        "start_time": dt.time.fromisoformat(placement["start"]),
        "end_time": dt.time.fromisoformat(placement["end"]),
        "expected_participants": planning_request.attendees or None,
        "needs_barrier_free": planning_request.barrier_free,
        "weekdays": days,
    }
    if planning_request.every_weeks == 4:
        # "Every fourth week" becomes the n-th weekday of the month: week 0 → 1st, … 3 → 4th.
        return Series(kind="monthly_nth", nth=placement["week"] + 1, interval=1, **values)
    return Series(kind="weekly", interval=planning_request.every_weeks, **values)
