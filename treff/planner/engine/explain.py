"""Why no plan exists: a small set of conflicting demands and rules, in plain language.

The problem is rebuilt with every rule behind an assumption literal: per demand "gets all
its sessions", "stays in its time windows", "meets its room requirements"; per person and
per hard audience group "one thing at a time"; per fixed booking, closure and room
availability "blocks its rooms". CP-SAT's SufficientAssumptionsForInfeasibility names a set
of assumptions that cannot all hold; deleting one assumption after the other while the rest
stays infeasible shrinks it to a minimal set (every rule in it is needed for the clash).
That set is then told as one sentence, e.g. "Schuldnerberatung and Suchtberatung both need
a counselling room for visiting services on Tuesday 10:00–12:00; there is only one."

Messages are LazyText with English source strings, rendered in the reader's language.
"""

from __future__ import annotations

import time as clock
from collections.abc import Iterable
from dataclasses import replace

from django.utils.translation import gettext_lazy as _
from ortools.sat.python import cp_model

from treff.core.text import WEEKDAY_NAMES, LazyText
from treff.core.times import format_end

from .components import linked_groups
from .model import Conflict, Explanation, Problem
from .solver import Compiled, Key, _Built, meets

# What each kind of room is called in a sentence ("… both need <phrase> on …"): the room
# kinds of Fachkonzept §4.3, as treff.treffs.models.Room.Kind (not imported: no ORM here).
KIND_PHRASES = {
    "office": _("the coordinator's office"),
    "coord_counselling": _("the coordinator's counselling room"),
    "visit_counselling": _("a counselling room for visiting services"),
    "kitchen": _("a kitchen"),
    "storage": _("a storage room"),
    "sanitary": _("the sanitary facilities"),
    "group": _("a group room"),
    "open_area": _("an open area"),
    "outdoor": _("an outdoor area"),
}

# Deletion order when shrinking a core: drop whole demands first (fewest demands named),
# then the rules that explain least; time windows go last, they say *when* the clash is.
_ORDER = {
    "sessions": 0,
    "avail": 1,
    "closure": 2,
    "fixed": 3,
    "group": 4,
    "person": 5,
    "rooms": 6,
    "windows": 7,
}


def explain(problem: Problem, *, time_limit: float = 10.0, max_conflicts: int = 3) -> Explanation:
    """Up to `max_conflicts` disjoint minimal conflicts of an infeasible problem.

    A city-wide problem is too big to relax as a whole, so the search narrows down first:
    demands without any possible place are explained alone; otherwise the problem splits
    into independent parts (demands that share no room, person or hard group), and only
    infeasible parts are relaxed and explained.
    """
    deadline = clock.monotonic() + time_limit
    comp = Compiled(problem)
    conflicts: list[Conflict] = []
    minimal = True
    parts: list[list[int]] = [
        [dem.index] for dem in comp.dems if dem.demand.sessions and not dem.cands
    ]
    lonely = {r for part in parts for r in part}
    if len(parts) < max_conflicts:
        # Smallest suspects first: the demands of one person or hard group, then demands
        # sharing rooms (a Treff), then everything that interacts. Demands explained
        # alone already are left out.
        seen: set[tuple[int, ...]] = set()
        candidates = [
            sorted(members)
            for entity, members in comp.entity_dems.items()
            if comp.hard(entity) and len(members) > 1
        ]
        candidates += _components(comp, persons=False) + _components(comp, persons=True)
        candidates = [[r for r in group if r not in lonely] for group in candidates]
        for component in sorted(filter(None, candidates), key=len):
            key = tuple(component)
            if key in seen or clock.monotonic() >= deadline or len(parts) >= max_conflicts:
                continue
            seen.add(key)
            if any(set(part) <= set(component) for part in parts):
                continue  # already explained by a smaller part
            everything = len(component) + len(lonely) == len(comp.dems)
            if (everything and not lonely) or _infeasible(comp, component, deadline):
                parts.append(component)
    for part in parts:
        if len(conflicts) >= max_conflicts or clock.monotonic() >= deadline:
            break
        subproblem = replace(problem, demands=tuple(comp.dems[r].demand for r in part))
        found, complete = _explain_whole(subproblem, deadline, max_conflicts - len(conflicts))
        conflicts += found
        minimal = minimal and complete
    if not conflicts:
        conflicts.append(
            Conflict(
                demands=(),
                constraints=(),
                message=LazyText(
                    _(
                        "No plan meets every rule, but the conflict could not be narrowed "
                        "down in time."
                    )
                ),
            )
        )
        minimal = False
    return Explanation(conflicts=tuple(conflicts), minimal=minimal)


def _components(comp: Compiled, *, persons: bool) -> list[list[int]]:
    """Demands linked by a room they may share (and by persons and hard groups)."""

    def links(dem) -> list[object]:
        found: list[object] = [("room", k) for k in dem.options]
        if persons:
            found += [entity for entity in dem.entities if comp.hard(entity)]
        return found

    groups = linked_groups((dem.index, links(dem)) for dem in comp.dems if dem.demand.sessions)
    return sorted(groups, key=len)


def _infeasible(comp: Compiled, component: list[int], deadline: float) -> bool:
    built = _Built(comp, free=component)
    built.model.clear_objective()
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = max(0.1, min(5.0, deadline - clock.monotonic()))
    return solver.solve(built.model) == cp_model.INFEASIBLE


def _explain_whole(
    problem: Problem, deadline: float, max_conflicts: int
) -> tuple[list[Conflict], bool]:
    """Relax every rule of `problem` behind an assumption and extract minimal cores."""
    comp = Compiled(problem, relax=True)
    built = _Built(comp)
    assumptions = dict(built.assumptions)
    conflicts: list[Conflict] = []
    complete = True
    active = set(assumptions)
    while len(conflicts) < max_conflicts:
        status, core = _check(built, assumptions, active, deadline)
        if status != cp_model.INFEASIBLE:
            if status not in (cp_model.FEASIBLE, cp_model.OPTIMAL) and not conflicts:
                complete = False
            break
        core, shrunk = _shrink(built, assumptions, core, deadline)
        complete = complete and shrunk
        conflicts.append(_conflict(comp, core))
        # Let the demands of this conflict go, and look for another, independent one.
        dropped = {key for key in core if key[0] == "sessions"}
        if not dropped:
            break
        active -= dropped
    return conflicts, complete


def _check(built: _Built, assumptions: dict, keys: Iterable[Key], deadline: float):
    """Solve with `keys` assumed; on infeasibility also return CP-SAT's sufficient core."""
    model = built.model
    model.clear_assumptions()
    chosen = sorted(keys)
    model.add_assumptions([assumptions[key] for key in chosen])
    solver = cp_model.CpSolver()
    # One worker: cores are reproducible, and these models are small.
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = max(0.1, deadline - clock.monotonic())
    status = solver.solve(model)
    if status != cp_model.INFEASIBLE:
        return status, []
    by_index = {var.Index(): key for key, var in assumptions.items()}
    core = [by_index[i] for i in solver.sufficient_assumptions_for_infeasibility()]
    return status, core or chosen


def _shrink(built, assumptions, core, deadline) -> tuple[list[Key], bool]:
    """Deletion-based minimal core: drop each assumption unless it is needed."""
    core = sorted(set(core), key=lambda key: (_ORDER.get(key[0], 9), key))
    index = 0
    while index < len(core):
        if clock.monotonic() >= deadline:
            return core, False
        trial = core[:index] + core[index + 1 :]
        status, smaller = _check(built, assumptions, trial, deadline)
        if status == cp_model.INFEASIBLE:
            # CP-SAT's own core of the trial may be smaller still; keep the order.
            kept = set(smaller) & set(trial) or set(trial)
            core = [key for key in trial if key in kept]
        elif status in (cp_model.FEASIBLE, cp_model.OPTIMAL):
            index += 1
        else:
            return core, False
    return core, True


# -- rendering --------------------------------------------------------------------------------


def _names(items: list[object]) -> LazyText:
    """Say "A", "A and B" or "A, B and C" in the reader's language."""
    if len(items) == 1:
        return LazyText("%(only)s", only=items[0])
    rest = LazyText(", ".join(f"%(p{i})s" for i in range(len(items) - 1)))
    rest.params = {f"p{i}": item for i, item in enumerate(items[:-1])}
    return LazyText(_("%(rest)s and %(last)s"), rest=rest, last=items[-1])


def _when(comp: Compiled, slots: set[int]) -> LazyText:
    """Slots as "Tuesday 10:00–12:00, Thursday 14:00–16:00" (at most three stretches)."""
    grid, S = comp.grid, comp.S
    stretches = []
    for g in sorted(slots):
        if stretches and stretches[-1][1] == g and g % S:
            stretches[-1][1] = g + 1
        else:
            stretches.append([g, g + 1])
    parts = [
        LazyText(
            _("%(day)s %(start)s–%(end)s"),
            day=WEEKDAY_NAMES[grid.day_of(first) % 7],
            start=grid.time_of(first).strftime("%H:%M"),
            end=format_end(grid.end_time(first, last - first)),
        )
        for first, last in stretches[:3]
    ]
    if len(stretches) > 3:
        parts.append(LazyText(_("and other times")))
    joined = LazyText(", ".join(f"%(p{i})s" for i in range(len(parts))))
    joined.params = {f"p{i}": part for i, part in enumerate(parts)}
    return joined


def _allowed_slots(comp: Compiled, r: int, with_windows: bool) -> set[int]:
    """Slots a session of demand r may cover (all of the grid without its windows)."""
    demand = comp.dems[r].demand
    if not with_windows or demand.windows is None:
        return set(range(comp.G))
    return {g for window in demand.windows for g in comp.grid.slots_in(window)}


def _rooms_phrase(comp: Compiled, rooms: list[int]) -> LazyText:
    kinds = {comp.rooms[k].kind for k in rooms}
    if len(kinds) == 1 and next(iter(kinds)) in KIND_PHRASES and len(rooms) > 0:
        return LazyText("%(kind)s", kind=KIND_PHRASES[next(iter(kinds))])
    if len(rooms) == 1:
        return LazyText(_("the room “%(room)s”"), room=comp.rooms[rooms[0]].name)
    return LazyText(
        _("one of the rooms %(rooms)s"),
        rooms=_names([f"“{comp.rooms[k].name}”" for k in rooms]),
    )


def _conflict(comp: Compiled, core: list[Key]) -> Conflict:
    problem = comp.problem
    index = comp.demand_index
    dems = sorted({index[key[1]] for key in core if key[0] == "sessions"})
    kinds = {key[0] for key in core}
    names = [comp.dems[r].demand.name for r in dems]
    windowed = {index[key[1]] for key in core if key[0] == "windows"}

    # When the clash happens: where the demands' windows overlap (else all their windows).
    spans = [_allowed_slots(comp, r, r in windowed) for r in dems]
    common = set.intersection(*spans) if spans else set()
    when = _when(comp, common or set.union(*spans) if spans else set())

    sentences: list[LazyText] = []
    persons = [key[1] for key in core if key[0] == "person"]
    groups = [key[1] for key in core if key[0] == "group"]
    if persons and len(dems) > 1:
        sentences.append(
            LazyText(
                _(
                    "%(person)s is responsible for %(names)s, which must all take place on "
                    "%(when)s, and cannot be in two places at once."
                ),
                person=problem.name_of(persons[0]),
                names=_names(names),
                when=when,
            )
        )
    elif groups and len(dems) > 1:
        sentences.append(
            LazyText(
                _(
                    "%(names)s are all for “%(group)s” and must not overlap, but must all "
                    "take place on %(when)s."
                ),
                group=problem.name_of(groups[0]),
                names=_names(names),
                when=when,
            )
        )
    elif len(dems) > 1:
        sentences.append(_room_sentence(comp, dems, names, when, core))
    elif len(dems) == 1:
        sentences.append(_single_sentence(comp, dems[0], when, kinds))
    sentences += _blocker_sentences(comp, core)
    if not sentences:
        sentences.append(
            LazyText(
                _("%(names)s cannot all be planned within their time windows and rooms."),
                names=_names(names),
            )
        )
    message = LazyText(" ".join(f"%(s{i})s" for i in range(len(sentences))))
    message.params = {f"s{i}": sentence for i, sentence in enumerate(sentences)}
    return Conflict(
        demands=tuple(comp.dems[r].demand.id for r in dems),
        constraints=tuple(sorted(set(core))),
        message=message,
    )


def _suitable(comp: Compiled, r: int) -> list[int]:
    demand = comp.dems[r].demand
    return [
        k
        for k, room in enumerate(comp.rooms)
        if (not demand.rooms or room.id in demand.rooms) and meets(demand, room)
    ]


def _room_sentence(comp, dems, names, when, core) -> LazyText:
    """Several demands, one kind of room: "A and B both need … on …; there is only one." """
    shared = set(_suitable(comp, dems[0]))
    for r in dems[1:]:
        shared &= set(_suitable(comp, r))
    rooms = sorted(shared) or sorted(set().union(*(_suitable(comp, r) for r in dems)))
    count = len(rooms)
    params = {"names": _names(names), "rooms": _rooms_phrase(comp, rooms), "when": when}
    if len(dems) == 2:
        if count == 1:
            template = _("%(names)s both need %(rooms)s on %(when)s; there is only one.")
        else:
            template = _("%(names)s both need %(rooms)s on %(when)s; there are only %(count)s.")
    elif count == 1:
        template = _("%(names)s all need %(rooms)s on %(when)s; there is only one.")
    else:
        template = _("%(names)s all need %(rooms)s on %(when)s; there are only %(count)s.")
    return LazyText(template, count=count, **params)


def _single_sentence(comp, r, when, kinds) -> LazyText:
    dem = comp.dems[r]
    demand = dem.demand
    suitable = _suitable(comp, r)
    if "rooms" in kinds and not suitable:
        return LazyText(
            _("No room meets the requirements of %(name)s (%(requirements)s)."),
            name=demand.name,
            requirements=_requirements(demand),
        )
    if "rooms" in kinds:
        return LazyText(
            _("No room suitable for %(name)s (%(rooms)s) is free often enough on %(when)s."),
            name=demand.name,
            rooms=_rooms_phrase(comp, suitable),
            when=when,
        )
    return LazyText(
        _(
            "%(name)s needs %(sessions)s sessions of %(minutes)s minutes, but they do not fit "
            "into %(when)s."
        ),
        name=demand.name,
        sessions=demand.sessions,
        minutes=demand.minutes,
        when=when,
    )


def _requirements(demand) -> LazyText:
    parts: list[object] = []
    for kind in sorted(demand.room_kinds):
        parts.append(KIND_PHRASES.get(kind, kind))
    if demand.capacity_hard and demand.attendees:
        parts.append(LazyText(_("room for %(count)s people"), count=demand.attendees))
    if demand.barrier_free:
        parts.append(LazyText(_("barrier-free")))
    parts.extend(sorted(demand.equipment))
    if not parts:
        parts.append(LazyText(_("no special requirements")))
    joined = LazyText(", ".join(f"%(p{i})s" for i in range(len(parts))))
    joined.params = {f"p{i}": part for i, part in enumerate(parts)}
    return joined


def _blocker_sentences(comp: Compiled, core: list[Key]) -> list[LazyText]:
    """What else takes the time: fixed bookings, closures, limited room availability."""
    problem = comp.problem
    sentences = []
    fixed = {booking.id: booking for booking in problem.fixed}
    for kind, key in core:
        if kind == "fixed" and key in fixed:
            booking = fixed[key]
            slots = set(comp.grid.slots_touching(_window(booking)))
            where = [comp.rooms[comp.room_index[room]].name for room in booking.rooms]
            where += [problem.name_of(person) for person in booking.persons]
            sentences.append(
                LazyText(
                    _("“%(fixed)s” is already planned on %(when)s (%(where)s)."),
                    fixed=booking.name,
                    when=_when(comp, slots),
                    where=", ".join(where),
                )
            )
        elif kind == "closure":
            closure = problem.closures[int(key)]
            rooms = closure.rooms or {room.id for room in comp.rooms}
            if closure.start is None or closure.end is None:
                base = comp.grid.days.index(closure.day) * comp.S
                slots = set(range(base, base + comp.S))
            else:
                slots = set(comp.grid.slots_touching(_window(closure)))
            names = [comp.rooms[comp.room_index[room]].name for room in sorted(rooms)]
            sentences.append(
                LazyText(
                    _("Closed on %(when)s: %(rooms)s%(reason)s."),
                    when=_when(comp, slots),
                    rooms=", ".join(names) if closure.rooms else _("the whole Treff"),
                    reason=f" ({closure.reason})" if closure.reason else "",
                )
            )
        elif kind == "avail":
            room = comp.rooms[comp.room_index[key]]
            slots = {g for window in room.availability or () for g in comp.grid.slots_in(window)}
            sentences.append(
                LazyText(
                    _("The room “%(room)s” can only be used on %(when)s."),
                    room=room.name,
                    when=_when(comp, slots) if slots else _("no day"),
                )
            )
    return sentences


def _window(item):
    from .model import Window

    return Window(item.day, item.start, item.end)
