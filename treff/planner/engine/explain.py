"""Why no plan exists: a small set of requests that cannot all be placed, said in words.

A deletion filter over the requests: drop one request at a time and keep it dropped while the
rest still has no plan. What remains is a minimal conflicting set (every request in it is
needed for the clash), found with the same solver on the hard rules only. The sentence names
the requests and what they compete for: a person, or the rooms of a kind in the times they
share ("Schuldnerberatung and Suchtberatung all need a counselling room on Tuesday
10:00–12:00; there is only one.").
"""

from __future__ import annotations

import time as clock
from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from treff.offers.engine.recurrence import WEEKDAY_NAMES, LazyText, lazy_join

from .model import Conflict, Explanation, Problem, Request, Status, Weights, Window

# Only the hard rules decide whether a plan exists; the soft ones would only slow the search.
_NO_SOFT_RULES = Weights(
    same_room=0,
    spread_days=0,
    preferred_time=0,
    group_isolated=0,
    compact_person=0,
    room_waste=0,
    room_overfull=0,
)


def _hard_only(problem: Problem, requests) -> Problem:
    weights = replace(
        _NO_SOFT_RULES, group_overlap=None if problem.weights.group_overlap is None else 0
    )
    return replace(problem, requests=tuple(requests), weights=weights)


def _infeasible(problem: Problem, requests, *, seconds: float) -> bool:
    from .solver import solve  # the solver imports this module lazily, and so back

    solution = solve(
        _hard_only(problem, requests), time_limit=max(0.2, seconds), explain=False, lns=False
    )
    return solution.status == Status.INFEASIBLE


def explain(problem: Problem, *, time_limit: float = 5.0) -> Explanation:
    deadline = clock.monotonic() + time_limit
    core = list(problem.requests)
    minimal = True
    for request in list(core):
        remaining = deadline - clock.monotonic()
        if remaining <= 0:
            minimal = False
            break
        rest = [other for other in core if other is not request]
        if rest and _infeasible(problem, rest, seconds=min(remaining, 2.0)):
            core = rest
    return Explanation(conflicts=(_conflict(problem, core),), minimal=minimal)


def _conflict(problem: Problem, core: list[Request]) -> Conflict:
    ids = tuple(request.id for request in core)
    names = lazy_join([request.name for request in core], ", ")
    shared_people = set.intersection(*(set(r.persons) for r in core)) if len(core) > 1 else set()
    if shared_people:
        person = problem.name_of(sorted(shared_people)[0])
        message = LazyText(
            _(
                "%(offers)s cannot all be planned: %(person)s would have to be in two places "
                "at once."
            ),
            offers=names,
            person=person,
        )
        return Conflict(ids, (("person", person),), message)
    times = _common_times(problem, core)
    kinds = set.intersection(*(set(r.room_kinds) for r in core)) if core[0].room_kinds else set()
    if len(core) > 1 and kinds and times:
        kind = sorted(kinds)[0]
        rooms = sum(1 for room in problem.rooms if room.kind == kind)
        if rooms == 1:
            template = _(
                "%(offers)s all need a room of the kind “%(kind)s” at %(times)s; there is only one."
            )
        else:
            template = _(
                "%(offers)s all need a room of the kind “%(kind)s” at %(times)s; there are "
                "only %(count)s."
            )
        message = LazyText(
            template, offers=names, kind=problem.name_of(kind), times=times, count=rooms
        )
        return Conflict(ids, (("rooms", kind),), message)
    if len(core) == 1:
        message = LazyText(
            _("%(offer)s cannot be planned: in its possible times no suitable room is free."),
            offer=names,
        )
        return Conflict(ids, (("windows", ids[0]),), message)
    message = LazyText(
        _(
            "%(offers)s cannot all be planned: their possible times and rooms leave too little "
            "space for all of them."
        ),
        offers=names,
    )
    return Conflict(ids, tuple(("windows", request_id) for request_id in ids), message)


def _common_times(problem: Problem, core: list[Request]):
    """The weekday windows every request of the core could use, as words (or None)."""
    common: list[Window] | None = None
    for request in core:
        windows = list(request.windows or _whole_grid(problem))
        if common is None:
            common = windows
            continue
        common = [
            Window(a.day, max(a.start, b.start), min(a.end, b.end))
            for a in common
            for b in windows
            if a.day == b.day and max(a.start, b.start) < min(a.end, b.end)
        ]
    if not common:
        return None
    parts = [
        LazyText(
            "%(day)s %(start)s–%(end)s",
            day=WEEKDAY_NAMES[window.day],
            start=window.start.strftime("%H:%M"),
            end=window.end.strftime("%H:%M"),
        )
        for window in sorted(common, key=lambda w: (w.day, w.start))
    ]
    return lazy_join(parts, ", ")


def _whole_grid(problem: Problem):
    return [Window(day, problem.grid.start, problem.grid.end) for day in problem.grid.days]
