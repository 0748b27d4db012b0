"""The CP-SAT model of the occupancy planner, its evaluation, and the search around it.

Shape of the model (why it looks like this):

* One boolean b[r, t, w, k] per demand r, start slot t, week w of r's cycle and room k, but
  only for combinations that can be valid at all: inside r's windows, in a room meeting r's
  requirements that is neither closed, unavailable nor held by a fixed booking then, and
  with r's persons free. Filtering here, not with constraints, keeps the model small.
* Sessions are not numbered: "r has n sessions" is Σ x[r, ·] = n with x[r, t, w] = Σ_k b.
  Numbered sessions would be interchangeable, and CP-SAT would explore every permutation.
* Rooms, persons and hard audience groups become at-most-one cliques per slot (and week of
  the planning cycle); cliques are what CP-SAT's presolve and LP like best.
* Redundant counting cuts (demands that can only use rooms of a set S, per slot: at most
  |S|) tighten the LP relaxation; they matter for ITC, where every course may use any room.
* Soft rules are linear terms; "isolated session" (ITC's curriculum compactness, a compact
  day for the coordinator) is iso ≥ starts − K·(busy before + busy after).

For large problems a monolithic solve finds a first plan and the bound, then a large
neighbourhood search (LNS) of our own re-optimises parts of the plan: the demands of a few
audience groups, persons or rooms, the sessions of a day, or only the rooms. Each part is a
fresh, small CP-SAT model in which everything else is constant; a candidate is kept when the
full evaluation (`evaluate`, independent of any CP-SAT objective) does not get worse.
"""

from __future__ import annotations

import itertools
import math
import os
import random
import threading
import time as clock
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .components import linked_groups
from .model import (
    Demand,
    Placement,
    Problem,
    Room,
    Solution,
    Status,
    Window,
)

Progress = Callable[[float, float, float], None]
Key = tuple[str, str]  # an explanation's assumption: (kind, id)
# A session in the solver's terms: (start slot, week of the demand's cycle, room index).
Slot = tuple[int, int, int]

COST_NAMES = (
    "same_room",
    "spread_days",
    "preferred_time",
    "group_overlap",
    "group_isolated",
    "compact_person",
    "room_size",
)


def _weeks(cycle: int, every: int, week: int) -> tuple[int, ...]:
    """The weeks of the planning cycle in which something every `every` weeks takes place."""
    return tuple(w for w in range(cycle) if w % every == week)


def meets(demand: Demand, room: Room) -> bool:
    """Whether `room` fulfils the demand's (relaxable) requirements."""
    if demand.room_kinds and room.kind not in demand.room_kinds:
        return False
    if not demand.equipment <= room.equipment:
        return False
    if demand.barrier_free and not room.barrier_free:
        return False
    return not (demand.capacity_hard and room.capacity < demand.attendees)


@dataclass(slots=True)
class _Dem:
    index: int
    demand: Demand
    length: int
    mult: int  # how often one session occurs in the planning cycle
    phase_weeks: tuple[tuple[int, ...], ...]  # per week of r's cycle: weeks of the plan cycle
    # (start, week) -> [(room index, blockers)]; blockers are only non-empty in relax mode.
    cands: dict[tuple[int, int], list[tuple[int, frozenset[Key]]]]
    room_cost: dict[int, int]
    unpreferred: frozenset[int]  # start slots outside the preferred windows
    entities: tuple[tuple[str, str], ...]  # ("p", person) and ("g", group)
    # Rooms the demand fits into without overfilling them: what the time-only model counts.
    fitting: frozenset[int] = frozenset()
    options: frozenset[int] = frozenset()  # every room of any candidate


class Compiled:
    """A problem turned into slot indices: what may go where, and what it costs.

    With `relax=True` (for explanations) every start and every permitted room is a candidate,
    tagged with the rules (`Key`s) that forbid it, so each rule can be switched by a literal.
    """

    def __init__(self, problem: Problem, *, relax: bool = False) -> None:
        self.problem = problem
        self.relax = relax
        grid = problem.grid
        self.grid = grid
        self.S = grid.slots_per_day
        self.G = grid.size
        self.C = problem.cycle
        self.weights = problem.weights
        self.hard_groups = self.weights.group_overlap is None
        self.rooms = problem.rooms
        self.room_index = {room.id: i for i, room in enumerate(self.rooms)}
        self.demand_index = {demand.id: i for i, demand in enumerate(problem.demands)}

        # (week, slot) -> rules blocking it, per room and per person/group ("entity").
        self.room_block: list[dict[tuple[int, int], set[Key]]] = [
            defaultdict(set) for _ in self.rooms
        ]
        self.entity_block: dict[tuple[str, str], dict[tuple[int, int], set[Key]]] = defaultdict(
            lambda: defaultdict(set)
        )
        # Fixed bookings also count for soft rules: busy slots and starts per entity.
        self.fixed_cover: dict[tuple[str, str], Counter] = defaultdict(Counter)
        self.fixed_starts: dict[tuple[str, str], Counter] = defaultdict(Counter)
        self._block_fixed_and_closures()

        self.dems = [self._compile(i, demand) for i, demand in enumerate(problem.demands)]
        self.entity_dems: dict[tuple[str, str], list[int]] = defaultdict(list)
        for dem in self.dems:
            for entity in dem.entities:
                self.entity_dems[entity].append(dem.index)

    # -- properties of entities (persons and audience groups) --------------------------------

    def hard(self, entity: tuple[str, str]) -> bool:
        return entity[0] == "p" or self.hard_groups

    def iso_weight(self, entity: tuple[str, str]) -> int:
        if entity[0] == "g":
            return self.weights.group_isolated
        return self.weights.compact_person if entity[1] in self.problem.compact_persons else 0

    def overlap_weight(self, entity: tuple[str, str]) -> int:
        if entity[0] == "g" and not self.hard_groups:
            return self.weights.group_overlap or 0
        return 0

    # -- compilation ----------------------------------------------------------------------------

    def _block_fixed_and_closures(self) -> None:
        grid, all_weeks = self.grid, tuple(range(self.C))
        for booking in self.problem.fixed:
            slots = grid.slots_touching(Window(booking.day, booking.start, booking.end))
            if not slots:
                continue
            key = ("fixed", booking.id)
            weeks = _weeks(self.C, booking.every_weeks, booking.week)
            entities = [("p", p) for p in booking.persons] + [("g", g) for g in booking.groups]
            for w in weeks:
                for g in slots:
                    for room_id in booking.rooms:
                        self.room_block[self.room_index[room_id]][(w, g)].add(key)
                    for entity in entities:
                        self.fixed_cover[entity][(w, g)] += 1
                        if self.hard(entity):
                            self.entity_block[entity][(w, g)].add(key)
                for entity in entities:
                    self.fixed_starts[entity][(w, slots.start, len(slots))] += 1
        for number, closure in enumerate(self.problem.closures):
            if closure.start is None or closure.end is None:
                if closure.day not in grid.days:
                    continue
                base = grid.days.index(closure.day) * self.S
                slots = range(base, base + self.S)
            else:
                slots = grid.slots_touching(Window(closure.day, closure.start, closure.end))
            rooms = closure.rooms or {room.id for room in self.rooms}
            for room_id in rooms:
                block = self.room_block[self.room_index[room_id]]
                for w in all_weeks:
                    for g in slots:
                        block[(w, g)].add(("closure", str(number)))
        for k, room in enumerate(self.rooms):
            if room.availability is None:
                continue
            open_slots = {g for window in room.availability for g in grid.slots_in(window)}
            for g in range(self.G):
                if g not in open_slots:
                    for w in all_weeks:
                        self.room_block[k][(w, g)].add(("avail", room.id))

    def _starts(self, windows: Iterable[Window] | None, length: int) -> set[int]:
        """Start slots from which a session of `length` slots lies inside one window."""
        fits = {t for t in range(self.G) if t % self.S + length <= self.S}
        if windows is None:
            return fits
        inside: set[int] = set()
        for window in windows:
            slots = self.grid.slots_in(window)
            inside.update(t for t in slots if t + length <= slots.stop)
        return fits & inside

    def _compile(self, index: int, demand: Demand) -> _Dem:
        grid, weights = self.grid, self.weights
        length = grid.length_of(demand.minutes)
        every = demand.every_weeks
        phase_weeks = tuple(_weeks(self.C, every, week) for week in range(every))
        allowed = self._starts(demand.windows, length)
        starts = self._starts(None, length) if self.relax else allowed
        permitted = [
            k for k, room in enumerate(self.rooms) if not demand.rooms or room.id in demand.rooms
        ]
        good = {k for k in permitted if meets(demand, self.rooms[k])}
        rooms = permitted if self.relax else sorted(good)
        entities = tuple(("p", p) for p in dict.fromkeys(demand.persons)) + tuple(
            ("g", g) for g in dict.fromkeys(demand.groups)
        )
        hard_entities = [e for e in entities if self.hard(e)]

        cands: dict[tuple[int, int], list[tuple[int, frozenset[Key]]]] = {}
        for t in sorted(starts):
            covered = range(t, t + length)
            for phase, weeks in enumerate(phase_weeks):
                base: set[Key] = set()
                if t not in allowed:
                    base.add(("windows", demand.id))
                for entity in hard_entities:
                    block = self.entity_block.get(entity)
                    if block:
                        for w in weeks:
                            for g in covered:
                                base |= block.get((w, g), set())
                if base and not self.relax:
                    continue
                options = []
                for k in rooms:
                    keys = set(base)
                    if k not in good:
                        keys.add(("rooms", demand.id))
                    block = self.room_block[k]
                    for w in weeks:
                        for g in covered:
                            found = block.get((w, g))
                            if found:
                                keys |= found
                    if keys and not self.relax:
                        continue
                    options.append((k, frozenset(keys)))
                if options:
                    cands[(t, phase)] = options

        room_cost = {}
        for k in rooms:
            room = self.rooms[k]
            cost = 0
            if demand.attendees > 0:
                cost += weights.room_waste * max(0, room.capacity - demand.attendees)
                cost += weights.room_overfull * max(0, demand.attendees - room.capacity)
            room_cost[k] = cost
        if demand.preferred and weights.preferred_time:
            liked = self._starts(demand.preferred, length)
            unpreferred = frozenset(t for t in starts if t not in liked)
        else:
            unpreferred = frozenset()
        candidates = {k for options in cands.values() for k, _keys in options}
        fitting = {k for k in candidates if self.rooms[k].capacity >= demand.attendees}
        if not fitting and candidates:
            largest = max(self.rooms[k].capacity for k in candidates)
            fitting = {k for k in candidates if self.rooms[k].capacity == largest}
        return _Dem(
            index=index,
            demand=demand,
            length=length,
            mult=self.C // every,
            phase_weeks=phase_weeks,
            cands=cands,
            room_cost=room_cost,
            unpreferred=unpreferred,
            entities=entities,
            fitting=frozenset(fitting),
            options=frozenset(candidates),
        )

    # -- conversions ------------------------------------------------------------------------

    def placement(self, r: int, slot: Slot) -> Placement:
        t, week, k = slot
        dem = self.dems[r]
        return Placement(
            demand=dem.demand.id,
            room=self.rooms[k].id,
            day=self.grid.day_of(t),
            start=self.grid.time_of(t),
            end=self.grid.end_time(t, dem.length),
            week=week,
        )

    def assignment_of(self, placements: Iterable[Placement]) -> list[list[Slot]]:
        """Placements (e.g. a hint or a stored plan) in slot terms; unknown ones are dropped."""
        result: list[list[Slot]] = [[] for _ in self.dems]
        for placement in placements:
            r = self.demand_index.get(placement.demand)
            k = self.room_index.get(placement.room)
            if r is None or k is None:
                continue
            try:
                t = self.grid.slot(placement.day, placement.start)
            except ValueError:
                continue
            result[r].append((t, placement.week, k))
        return result


# -- evaluation ---------------------------------------------------------------------------------


def _entity_loads(comp: Compiled, assignment: Sequence[Sequence[Slot]]):
    """Busy slots and session starts per entity and week, fixed bookings included."""
    cover: dict[tuple[str, str], Counter] = defaultdict(Counter)
    starts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for entity, counts in comp.fixed_cover.items():
        cover[entity].update(counts)
    for entity, counts in comp.fixed_starts.items():
        starts[entity].update(counts)
    for dem, slots in zip(comp.dems, assignment, strict=True):
        for t, phase, _k in slots:
            for w in dem.phase_weeks[phase]:
                for entity in dem.entities:
                    starts[entity][(w, t, dem.length)] += 1
                    for g in range(t, t + dem.length):
                        cover[entity][(w, g)] += 1
    return cover, starts


def _isolated(comp: Compiled, cover: Counter, w: int, t: int, length: int) -> bool:
    before = cover.get((w, t - 1), 0) if t % comp.S else 0
    after = cover.get((w, t + length), 0) if t % comp.S + length < comp.S else 0
    return before == 0 and after == 0


def evaluate_assignment(comp: Compiled, assignment: Sequence[Sequence[Slot]]) -> dict[str, int]:
    """The objective by soft rule, computed directly from the plan (not from CP-SAT)."""
    weights = comp.weights
    costs = dict.fromkeys(COST_NAMES, 0)
    for dem, slots in zip(comp.dems, assignment, strict=True):
        if not slots:
            continue
        mult, demand = dem.mult, dem.demand
        costs["room_size"] += mult * sum(dem.room_cost.get(k, 0) for _t, _w, k in slots)
        costs["preferred_time"] += (
            mult * weights.preferred_time * sum(1 for t, _w, _k in slots if t in dem.unpreferred)
        )
        if weights.same_room:
            costs["same_room"] += mult * weights.same_room * (len({k for *_, k in slots}) - 1)
        if demand.min_days and weights.spread_days:
            days = len({(week, t // comp.S) for t, week, _k in slots})
            costs["spread_days"] += mult * weights.spread_days * max(0, demand.min_days - days)
    cover, starts = _entity_loads(comp, assignment)
    for entity, counts in cover.items():
        overlap = comp.overlap_weight(entity)
        if overlap:
            costs["group_overlap"] += overlap * sum(max(0, n - 1) for n in counts.values())
        iso = comp.iso_weight(entity)
        if iso and entity[0] == "g":
            for (w, t, length), n in starts[entity].items():
                if n and _isolated(comp, counts, w, t, length):
                    costs["group_isolated"] += iso * n
        elif iso:
            costs["compact_person"] += iso * _gaps(comp, counts)
    return costs


def _gaps(comp: Compiled, counts: Counter) -> int:
    """Idle stretches between a person's sessions, summed over the days and weeks."""
    days: dict[tuple[int, int], list[int]] = defaultdict(list)
    for (w, g), n in counts.items():
        if n:
            days[(w, g // comp.S)].append(g)
    gaps = 0
    for slots in days.values():
        slots.sort()
        gaps += sum(1 for a, b in itertools.pairwise(slots) if b > a + 1)
    return gaps


def violations(comp: Compiled, assignment: Sequence[Sequence[Slot]]) -> list[str]:
    """Hard-rule violations of a plan, as short technical strings (for tests and hints)."""
    found = []
    room_use: Counter = Counter()
    for dem, slots in zip(comp.dems, assignment, strict=True):
        demand = dem.demand
        if len(slots) != demand.sessions:
            found.append(f"{demand.id}: {len(slots)} sessions instead of {demand.sessions}")
        for t, phase, k in slots:
            rooms = dict(dem.cands.get((t, phase), ()))
            if k not in rooms or rooms[k]:
                found.append(f"{demand.id}: start {t} week {phase} room {k} not allowed")
            for w in dem.phase_weeks[phase] if phase < len(dem.phase_weeks) else ():
                for g in range(t, t + dem.length):
                    room_use[(k, w, g)] += 1
    found += [
        f"room {comp.rooms[k].id} double-booked" for (k, _w, _g), n in room_use.items() if n > 1
    ]
    cover, _starts = _entity_loads(comp, assignment)
    for entity, counts in cover.items():
        if comp.hard(entity):
            found += [f"{entity[1]} overlaps" for n in counts.values() if n > 1]
    own: Counter = Counter()
    for dem, slots in zip(comp.dems, assignment, strict=True):
        for t, phase, _k in slots:
            for w in dem.phase_weeks[phase] if phase < len(dem.phase_weeks) else ():
                for g in range(t, t + dem.length):
                    own[(dem.index, w, g)] += 1
    found += [f"{comp.dems[r].demand.id} overlaps itself" for (r, *_), n in own.items() if n > 1]
    return found


def evaluate(problem: Problem, placements: Iterable[Placement]) -> dict[str, int]:
    """Costs of a plan by soft rule (sum = objective). Hard rules are not checked here."""
    comp = Compiled(problem)
    return evaluate_assignment(comp, comp.assignment_of(placements))


def check(problem: Problem, placements: Iterable[Placement]) -> list[str]:
    """Hard-rule violations of a plan (empty: the plan is valid)."""
    comp = Compiled(problem)
    return violations(comp, comp.assignment_of(placements))


USE_TABLES = os.environ.get("TABLES", "0") == "1"


def _isolated_in(pattern: tuple[int, ...]) -> int:
    """Busy slots of a day's pattern with neither neighbour busy."""
    last = len(pattern) - 1
    return sum(
        1
        for i, busy in enumerate(pattern)
        if busy and not (i > 0 and pattern[i - 1]) and not (i < last and pattern[i + 1])
    )


def _hall_family(sets: Iterable[frozenset[int]]) -> set[frozenset[int]]:
    """Distinct room sets, plus the unions of overlapping ones (Hall's condition for two
    kinds of demand at once; exact for nested or disjoint families)."""
    family = {rooms for rooms in sets if rooms}
    # Close under unions of overlapping sets (chains A–B–C need A ∪ B ∪ C), within reason.
    changed = True
    while changed and len(family) < 2000:
        changed = False
        for first in list(family):
            for second in list(family):
                if first & second and not first <= second and not second <= first:
                    union = first | second
                    if union not in family:
                        family.add(union)
                        changed = True
    return family


def _displaced_cost(dem: _Dem, rooms: frozenset[int]) -> int:
    """Least extra room cost (per cycle) of a session outside `rooms` over one inside."""
    outside = [cost for k, cost in dem.room_cost.items() if k in dem.options and k not in rooms]
    inside = [cost for k, cost in dem.room_cost.items() if k in rooms]
    if not outside or not inside:
        return 0
    return max(0, min(outside) - min(inside)) * dem.mult


def _hall_penalty(comp: Compiled, rooms: frozenset[int]) -> int:
    costs = [
        _displaced_cost(dem, rooms)
        for dem in comp.dems
        if dem.demand.sessions and dem.fitting and dem.fitting <= rooms
    ]
    return min(costs, default=0)


def evaluate_times(comp: Compiled, assignment: Sequence[Sequence[Slot]]) -> tuple[int, int]:
    """(cost, violations) of a plan without rooms, as the aggregate model counts them.

    Cost: the soft rules that do not depend on rooms, plus the capacity slack (sessions
    beyond the fitting rooms, see _Built._counting_cuts). Violations: hard-rule breaches of
    persons and hard groups, and slots with more sessions than rooms they may use.
    """
    cost = sum(evaluate_assignment(comp, assignment).values())
    bad = 0
    cover, _starts = _entity_loads(comp, assignment)
    for entity, counts in cover.items():
        if comp.hard(entity):
            bad += sum(n - 1 for n in counts.values() if n > 1)
    used = [r for r, slots in enumerate(assignment) if slots]
    for soft in (False, True):
        sets = {r: comp.dems[r].fitting if soft else comp.dems[r].options for r in used}
        for rooms in _hall_family(sets.values()):
            inside = [r for r, own in sets.items() if own <= rooms]
            if soft:
                penalty = _hall_penalty(comp, rooms)
                if not penalty:
                    continue
            load: Counter = Counter()
            for r in inside:
                dem = comp.dems[r]
                for t, phase, _k in assignment[r]:
                    for w in dem.phase_weeks[phase]:
                        for g in range(t, t + dem.length):
                            load[(w, g)] += 1
            for (w, g), n in load.items():
                free_rooms = sum(1 for k in rooms if not comp.room_block[k].get((w, g)))
                if n > free_rooms:
                    if soft:
                        cost += penalty * (n - free_rooms)
                    else:
                        bad += n - free_rooms
    return cost, bad


# -- the CP-SAT model -----------------------------------------------------------------------


class _Built:
    """One CP-SAT model over the free demands; the others are constants (LNS) or absent."""

    def __init__(
        self,
        comp: Compiled,
        *,
        free: Iterable[int] | None = None,
        incumbent: Sequence[Sequence[Slot]] | None = None,
        pins: dict[int, list[Slot]] | None = None,
        fixed_starts: dict[int, list[tuple[int, int]]] | None = None,
        aggregate: bool = False,
        main_rooms: dict[int, int] | None = None,
    ) -> None:
        self.comp = comp
        self.aggregate = aggregate
        # Aggregate mode with a main room per demand: sessions in it occupy it (a clique
        # per room and slot); a session elsewhere is "displaced" (dev) and costs stability.
        main_rooms = main_rooms or {}
        self.dev: dict[tuple[int, int, int], object] = {}
        self.main_rooms = main_rooms
        main_lits: dict[tuple[int, int, int], list] = defaultdict(list)
        self._lits_of: dict[tuple[int, ...], list] = {}
        # Auxiliary variables and how to compute them from the decisions, so that a hint is
        # complete: CP-SAT then starts from the incumbent instead of repairing a partial one.
        self.aux: list[tuple[cp_model.IntVar, Callable[[Callable], int]]] = []
        model = self.model = cp_model.CpModel()
        weights = comp.weights
        relax = comp.relax
        lns = self.lns = incumbent is not None and not relax
        self.partial = free is not None
        self.free = sorted(range(len(comp.dems)) if free is None else set(free))
        free_set = set(self.free)
        pins = pins or {}
        fixed_starts = fixed_starts or {}
        self.assumptions: dict[Key, cp_model.IntVar] = {}
        self.offset = 0
        terms: list[tuple[int, object]] = []

        # Constants: sessions of demands outside the neighbourhood. Without rooms (aggregate
        # mode) they count against the room sets they fit into instead of blocking one room.
        room_busy: set[tuple[int, int, int]] = set()
        const_sessions: dict[int, list[tuple[int, int]]] = defaultdict(list)
        ent_cover: dict[tuple[str, str], Counter] = defaultdict(Counter)
        ent_starts: dict[tuple[str, str], Counter] = defaultdict(Counter)
        for entity, counts in comp.fixed_cover.items():
            ent_cover[entity].update(counts)
        for entity, counts in comp.fixed_starts.items():
            ent_starts[entity].update(counts)
        if incumbent is not None:
            for dem in comp.dems:
                if dem.index in free_set:
                    continue
                for t, phase, k in incumbent[dem.index]:
                    for w in dem.phase_weeks[phase]:
                        for entity in dem.entities:
                            ent_starts[entity][(w, t, dem.length)] += 1
                        for g in range(t, t + dem.length):
                            if k >= 0:
                                room_busy.add((k, w, g))
                            else:
                                const_sessions[dem.index].append((w, g))
                            for entity in dem.entities:
                                ent_cover[entity][(w, g)] += 1

        self.b: dict[tuple[int, int, int, int], cp_model.IntVar] = {}
        self.x: dict[tuple[int, int, int], object] = {}
        self.x_own: dict[tuple[int, int, int], cp_model.IntVar] = {}  # not aliases of one b
        room_lits: dict[tuple[int, int, int], list] = defaultdict(list)
        ent_lits: dict[tuple[str, str], dict[tuple[int, int], list]] = defaultdict(
            lambda: defaultdict(list)
        )
        ent_start_lits: dict[tuple[str, str], dict[tuple[int, int, int], list]] = defaultdict(
            lambda: defaultdict(list)
        )
        self.y: dict[tuple[int, int], cp_model.IntVar] = {}
        self.empty: list[int] = []  # demands left without any candidate
        # For the counting cuts: the set of rooms each demand is limited to, and its x.
        self.room_set: dict[int, frozenset[int]] = {}
        self.xs_of: dict[int, list[tuple[tuple[int, int], object]]] = {}

        def assumption(key: Key) -> cp_model.IntVar:
            if key not in self.assumptions:
                self.assumptions[key] = model.new_bool_var(f"A{key}")
            return self.assumptions[key]

        for r in self.free:
            dem = comp.dems[r]
            demand = dem.demand
            if demand.sessions == 0:
                continue
            only = set(fixed_starts[r]) if r in fixed_starts else None
            hard_entities = [e for e in dem.entities if comp.hard(e)]
            xs = []
            rooms_used: dict[int, list] = defaultdict(list)
            by_day: dict[tuple[int, int], list] = defaultdict(list)
            for (t, phase), options in dem.cands.items():
                if only is not None and (t, phase) not in only:
                    continue
                weeks = dem.phase_weeks[phase]
                covered = range(t, t + dem.length)
                if lns and any(
                    ent_cover[e].get((w, g), 0)
                    for e in hard_entities
                    for w in weeks
                    for g in covered
                ):
                    continue  # a constant session of the same person or hard group is there
                if aggregate:
                    x = model.new_bool_var(f"x{r}_{t}_{phase}")
                    self.x[(r, t, phase)] = x
                    self.x_own[(r, t, phase)] = x
                    self._add_start(dem, t, phase, x, xs, by_day, ent_lits, ent_start_lits, terms)
                    main = main_rooms.get(r)
                    if main is not None:
                        if any(k == main for k, _keys in options):
                            dev = model.new_bool_var("")
                            model.add_implication(dev, x)
                            # A session in its main room costs that room's size cost (above
                            # the cheapest room, which the offset already counts).
                            extra = dem.room_cost.get(main, 0) - min(
                                (dem.room_cost.get(k, 0) for k in dem.options), default=0
                            )
                            if extra:
                                terms.append((extra * dem.mult, x))
                                terms.append((-extra * dem.mult, dev))
                            for w in weeks:
                                for g in covered:
                                    main_lits[(main, w, g)].append((x, dev))
                        else:
                            dev = x  # the main room is not available then
                        self.dev[(r, t, phase)] = dev
                    continue
                bs = []
                for k, keys in options:
                    if room_busy and any((k, w, g) in room_busy for w in weeks for g in covered):
                        continue
                    var = model.new_bool_var(f"b{r}_{t}_{phase}_{k}")
                    self.b[(r, t, phase, k)] = var
                    for key in keys:
                        model.add_implication(var, assumption(key).Not())
                    bs.append((k, var))
                    rooms_used[k].append(var)
                    for w in weeks:
                        for g in covered:
                            room_lits[(k, w, g)].append(var)
                    cost = dem.room_cost.get(k, 0) * dem.mult
                    if cost:
                        terms.append((cost, var))
                if not bs:
                    continue
                if len(bs) == 1:
                    x = bs[0][1]
                else:
                    x = model.new_bool_var(f"x{r}_{t}_{phase}")
                    model.add(sum(var for _k, var in bs) == x)
                    self.x_own[(r, t, phase)] = x
                self.x[(r, t, phase)] = x
                self._add_start(dem, t, phase, x, xs, by_day, ent_lits, ent_start_lits, terms)

            total = sum(x for _key, x in xs)
            self.xs_of[r] = xs
            if not xs:
                self.empty.append(r)
            devs = [self.dev[(r, t, phase)] for (t, phase), _x in xs if (r, t, phase) in self.dev]
            if devs and weights.same_room:
                moved = model.new_bool_var("")
                for dev in devs:
                    model.add_implication(dev, moved)
                terms.append((weights.same_room * dem.mult, moved))
                self.aux.append((moved, lambda v, ds=devs: max(map(v, ds))))
            if aggregate:
                self.room_set[r] = dem.options
                # The cheapest room is a lower bound of the room-size cost.
                cheapest = min((dem.room_cost.get(k, 0) for k in dem.options), default=0)
                self.offset += cheapest * dem.mult * demand.sessions
            else:
                self.room_set[r] = frozenset(rooms_used)
            if relax:
                model.add(total <= demand.sessions)
                model.add(total >= demand.sessions).only_enforce_if(
                    assumption(("sessions", demand.id))
                )
            else:
                model.add(total == demand.sessions)
            for t, phase, k in pins.get(r, ()):
                var = self.x.get((r, t, phase)) if aggregate else self.b.get((r, t, phase, k))
                if var is None:
                    model.add_bool_or([])  # a pin that cannot hold: this neighbourhood fails
                else:
                    model.add(var == 1)

            # A demand never overlaps itself (persons would catch it, but not every demand
            # has one, and an explanation may relax the person rule).
            if dem.length > 1 and (relax or not any(comp.hard(e) for e in dem.entities)):
                own: dict[tuple[int, int], list] = defaultdict(list)
                for (t, phase), x in xs:
                    for g in range(t, t + dem.length):
                        own[(phase, g)].append(x)
                for lits in own.values():
                    if len(lits) > 1:
                        model.add_at_most_one(lits)

            # Soft: the same room for every session.
            if weights.same_room and len(rooms_used) > 1 and not relax:
                ys = []
                for k, vars_k in rooms_used.items():
                    y = model.new_bool_var(f"y{r}_{k}")
                    self.y[(r, k)] = y
                    for var in vars_k:
                        model.add_implication(var, y)
                    ys.append(y)
                    self.aux.append((y, lambda v, vs=vars_k: max(v(b) for b in vs)))
                model.add_bool_or(ys)
                self.offset -= weights.same_room * dem.mult
                terms.extend((weights.same_room * dem.mult, y) for y in ys)

            # Soft: at least min_days distinct days (per week of the demand's cycle).
            if demand.min_days and weights.spread_days and not relax:
                days = []
                for lits in by_day.values():
                    day = model.new_bool_var("")
                    model.add_bool_or([*lits, day.Not()])
                    days.append(day)
                    self.aux.append((day, lambda v, ls=lits: max(v(x) for x in ls)))
                if len(days) < demand.min_days or demand.sessions < demand.min_days:
                    floor = demand.min_days - min(len(days), demand.sessions)
                else:
                    floor = 0
                short = model.new_int_var(floor, demand.min_days, f"short{r}")
                model.add(short + sum(days) >= demand.min_days)
                self.aux.append(
                    (
                        short,
                        lambda v, ds=days, f=floor, m=demand.min_days: max(
                            f, m - sum(v(d) for d in ds)
                        ),
                    )
                )
                terms.append((weights.spread_days * dem.mult, short))

        # Rooms: one session at a time. Weeks of the cycle often repeat the same clique.
        seen: set[tuple[int, ...]] = set()
        for lits in room_lits.values():
            if len(lits) > 1:
                key = tuple(sorted(var.Index() for var in lits))
                if key not in seen:
                    seen.add(key)
                    model.add_at_most_one(lits)

        # Persons and hard groups: one session at a time (constants were filtered above).
        for entity, per_slot in ent_lits.items():
            if not comp.hard(entity):
                continue
            seen = set()
            for lits in per_slot.values():
                if len(lits) < 2:
                    continue
                key = tuple(sorted(_index(lit) for lit in lits))
                if key in seen:
                    continue
                seen.add(key)
                if relax:
                    kind = "person" if entity[0] == "p" else "group"
                    model.add(sum(lits) <= 1).only_enforce_if(assumption((kind, entity[1])))
                else:
                    model.add_at_most_one(lits)

        for pairs in main_lits.values():
            if len(pairs) > 1:
                model.add(sum(x for x, _d in pairs) - sum(d for _x, d in pairs) <= 1)

        if not relax:
            self._counting_cuts(room_busy, const_sessions, terms)
            self._soft_entities(ent_lits, ent_start_lits, ent_cover, ent_starts, terms)

        self.terms = terms
        if not relax:
            model.minimize(sum(c * v for c, v in terms) + self.offset)

    def _add_start(self, dem, t, phase, x, xs, by_day, ent_lits, ent_start_lits, terms) -> None:
        """Register a start literal with the soft rules and the person/group cliques."""
        xs.append(((t, phase), x))
        by_day[(phase, t // self.comp.S)].append(x)
        for e in dem.entities:
            for w in dem.phase_weeks[phase]:
                ent_start_lits[e][(w, t, dem.length)].append(x)
                for g in range(t, t + dem.length):
                    ent_lits[e][(w, g)].append(x)
        if t in dem.unpreferred:
            terms.append((self.comp.weights.preferred_time * dem.mult, x))

    def _counting_cuts(self, room_busy, const_sessions, terms) -> None:
        """Hall's condition per room set S: sessions limited to S ≤ the free rooms of S.

        With rooms modelled (b) these are redundant cuts that tighten the LP. In aggregate
        mode they replace the rooms: for nested sets (ITC's capacities: "rooms holding at
        least n") they are exactly the condition for a room assignment to exist; for other
        families they are a relaxation, and the room stage may then fail and fall back.
        Sets of fitting rooms (soft capacity) get a slack whose cost is a lower bound of
        what a session in a too small room costs, so the aggregate model stays a relaxation.
        """
        comp = self.comp
        if self.main_rooms:
            self._hall_main(terms)
            return
        consts = {r: comp.dems[r].options for r in const_sessions}
        self._hall(self.room_set, consts, room_busy, const_sessions, terms, soft=False)
        if self.aggregate:
            fitting = {r: comp.dems[r].fitting for r in self.room_set}
            const_fit = {r: comp.dems[r].fitting for r in const_sessions}
            self._hall(fitting, const_fit, room_busy, const_sessions, terms, soft=True)

    def _hall_main(self, terms) -> None:
        """Hall's condition with main rooms: a set S of rooms holds the sessions sitting in
        their main room if it lies in S, and the displaced sessions of demands limited to S.
        (Whole models only: no constants from a neighbourhood.)"""
        comp, model = self.comp, self.model
        for soft in (False, True):
            sets = {
                r: comp.dems[r].fitting if soft else comp.dems[r].options for r in self.room_set
            }
            for rooms in _hall_family(sets.values()):
                penalty = _hall_penalty(comp, rooms) if soft else 0
                if soft and not penalty:
                    continue
                per_slot: dict[tuple[int, int], list[tuple[int, object]]] = defaultdict(list)
                for r, own in sets.items():
                    dem = comp.dems[r]
                    main = self.main_rooms.get(r)
                    for (t, phase), x in self.xs_of[r]:
                        dev = self.dev.get((r, t, phase))
                        if main is None:
                            parts = [(1, x)] if own <= rooms else []
                        else:
                            parts = []
                            if main in rooms and dev is not x:
                                parts += [(1, x), (-1, dev)]
                            if own <= rooms:
                                parts.append((1, dev))
                        for w in dem.phase_weeks[phase]:
                            for g in range(t, t + dem.length):
                                per_slot[(w, g)].extend(parts)
                for (w, g), parts in per_slot.items():
                    free_rooms = sum(1 for k in rooms if not comp.room_block[k].get((w, g)))
                    if sum(1 for c, _lit in parts if c > 0) <= free_rooms:
                        continue
                    total = sum(c * lit for c, lit in parts)
                    if soft:
                        slack = model.new_int_var(0, len(parts), "")
                        model.add(total <= free_rooms + slack)
                        terms.append((penalty, slack))
                        self.aux.append(
                            (
                                slack,
                                lambda v, ps=parts, f=free_rooms: max(
                                    0, sum(c * v(lit) for c, lit in ps) - f
                                ),
                            )
                        )
                    else:
                        model.add(total <= free_rooms)

    def _hall(self, sets, const_sets, room_busy, const_sessions, terms, *, soft) -> None:
        comp, model = self.comp, self.model
        family = _hall_family([*sets.values(), *const_sets.values()])
        if len(family) > 60 and not self.aggregate:
            return  # many distinct sets (a city): the cliques suffice, the cuts cost time
        for rooms in family:
            inside = [r for r, own in sets.items() if own and own <= rooms]
            if soft:
                # What one session more than the set holds costs at least (see above); over
                # all demands, so that a neighbourhood counts as the whole model does.
                penalty = _hall_penalty(comp, rooms)
                if penalty == 0:
                    continue
            per_slot: dict[tuple[int, int], list] = defaultdict(list)
            fixed: Counter = Counter()
            for r in inside:
                dem = comp.dems[r]
                for (t, phase), x in self.xs_of[r]:
                    for w in dem.phase_weeks[phase]:
                        for g in range(t, t + dem.length):
                            per_slot[(w, g)].append(x)
            for r, own in const_sets.items():
                if own and own <= rooms:
                    fixed.update(const_sessions[r])
            seen: set[tuple[int, ...]] = set()
            for (w, g), lits in per_slot.items():
                free_rooms = sum(
                    1
                    for k in rooms
                    if (k, w, g) not in room_busy and not comp.room_block[k].get((w, g))
                )
                free_rooms -= fixed.get((w, g), 0)
                if len(lits) <= free_rooms:
                    continue
                key = (free_rooms, *sorted(_index(lit) for lit in lits))
                if key in seen:
                    continue
                seen.add(key)
                if soft:
                    slack = model.new_int_var(max(0, -free_rooms), len(lits), "")
                    model.add(sum(lits) <= free_rooms + slack)
                    self.aux.append(
                        (
                            slack,
                            lambda v, ls=lits, f=free_rooms: max(0, -f, sum(v(x) for x in ls) - f),
                        )
                    )
                    terms.append((penalty, slack))
                else:
                    model.add(sum(lits) <= max(0, free_rooms))

    def _soft_entities(self, ent_lits, ent_start_lits, ent_cover, ent_starts, terms) -> None:
        """Audience-group overlaps and isolated sessions (groups, compact persons)."""
        comp, model = self.comp, self.model
        S = comp.S
        # In a neighbourhood or a part of the problem, entities without a free session only
        # add constants (counted once, by the whole model or the evaluation).
        entities = set(ent_lits) if self.partial else set(ent_lits) | set(ent_cover)
        for entity in entities:
            overlap = comp.overlap_weight(entity)
            iso = comp.iso_weight(entity)
            if not overlap and not iso:
                continue
            lits = ent_lits.get(entity, {})
            const = ent_cover.get(entity, Counter())
            if overlap:
                # Weeks of the cycle with identical terms become one term of higher weight.
                signatures: Counter = Counter()
                for w, g in set(lits) | set(const):
                    here = lits.get((w, g), [])
                    n = const.get((w, g), 0)
                    if len(here) + n >= 2:
                        signatures[(self._remember(here), n)] += 1
                for (key, n), count in signatures.items():
                    here = self._lits_of[key]
                    if not here:
                        self.offset += overlap * count * max(0, n - 1)
                        continue
                    excess = model.new_int_var(max(0, n - 1), len(here) + n, "")
                    model.add(excess >= sum(here) + n - 1)
                    self.aux.append(
                        (excess, lambda v, ls=here, c=n: max(0, c - 1, sum(map(v, ls)) + c - 1))
                    )
                    terms.append((overlap * count, excess))
            if iso and entity[0] == "p":
                self._gaps(lits, const, iso, terms)
            elif iso:
                start_lits = ent_start_lits.get(entity, {})
                start_const = ent_starts.get(entity, Counter())
                if self._iso_tables(entity, lits, const, start_lits, start_const, iso, terms):
                    continue
                signatures = Counter()
                for w, t, length in set(start_lits) | set(start_const):
                    here = start_lits.get((w, t, length), [])
                    n = start_const.get((w, t, length), 0)
                    if not here and not n:
                        continue
                    before = lits.get((w, t - 1), []) if t % S else []
                    before_n = const.get((w, t - 1), 0) if t % S else 0
                    fits = t % S + length < S
                    after = lits.get((w, t + length), []) if fits else []
                    after_n = const.get((w, t + length), 0) if fits else 0
                    key = (
                        self._remember(here),
                        n,
                        self._remember(before + after),
                        before_n + after_n,
                    )
                    signatures[key] += 1
                for (start_key, n, near_key, near_n), count in signatures.items():
                    here, near = self._lits_of[start_key], self._lits_of[near_key]
                    if near_n:
                        continue  # a constant neighbour: never isolated
                    if not here and not near:
                        self.offset += iso * count * n
                        continue
                    # K bounds the starts, so iso = starts when nothing is near, else 0.
                    big = len(here) + n if comp.overlap_weight(entity) else 1
                    var = model.new_int_var(0, big, "")
                    model.add(var >= sum(here) + n - big * sum(near))
                    self.aux.append(
                        (
                            var,
                            lambda v, h=here, c=n, nr=near, k=big: max(
                                0, sum(map(v, h)) + c - k * sum(map(v, nr))
                            ),
                        )
                    )
                    terms.append((iso * count, var))

    def _gaps(self, lits, const, weight, terms) -> None:
        """Compact days for a person: cost per idle stretch between two sessions of a day.

        Gaps = blocks of busy slots − days worked, with blocks ≥ busy[g] − busy[g − 1]. Far
        easier to prove optimal than "isolated sessions" for sessions of mixed lengths.
        """
        comp, model = self.comp, self.model
        S = comp.S
        weeks = {w for w, _g in lits} | {w for w, _g in const}
        signatures: Counter = Counter()
        for w in weeks:
            for day in range(len(comp.grid.days)):
                cells = tuple(
                    (self._remember(lits.get((w, g), [])), min(1, const.get((w, g), 0)))
                    for g in range(day * S, day * S + S)
                )
                if any(key for key, _n in cells):
                    signatures[cells] += 1
                elif any(n for _key, n in cells):
                    pattern = [n for _key, n in cells]
                    busy = {g for g, n in enumerate(pattern) if n}
                    self.offset += weight * _gaps(comp, Counter({(0, g): 1 for g in busy}))
        for cells, count in signatures.items():
            busy = [(self._lits_of[key], n) for key, n in cells]
            blocks = []
            for index, (here, n) in enumerate(busy):
                previous = busy[index - 1] if index else ([], 0)
                if n and (previous[1] or False):
                    continue  # constant busy after constant busy: no new block
                if not here and not n:
                    continue
                if n and not previous[0]:
                    blocks.append(1)  # a constant block start (the previous slot is free)
                    continue
                var = model.new_bool_var("")
                current = n + sum(here)
                before = previous[1] + sum(previous[0])
                model.add(var >= current - before)
                self.aux.append(
                    (
                        var,
                        lambda v, h=here, c=n, ph=previous[0], pc=previous[1]: max(
                            0, min(1, c + sum(map(v, h))) - min(1, pc + sum(map(v, ph)))
                        ),
                    )
                )
                blocks.append(var)
            day_lits = [lit for here, _n in busy for lit in here]
            constant_day = any(n for _here, n in busy)
            if constant_day:
                worked: object = 1
            else:
                worked = model.new_bool_var("")
                model.add_bool_or([*day_lits, worked.Not()])
                self.aux.append((worked, lambda v, ls=day_lits: max(map(v, ls))))
            # Never negative: the LP would otherwise trade a fractional "worked" for a bound.
            gaps = model.new_int_var(0, S, "")
            model.add(gaps >= sum(blocks) - worked)
            self.aux.append(
                (
                    gaps,
                    lambda v, bs=blocks, wk=worked: max(
                        0,
                        sum(b if isinstance(b, int) else v(b) for b in bs)
                        - (wk if isinstance(wk, int) else v(wk)),
                    ),
                )
            )
            terms.append((weight * count, gaps))

    def _iso_tables(self, entity, lits, const, start_lits, start_const, iso, terms) -> bool:
        """Isolated sessions per day as a table of busy patterns, when that is possible.

        For a hard entity (at most one session at a time) whose sessions are one slot long,
        a day's isolated sessions are a function of its busy pattern. A table constraint
        over the pattern is propagated exactly, and CP-SAT's encoding of it (one literal
        per pattern) gives a far stronger LP than iso ≥ busy − neighbours: ITC's curriculum
        compactness. Days longer than 8 slots would need too many patterns.
        """
        comp, model = self.comp, self.model
        S = comp.S
        if not USE_TABLES or S > 8 or not comp.hard(entity):
            return False
        if any(length != 1 for _w, _t, length in [*start_lits, *start_const]):
            return False
        weeks = {w for w, _g in lits} | {w for w, _g in const}
        signatures: Counter = Counter()
        for w in weeks:
            for day in range(len(comp.grid.days)):
                cells = []
                for g in range(day * S, day * S + S):
                    here = lits.get((w, g), [])
                    n = const.get((w, g), 0)
                    cells.append((self._remember(here), min(n, 1)))
                if any(key for key, _n in cells):
                    signatures[tuple(cells)] += 1
                elif any(n for _key, n in cells):
                    self.offset += iso * _isolated_in(tuple(n for _k, n in cells))
        for cells, count in signatures.items():
            busy: list[object] = []
            for key, n in cells:
                here = self._lits_of[key]
                if n or not here:
                    busy.append(n)
                elif len(here) == 1:
                    busy.append(here[0])
                else:
                    var = model.new_bool_var("")
                    model.add(sum(here) == var)
                    self.aux.append((var, lambda v, h=here: min(1, sum(map(v, h)))))
                    busy.append(var)
            free = [i for i, cell in enumerate(busy) if not isinstance(cell, int)]
            tuples = []
            for mask in range(1 << len(free)):
                pattern = [cell if isinstance(cell, int) else 0 for cell in busy]
                for bit, i in enumerate(free):
                    pattern[i] = (mask >> bit) & 1
                tuples.append((*(pattern[i] for i in free), _isolated_in(tuple(pattern))))
            most = max(row[-1] for row in tuples)
            cost = model.new_int_var(0, most, "")
            model.add_allowed_assignments([busy[i] for i in free] + [cost], tuples)
            self.aux.append(
                (
                    cost,
                    lambda v, b=busy: _isolated_in(
                        tuple(c if isinstance(c, int) else v(c) for c in b)
                    ),
                )
            )
            terms.append((iso * count, cost))
        return True

    def _remember(self, lits: list) -> tuple[int, ...]:
        key = tuple(sorted(_index(v) for v in lits))
        self._lits_of[key] = lits
        return key

    # -- reading a solution -------------------------------------------------------------------

    def hint(self, assignment: Sequence[Sequence[Slot]]) -> None:
        """Hint a complete solution: the decisions from `assignment`, the rest computed."""
        chosen = {(r, t, phase, k) for r in self.free for t, phase, k in assignment[r]}
        starts = {(r, t, phase) for r, t, phase, _k in chosen}
        values: dict[int, int] = {}
        for key, var in self.b.items():
            values[var.Index()] = int(key in chosen)
        for key, x in self.x_own.items():
            values[x.Index()] = int(key in starts)
        rooms_of = {(r, t, phase): k for r, t, phase, k in chosen}
        for (r, t, phase), dev in self.dev.items():
            if dev is not self.x.get((r, t, phase)):
                main = self.main_rooms[r]
                values[dev.Index()] = int(rooms_of.get((r, t, phase), main) != main)

        def value(lit) -> int:
            return values.get(_index(lit), 0)

        for var, compute in self.aux:
            values[var.Index()] = compute(value)
        for index, val in values.items():
            self.model.add_hint(self.model.get_int_var_from_proto_index(index), val)

    def displaced(self, values: Callable[[object], int]) -> set[tuple[int, int, int]]:
        """Sessions (r, start, week) not in their main room (aggregate mode with mains)."""
        return {key for key, dev in self.dev.items() if values(dev)}

    def read(self, values: Callable[[object], int], base: Sequence[Sequence[Slot]] | None):
        """The full assignment: free demands from the solver, the others from `base`."""
        if base is None:
            result: list[list[Slot]] = [[] for _ in self.comp.dems]
        else:
            result = [list(slots) for slots in base]
        for r in self.free:
            result[r] = []
        for (r, t, phase, k), var in self.b.items():
            if values(var):
                result[r].append((t, phase, k))
        if self.aggregate:
            for (r, t, phase), var in self.x.items():
                if values(var):
                    result[r].append((t, phase, -1))
        for slots in result:
            slots.sort()
        return result


def _index(lit) -> int:
    return lit.Index()


# -- search -------------------------------------------------------------------------------------


class _Callback(cp_model.CpSolverSolutionCallback):
    """Reports improving solutions and stops the search when asked to."""

    def __init__(self, on_solution: Callable[[float, float], None], stop) -> None:
        super().__init__()
        self.on_solution = on_solution
        self.stop = stop
        self.found = 0
        self.last = clock.monotonic()

    def on_solution_callback(self) -> None:
        self.found += 1
        self.last = clock.monotonic()
        self.on_solution(self.objective_value, self.best_objective_bound)
        if self.stop is not None and self.stop.is_set():
            self.stop_search()


def _run_cp(
    built: _Built,
    *,
    time_limit: float,
    workers: int,
    seed: int,
    stop: threading.Event | None,
    on_solution: Callable[[float, float], None] | None = None,
    stop_after_first_at: float | None = None,
    stall: float | None = None,
    params: dict | None = None,
) -> tuple[int, cp_model.CpSolver]:
    """Solve one model; `stop` and `stop_after_first_at` (a monotonic time) end it early,
    and so does `stall`: that many seconds without a better solution (once one exists)."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, time_limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    for name, value in (params or {}).items():
        if isinstance(value, list):
            getattr(solver.parameters, name).extend(value)
        else:
            setattr(solver.parameters, name, value)
    callback = _Callback(on_solution or (lambda _o, _b: None), stop)
    done = threading.Event()

    def watch() -> None:
        # The solution callback only runs on solutions; this also stops a search that finds
        # none (the user pressed "stop", or the monolithic phase's share is used up).
        while not done.wait(0.05):
            if stop is not None and stop.is_set():
                solver.stop_search()
                return
            if (
                stop_after_first_at is not None
                and callback.found
                and clock.monotonic() > stop_after_first_at
            ):
                solver.stop_search()
                return
            if stall is not None and callback.found and clock.monotonic() - callback.last > stall:
                solver.stop_search()
                return

    watcher = None
    if stop is not None or stop_after_first_at is not None or stall is not None:
        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
    try:
        status = solver.solve(built.model, callback)
    finally:
        done.set()
        if watcher is not None:
            watcher.join()
    return status, solver


@dataclass
class _State:
    comp: Compiled
    started: float
    progress: Progress | None
    best: list[list[Slot]] | None = None
    cost: int | None = None
    bound: float | None = None
    time_to_first: float | None = None
    time_to_best: float | None = None
    stats: dict = field(default_factory=dict)

    def elapsed(self) -> float:
        return clock.monotonic() - self.started

    def offer(self, assignment: list[list[Slot]], cost: int | None = None) -> bool:
        """Keep `assignment` if it is no worse; True when it is strictly better."""
        if cost is None:
            cost = sum(evaluate_assignment(self.comp, assignment).values())
        if self.cost is not None and cost > self.cost:
            return False
        better = self.cost is None or cost < self.cost
        self.best, self.cost = assignment, cost
        if better:
            now = self.elapsed()
            if self.time_to_first is None:
                self.time_to_first = now
            self.time_to_best = now
            if self.progress is not None:
                bound = self.bound if self.bound is not None else float("-inf")
                self.progress(now, float(cost), bound)
        return better


# Above this many room/time candidates the whole model is too big to search directly: the
# planner then plans times first (rooms counted, not chosen), then rooms, then both by LNS.
MONOLITHIC_LIMIT = 5_000


def solve(
    problem: Problem,
    *,
    time_limit: float = 10.0,
    workers: int = 2,
    progress: Progress | None = None,
    stop: threading.Event | None = None,
    hint: Iterable[Placement] | None = None,
    seed: int = 0,
    explain: bool = True,
    lns: bool | None = None,
    monolithic_share: float = 0.3,
    strategy: str | None = None,
) -> Solution:
    """Plan `problem`; the best plan found within `time_limit` seconds.

    `progress(elapsed_seconds, best_objective, bound)` is called on every improving plan;
    setting `stop` ends the search early with the best plan so far. `hint` (e.g. last
    term's plan) starts the search.

    `strategy` (by default chosen from the problem's size and shape):

    * "monolithic": one model; small problems (a Treff) are proven optimal this way. When
      that has not finished after `monolithic_share` of the time, the large neighbourhood
      search (LNS) takes over (`lns=False`: never, `lns=True`: as soon as a plan exists).
    * "decomposed": parts that share no room and no soft rule (the Treffs of a city) are
      solved one by one, which also gives a bound; persons shared between parts are then
      reconciled, and the LNS improves the whole.
    * "staged": one large, tightly connected problem (ITC): times with rooms only counted,
      rooms for those times, rounds of both, then LNS.

    With `explain`, an infeasible problem comes with an Explanation of a small conflict.
    """
    started = clock.monotonic()
    deadline = started + time_limit
    comp = Compiled(problem)
    state = _State(comp=comp, started=started, progress=progress)
    start_hint = comp.assignment_of(hint) if hint is not None else None
    # A valid hint is a plan already: whatever the search finds in its time (a loaded machine
    # may leave it none), the answer is never worse than the hint.
    hint_cost = None
    if start_hint is not None and not violations(comp, start_hint):
        hint_cost = sum(evaluate_assignment(comp, start_hint).values())
    candidates = sum(len(options) for dem in comp.dems for options in dem.cands.values())
    state.stats["candidates"] = candidates
    components = _soft_components(comp)
    if strategy is None:
        if candidates <= MONOLITHIC_LIMIT or lns is False:
            strategy = "monolithic"
        elif len(components) > 1 and len(components[0]) <= 0.5 * len(comp.dems):
            strategy = "decomposed"
        else:
            strategy = "staged"
    state.stats["strategy"] = strategy
    result: Status | None = None
    if strategy == "decomposed":
        result = _decomposed(
            state, components, deadline=deadline, workers=workers, seed=seed, stop=stop
        )
    elif strategy == "staged":
        result = _staged(state, deadline=deadline, workers=workers, seed=seed, stop=stop)
    if strategy != "monolithic":
        status = result
        if result is None:
            status = _monolithic(
                state, deadline=deadline, workers=workers, seed=seed, stop=stop, share_end=None
            )
    else:
        if lns is False:
            share_end = None
        elif lns is True:
            share_end = started
        else:
            share_end = started + monolithic_share * time_limit
        status = _monolithic(
            state,
            deadline=deadline,
            workers=workers,
            seed=seed,
            stop=stop,
            share_end=share_end,
            hint=start_hint,
        )
    if status == Status.INFEASIBLE:
        explanation = None
        if explain:
            from .explain import explain as explain_problem

            explanation = explain_problem(problem, time_limit=max(5.0, time_limit / 2))
        return Solution(
            status=Status.INFEASIBLE,
            wall_time=state.elapsed(),
            explanation=explanation,
            stats=state.stats,
        )
    if status == Status.UNKNOWN:
        if hint_cost is None:
            return Solution(status=Status.UNKNOWN, wall_time=state.elapsed(), stats=state.stats)
        state.best, state.cost, status = start_hint, hint_cost, Status.FEASIBLE
    if status == Status.FEASIBLE and (stop is None or not stop.is_set()) and lns is not False:
        _lns(
            state,
            deadline=deadline,
            workers=workers,
            seed=seed,
            stop=stop,
            components=components if len(components) > 1 else None,
        )
    if hint_cost is not None and (state.cost is None or hint_cost < state.cost):
        state.best, state.cost = start_hint, hint_cost
    proven = state.bound is not None and state.cost <= math.ceil(state.bound - 1e-6)
    return _solution(state, Status.OPTIMAL if proven else Status.FEASIBLE)


# Few workers: CP-SAT's default portfolio spends them on LNS and first-solution heuristics.
# A Treff's plan is found in a fraction of a second; the time goes into proving it optimal,
# which the LP-heavy worker (max_lp) and the core-based one do best (demo Treffs: ~1 s
# instead of 3–7 s, see bench/planner_demo.py). From four workers on, the default is fine.
_PROVING = {
    1: {"subsolvers": ["max_lp"]},
    2: {"subsolvers": ["max_lp", "core"]},
    3: {"subsolvers": ["max_lp", "core", "default_lp"]},
}


def _monolithic(
    state: _State,
    *,
    deadline: float,
    workers: int,
    seed: int,
    stop: threading.Event | None,
    share_end: float | None,
    hint: list[list[Slot]] | None = None,
) -> Status:
    """Solve the whole model (until `share_end` once a plan exists); sets state.best."""
    comp = state.comp
    built = _Built(comp)
    state.stats["variables"] = len(built.model.proto.variables)
    state.stats["constraints"] = len(built.model.proto.constraints)
    if hint is not None:
        built.hint(hint)

    def on_solution(objective: float, bound: float) -> None:
        now = state.elapsed()
        state.time_to_first = now if state.time_to_first is None else state.time_to_first
        state.time_to_best = now
        state.bound = bound
        if state.progress is not None:
            state.progress(now, objective, bound)

    status, solver = _run_cp(
        built,
        time_limit=deadline - clock.monotonic(),
        workers=workers,
        seed=seed,
        stop=stop,
        on_solution=on_solution,
        stop_after_first_at=share_end,
        params=_PROVING.get(workers),
    )
    state.stats["monolithic_seconds"] = round(state.elapsed(), 3)
    if status == cp_model.INFEASIBLE or (built.empty and status != cp_model.OPTIMAL):
        return Status.INFEASIBLE
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Status.UNKNOWN
    state.bound = max(state.bound or float("-inf"), solver.best_objective_bound)
    state.best = built.read(solver.value, None)
    # Auxiliary variables (a room marked "used" without a session in it) may be slack in a
    # solution that is not optimal, so CP-SAT's objective can only be above the true cost.
    state.cost = sum(evaluate_assignment(comp, state.best).values())
    if state.cost > round(solver.objective_value):  # pragma: no cover - a modelling bug
        raise AssertionError(f"evaluated cost {state.cost} > model {solver.objective_value}")
    return Status.OPTIMAL if status == cp_model.OPTIMAL else Status.FEASIBLE


def _soft_components(comp: Compiled) -> list[list[int]]:
    """Demands linked by a room they may share or an entity with a soft rule; largest first.

    The objective is a sum over these parts (plus constants of fixed bookings), so the sum of
    the parts' bounds bounds the whole; hard-only links (a person without compact days,
    hard groups) only constrain, they do not add costs across parts.
    """

    def links(dem: _Dem) -> list[object]:
        found: list[object] = [("room", k) for k in dem.options]
        return found + [e for e in dem.entities if comp.iso_weight(e) or comp.overlap_weight(e)]

    parts = linked_groups((dem.index, links(dem)) for dem in comp.dems if dem.demand.sessions)
    return sorted(parts, key=len, reverse=True)


def _overlapping(comp: Compiled, plan: Sequence[Sequence[Slot]]) -> set[int]:
    """Demands whose sessions put a person (or hard group) in two places at once."""
    busy: dict[tuple, list[int]] = defaultdict(list)
    for dem, slots in zip(comp.dems, plan, strict=True):
        hard = [e for e in dem.entities if comp.hard(e)]
        for t, phase, _k in slots:
            for w in dem.phase_weeks[phase]:
                for g in range(t, t + dem.length):
                    for entity in hard:
                        busy[(entity, w, g)].append(dem.index)
    return {r for owners in busy.values() if len(owners) > 1 for r in owners}


def _decomposed(
    state: _State,
    components: list[list[int]],
    *,
    deadline: float,
    workers: int,
    seed: int,
    stop: threading.Event | None,
    share: float = 0.6,
) -> Status | None:
    """Solve the parts one by one, then reconcile persons shared between parts.

    Each part alone is a relaxation of its share of the problem, so the sum of the parts'
    bounds (plus the fixed bookings' constant costs) bounds the whole. A part that is
    infeasible alone makes the whole infeasible. Parts whose sessions double-book a shared
    person are re-solved with the others as constants until no clash is left.
    """
    comp = state.comp
    total = deadline - state.started
    plan: list[list[Slot]] = [[] for _ in comp.dems]
    # The fixed bookings' costs that no part counts (entities with no demand at all).
    bound = float(sum(evaluate_assignment(comp, plan).values()))
    proven = True
    part_of = {r: i for i, members in enumerate(components) for r in members}
    for i, members in enumerate(components):
        remaining = deadline - clock.monotonic()
        each = max(0.2, share * total / len(components))
        built = _Built(comp, free=members)
        status, solver = _run_cp(
            built,
            time_limit=remaining,
            workers=workers,
            seed=seed + i,
            stop=stop,
            stop_after_first_at=clock.monotonic() + each,
            params=_PROVING.get(workers),
        )
        if status == cp_model.INFEASIBLE:
            return Status.INFEASIBLE
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return Status.UNKNOWN
        proven = proven and status == cp_model.OPTIMAL
        # Every cost is a sum of non-negative penalties, so a part that stopped before its
        # linear relaxation was solved (its reported bound can then be negative) bounds at 0.
        bound += max(0.0, solver.best_objective_bound)
        solved = built.read(solver.value, None)
        for r in members:
            plan[r] = solved[r]
    state.bound = bound
    state.stats["parts"] = len(components)
    state.stats["parts_seconds"] = round(state.elapsed(), 3)

    # Reconcile: re-solve clashing parts with everything else as constants.
    rounds = 0
    while clashing := _overlapping(comp, plan):
        rounds += 1
        if rounds > 3 * len(components) or clock.monotonic() >= deadline:
            return None
        part = part_of[min(clashing)]
        free = set(components[part])
        built = _Built(comp, free=free, incumbent=plan)
        built.hint(plan)
        status, solver = _run_cp(
            built,
            time_limit=deadline - clock.monotonic(),
            workers=workers,
            seed=seed + rounds,
            stop=stop,
            stop_after_first_at=clock.monotonic() + 0.5,
        )
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        plan = built.read(solver.value, plan)
    state.stats["reconciled"] = rounds
    state.offer(plan)
    if proven and rounds == 0:
        return Status.OPTIMAL
    return Status.FEASIBLE


def _staged(
    state: _State,
    *,
    deadline: float,
    workers: int,
    seed: int,
    stop: threading.Event | None,
    times_share: float = float(os.environ.get("ASHARE", "0.4")),
    times_stall: float = float(os.environ.get("ASTALL", "0.08")),
    rooms_share: float = float(os.environ.get("BSHARE", "0.05")),
    round_share: float = float(os.environ.get("RSHARE", "0.12")),
    round_stall: float = float(os.environ.get("RSTALL", "0.04")),
    lns_share: float = float(os.environ.get("CSHARE", "0.15")),
) -> Status | None:
    """Times first (rooms only counted), then rooms for those times, then rounds of both.

    1. Times: the aggregate model (rooms counted by Hall's condition, not chosen). It is a
       relaxation of the whole, so its infeasibility and its bound hold for the problem.
    2. Rooms for those times, one main room per demand where possible (_RoomsModel).
    3. Rounds: times again, but every demand keeps its main room from the last plan and
       each session elsewhere costs stability; then rooms again. Block-coordinate descent:
       times given rooms, rooms given times; a round's plan is kept when it is no worse.
    What is left of the time (`lns_share` at least) goes to the LNS on the whole model.

    Returns None when no room assignment is found for the planned times (the counting
    conditions are exact for nested or disjoint room sets only); the caller then falls back
    to the whole model.
    """
    comp = state.comp
    total = deadline - state.started
    times = _Built(comp, aggregate=True)
    # At most the share, less when the search stalls; without a first plan, keep searching.
    status, solver = _run_cp(
        times,
        time_limit=deadline - clock.monotonic(),
        workers=workers,
        seed=seed,
        stop=stop,
        stop_after_first_at=state.started + times_share * total,
        stall=times_stall * total,
    )
    state.stats["times_seconds"] = round(state.elapsed(), 3)
    if status == cp_model.INFEASIBLE or (times.empty and status != cp_model.OPTIMAL):
        return Status.INFEASIBLE
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Status.UNKNOWN
    state.bound = solver.best_objective_bound
    state.stats["times_objective"] = round(solver.objective_value)
    starts = times.read(solver.value, None)
    plan = _rooms_for(
        comp,
        starts,
        deadline=clock.monotonic() + rooms_share * total,
        workers=workers,
        seed=seed,
        stop=stop,
    )
    state.stats["rooms_seconds"] = round(state.elapsed(), 3)
    if plan is None:
        # Counting rooms per slot is not always enough (sessions longer than a slot, room
        # sets that neither nest nor separate): repair with the whole model, hinted with
        # the planned times, until its first plan (and a little more).
        state.stats["rooms_repaired"] = True
        plan = _repair(
            state,
            starts,
            deadline=deadline,
            share=rooms_share * total,
            workers=workers,
            seed=seed,
            stop=stop,
        )
        if plan is None:
            return None
    state.offer(plan)
    state.stats["rooms_cost"] = state.cost

    rounds = []
    lns_from = deadline - lns_share * total
    while clock.monotonic() + round_stall * total <= lns_from and not _stopped(stop):
        mains = {
            r: Counter(k for *_, k in slots).most_common(1)[0][0]
            for r, slots in enumerate(state.best or [])
            if slots
        }
        timed = _Built(comp, aggregate=True, main_rooms=mains)
        timed.hint(state.best or [])
        status, solver = _run_cp(
            timed,
            time_limit=min(round_share * total, lns_from - clock.monotonic()),
            workers=workers,
            seed=seed + len(rounds) + 1,
            stop=stop,
            stall=round_stall * total,
        )
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            break
        starts = timed.read(solver.value, None)
        plan = _rooms_for(
            comp,
            starts,
            deadline=clock.monotonic() + 0.25 * round_share * total,
            workers=workers,
            seed=seed,
            stop=stop,
            prefer=mains,
            displaced=timed.displaced(solver.value),
        )
        if plan is not None:
            state.offer(plan)
        rounds.append(state.cost)
    state.stats["rounds"] = rounds
    return Status.FEASIBLE


def _repair(state, starts, *, deadline, share, workers, seed, stop) -> list[list[Slot]] | None:
    built = _Built(state.comp)
    for r, slots in enumerate(starts):
        for t, phase, _k in slots:
            x = built.x.get((r, t, phase))
            if x is not None:
                built.model.add_hint(x, 1)
    status, solver = _run_cp(
        built,
        time_limit=deadline - clock.monotonic(),
        workers=workers,
        seed=seed,
        stop=stop,
        stop_after_first_at=clock.monotonic() + share,
    )
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return built.read(solver.value, None)


def _stopped(stop: threading.Event | None) -> bool:
    return stop is not None and stop.is_set()


def _rooms_for(
    comp: Compiled,
    starts: Sequence[Sequence[Slot]],
    *,
    deadline: float,
    workers: int,
    seed: int,
    stop: threading.Event | None,
    prefer: dict[int, int] | None = None,
    displaced: Collection[tuple[int, int, int]] = (),
) -> list[list[Slot]] | None:
    """The best rooms for fixed session times found by `deadline` (None: none found)."""
    rooms = _RoomsModel(comp, starts)
    greedy = _greedy_rooms(comp, starts, prefer, displaced)
    if greedy is not None:
        rooms.hint(greedy)
    status, solver = _run_cp(
        rooms,
        time_limit=deadline - clock.monotonic(),
        workers=workers,
        seed=seed,
        stop=stop,
    )
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return greedy
    plan = rooms.read(solver.value)
    skipped = rooms.skipped(solver.value)
    if skipped:
        plan = _replan(comp, plan, skipped, starts, workers=workers, seed=seed, stop=stop)
    return plan


def _replan(comp, plan, skipped, starts, *, workers, seed, stop) -> list[list[Slot]] | None:
    """Plan the skipped demands again, with the demands sharing rooms with them.

    Their times are hinted from `starts`; everything else stays as planned. Widens to every
    demand once if that is not enough; None if even that fails.
    """
    rooms = set().union(*(comp.dems[r].options for r in skipped))
    near = {dem.index for dem in comp.dems if dem.options & rooms} | set(skipped)
    for free in (near, set(range(len(comp.dems)))):
        built = _Built(comp, free=free, incumbent=plan)
        for r in free:
            for t, phase, _k in starts[r]:
                x = built.x.get((r, t, phase))
                if x is not None:
                    built.model.add_hint(x, 1)
        status, solver = _run_cp(
            built,
            time_limit=30.0,
            workers=workers,
            seed=seed,
            stop=stop,
            stop_after_first_at=clock.monotonic() + 1.0,
        )
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return built.read(solver.value, plan)
    return None


_SKIP_COST = 10**7


class _RoomsModel:
    """Rooms for fixed session times, modelled around one main room per demand.

    m[r, k]: all sessions of r in room k; or split[r], and then b[r, s, k] per session. The
    same plans as the general model, but a demand's whole room choice is one decision, so
    the search (a list colouring of demands by rooms) finds stable rooms far more easily.
    """

    def __init__(self, comp: Compiled, starts: Sequence[Sequence[Slot]]) -> None:
        self.comp = comp
        model = self.model = cp_model.CpModel()
        weights = comp.weights
        self.sessions: dict[int, list[tuple[int, int]]] = {}
        self.m: dict[tuple[int, int], cp_model.IntVar] = {}
        self.split: dict[int, object] = {}
        self.skip: dict[int, cp_model.IntVar] = {}
        self.b: dict[tuple[int, int, int], cp_model.IntVar] = {}
        self.y: dict[tuple[int, int], cp_model.IntVar] = {}
        occupancy: dict[tuple[int, int, int], list] = defaultdict(list)
        terms: list[tuple[int, object]] = []
        for r, slots in enumerate(starts):
            if not slots:
                continue
            dem = comp.dems[r]
            sessions = sorted((t, phase) for t, phase, _k in slots)
            self.sessions[r] = sessions
            valid = [
                [k for k, keys in dem.cands.get(session, ()) if not keys] for session in sessions
            ]
            common = set(valid[0]).intersection(*valid[1:]) if valid else set()
            split = model.new_bool_var(f"split{r}")
            self.split[r] = split
            ms = []
            for k in sorted(common):
                var = model.new_bool_var(f"m{r}_{k}")
                self.m[(r, k)] = var
                ms.append(var)
                cost = dem.room_cost.get(k, 0) * dem.mult * len(sessions)
                if cost:
                    terms.append((cost, var))
                for t, phase in sessions:
                    for w in dem.phase_weeks[phase]:
                        for g in range(t, t + dem.length):
                            occupancy[(k, w, g)].append(var)
            # A demand whose sessions find no rooms at these times is left out (at a cost
            # above any plan's) and re-planned afterwards, times and rooms together.
            skip = model.new_bool_var(f"skip{r}")
            self.skip[r] = skip
            terms.append((_SKIP_COST, skip))
            model.add_exactly_one([*ms, split, skip])
            used: dict[int, list] = defaultdict(list)
            for index, ((t, phase), rooms) in enumerate(zip(sessions, valid, strict=True)):
                bs = []
                for k in rooms:
                    var = model.new_bool_var("")
                    self.b[(r, index, k)] = var
                    bs.append(var)
                    used[k].append(var)
                    cost = dem.room_cost.get(k, 0) * dem.mult
                    if cost:
                        terms.append((cost, var))
                    for w in dem.phase_weeks[phase]:
                        for g in range(t, t + dem.length):
                            occupancy[(k, w, g)].append(var)
                model.add(sum(bs) == split)
            if weights.same_room and len(used) > 1:
                for k, vars_k in used.items():
                    y = model.new_bool_var("")
                    self.y[(r, k)] = y
                    for var in vars_k:
                        model.add_implication(var, y)
                    terms.append((weights.same_room * dem.mult, y))
                terms.append((-weights.same_room * dem.mult, split))
        seen: set[tuple[int, ...]] = set()
        for lits in occupancy.values():
            if len(lits) > 1:
                key = tuple(sorted(var.Index() for var in lits))
                if key not in seen:
                    seen.add(key)
                    model.add_at_most_one(lits)
        model.minimize(sum(c * v for c, v in terms))

    def hint(self, assignment: Sequence[Sequence[Slot]]) -> None:
        for r, sessions in self.sessions.items():
            rooms = {(t, phase): k for t, phase, k in assignment[r]}
            distinct = set(rooms.values())
            main = next(iter(distinct)) if len(distinct) == 1 else None
            if (r, main) not in self.m:
                main = None
            for (rr, k), var in self.m.items():
                if rr == r:
                    self.model.add_hint(var, k == main)
            self.model.add_hint(self.split[r], main is None)
            self.model.add_hint(self.skip[r], False)
            for index, session in enumerate(sessions):
                for k in distinct:
                    var = self.b.get((r, index, k))
                    if var is not None:
                        self.model.add_hint(var, main is None and rooms.get(session) == k)
            for (rr, k), var in self.y.items():
                if rr == r:
                    self.model.add_hint(var, main is None and k in distinct)

    def skipped(self, values: Callable[[object], int]) -> list[int]:
        return [r for r, var in self.skip.items() if values(var)]

    def read(self, values: Callable[[object], int]) -> list[list[Slot]]:
        result: list[list[Slot]] = [[] for _ in self.comp.dems]
        mains = {r: k for (r, k), var in self.m.items() if values(var)}
        for r, sessions in self.sessions.items():
            if values(self.skip[r]):
                continue
            for index, (t, phase) in enumerate(sessions):
                if r in mains:
                    result[r].append((t, phase, mains[r]))
                    continue
                for k, _keys in self.comp.dems[r].cands.get((t, phase), ()):
                    var = self.b.get((r, index, k))
                    if var is not None and values(var):
                        result[r].append((t, phase, k))
                        break
        return result


def _greedy_rooms(
    comp: Compiled,
    starts: Sequence[Sequence[Slot]],
    prefer: dict[int, int] | None = None,
    displaced: Collection[tuple[int, int, int]] = (),
) -> list[list[Slot]] | None:
    """Rooms for fixed session times, greedily: one main room per demand where possible.

    Demands with the fewest fitting rooms choose first; each takes the room free at most
    of its times (then the cheapest), and only the sessions it cannot hold go elsewhere,
    preferably into rooms the demand already uses. None if a session finds no room.
    """
    busy: set[tuple[int, int, int]] = set()
    result: list[list[Slot]] = [[] for _ in comp.dems]
    if prefer:
        # Sessions whose preferred (main) room is free take it first, in any order: the
        # main-room model guarantees they do not collide; the rest are placed below.
        pending: list[list[Slot]] = [[] for _ in comp.dems]
        for r, slots in enumerate(starts):
            dem = comp.dems[r]
            main = prefer.get(r)
            for t, phase, k in slots:
                cells = [
                    (main, w, g) for w in dem.phase_weeks[phase] for g in range(t, t + dem.length)
                ]
                valid = any(room == main for room, _keys in dem.cands.get((t, phase), ()))
                moved = (r, t, phase) in displaced
                if not moved and main is not None and valid and not any(c in busy for c in cells):
                    busy.update(cells)
                    result[r].append((t, phase, main))
                else:
                    pending[r].append((t, phase, k))
        starts = pending
    order = sorted(
        (r for r, slots in enumerate(starts) if slots),
        key=lambda r: (len(comp.dems[r].fitting), -len(starts[r]), -comp.dems[r].demand.attendees),
    )
    for r in order:
        dem = comp.dems[r]

        def free(t: int, phase: int, dem=dem) -> list[int]:
            cells = [(w, g) for w in dem.phase_weeks[phase] for g in range(t, t + dem.length)]
            return [
                k
                for k, _keys in dem.cands.get((t, phase), ())
                if not any((k, w, g) in busy for w, g in cells)
            ]

        options = {(t, phase): free(t, phase) for t, phase, _k in starts[r]}
        counts = Counter(k for rooms in options.values() for k in rooms)
        used: set[int] = set()
        wish = (prefer or {}).get(r)
        # The main room: the wished one, else the cheapest (a room that fits), and among
        # those the one free at most of the demand's times.
        ranked = sorted(counts, key=lambda k: (k != wish, dem.room_cost.get(k, 0), -counts[k], k))
        rank = {k: i for i, k in enumerate(ranked)}
        for (t, phase), rooms in options.items():
            if not rooms:
                return None
            rooms = free(t, phase)  # earlier sessions of r may have taken one
            if not rooms:
                return None
            k = min(
                rooms,
                key=lambda k: (dem.room_cost.get(k, 0), k not in used, rank.get(k, len(rank))),
            )
            used.add(k)
            result[r].append((t, phase, k))
            for w in dem.phase_weeks[phase]:
                for g in range(t, t + dem.length):
                    busy.add((k, w, g))
    return result


def _solution(state: _State, status: Status) -> Solution:
    comp = state.comp
    placements = tuple(
        comp.placement(r, slot) for r, slots in enumerate(state.best or []) for slot in slots
    )
    costs = evaluate_assignment(comp, state.best or [[] for _ in comp.dems])
    return Solution(
        status=status,
        placements=placements,
        objective=state.cost,
        bound=state.bound,
        wall_time=state.elapsed(),
        time_to_first=state.time_to_first,
        time_to_best=state.time_to_best,
        costs=costs,
        stats=state.stats,
    )


# -- large neighbourhood search ---------------------------------------------------------------

TIME_NEIGHBOURHOODS = ("entity", "day", "random", "periods", "guided", "guided")
NEIGHBOURHOODS = ("entity", "room", "day", "rooms_only", "random", "room_set", "unstable")


def _grow(comp: Compiled, rng: random.Random, free: set[int], frontier: list, size: int) -> None:
    """Add demands reachable over shared persons and groups, in random order, up to size."""
    while frontier and len(free) < size:
        entity = frontier.pop(rng.randrange(len(frontier)))
        members = list(comp.entity_dems[entity])
        rng.shuffle(members)
        for r in members:
            if len(free) >= size:
                break
            if r not in free:
                free.add(r)
                frontier.extend(comp.dems[r].entities)


def _blame(comp: Compiled, plan: Sequence[Sequence[Slot]]) -> dict[int, int]:
    """Each demand's share of the soft costs (roughly: who to move to make things better)."""
    weights = comp.weights
    blame: Counter = Counter()
    for dem, slots in zip(comp.dems, plan, strict=True):
        if not slots:
            continue
        r, demand = dem.index, dem.demand
        rooms = {k for *_, k in slots if k >= 0}
        if len(rooms) > 1:
            blame[r] += weights.same_room * (len(rooms) - 1)
        if demand.min_days:
            days = len({(w, t // comp.S) for t, w, _k in slots})
            blame[r] += weights.spread_days * max(0, demand.min_days - days)
        blame[r] += sum(dem.room_cost.get(k, 0) for *_, k in slots)
        blame[r] += weights.preferred_time * sum(1 for t, *_ in slots if t in dem.unpreferred)
    cover, _starts = _entity_loads(comp, plan)
    for dem, slots in zip(comp.dems, plan, strict=True):
        for entity in dem.entities:
            iso = comp.iso_weight(entity)
            if not iso or entity[0] != "g":
                continue
            counts = cover[entity]
            for t, phase, _k in slots:
                w = dem.phase_weeks[phase][0]
                if _isolated(comp, counts, w, t, dem.length):
                    blame[dem.index] += iso
    return {r: cost for r, cost in blame.items() if cost > 0}


def _neighbourhood(
    kind: str, comp: Compiled, best: Sequence[Sequence[Slot]], rng: random.Random, size: int
) -> tuple[set[int], dict[int, list[Slot]], dict[int, list[tuple[int, int]]]]:
    """Demands to re-optimise, sessions of them that stay (pins), and starts that stay."""
    active = [r for r, slots in enumerate(best) if slots]
    pins: dict[int, list[Slot]] = {}
    only: dict[int, list[tuple[int, int]]] = {}
    free: set[int] = set()

    if kind == "guided":
        # Where the cost is: a demand picked by its share of the cost, with the demands it
        # shares persons and groups with.
        blame = _blame(comp, best)
        if blame:
            pool = sorted(blame)
            r0 = rng.choices(pool, weights=[blame[r] for r in pool])[0]
            free.add(r0)
            frontier = list(comp.dems[r0].entities)
            _grow(comp, rng, free, frontier, size)
    elif kind == "entity" and comp.entity_dems:
        # Demands sharing persons or audience groups interact most; free them together.
        entities = [e for e, rs in comp.entity_dems.items() if len(rs) > 1] or list(
            comp.entity_dems
        )
        _grow(comp, rng, free, [rng.choice(entities)], size)
    elif kind == "room":
        by_room: dict[int, list[int]] = defaultdict(list)
        for r in active:
            for k in {k for *_, k in best[r]}:
                by_room[k].append(r)
        rooms = list(by_room)
        rng.shuffle(rooms)
        for k in rooms:
            members = by_room[k]
            rng.shuffle(members)
            free.update(members[: max(0, size - len(free))])
            if len(free) >= size:
                break
    elif kind == "day":
        # Everything on one or two days moves; sessions on other days stay where they are.
        days = rng.sample(range(len(comp.grid.days)), k=min(2, len(comp.grid.days)))
        days = days[: 1 if rng.random() < 0.5 else 2]
        touched = [r for r in active if any(t // comp.S in days for t, _w, _k in best[r])]
        rng.shuffle(touched)
        for r in touched[: size * 2]:
            free.add(r)
            kept = [slot for slot in best[r] if slot[0] // comp.S not in days]
            if kept:
                pins[r] = kept
    elif kind == "rooms_only":
        members = list(active)
        rng.shuffle(members)
        for r in members[: size * 4]:
            free.add(r)
            only[r] = [(t, w) for t, w, _k in best[r]]
    elif kind == "periods":
        # Everything in two or three slots of the grid (the classic "swap two periods").
        slots = set(rng.sample(range(comp.G), k=min(comp.G, rng.randint(2, 3))))
        touched = [r for r in active if any(t in slots for t, _w, _k in best[r])]
        rng.shuffle(touched)
        for r in touched[: size * 3]:
            free.add(r)
            kept = [slot for slot in best[r] if slot[0] not in slots]
            if kept:
                pins[r] = kept
    elif kind == "room_set":
        # Re-room everything in a few rooms of similar size, times fixed: swaps of rooms
        # between demands, the moves that make a demand's sessions share one room.
        by_size = sorted(range(len(comp.rooms)), key=lambda k: comp.rooms[k].capacity)
        position = rng.randrange(len(by_size))
        width = rng.randint(2, 4)
        low = max(0, min(position - width // 2, len(by_size) - width))
        chosen = set(by_size[low : low + width])
        for r in active:
            if any(k in chosen for *_, k in best[r]):
                free.add(r)
                only[r] = [(t, w) for t, w, _k in best[r]]
                kept = [slot for slot in best[r] if slot[2] not in chosen]
                if kept:
                    pins[r] = kept
    elif kind == "unstable":
        # A demand using several rooms, moved freely, with the others in its rooms re-roomed.
        split = [r for r in active if len({k for *_, k in best[r]}) > 1]
        if split:
            r0 = rng.choice(split)
            rooms = {k for *_, k in best[r0]}
            free.add(r0)
            others = [r for r in active if r != r0 and any(k in rooms for *_, k in best[r])]
            rng.shuffle(others)
            for r in others[: size * 2]:
                free.add(r)
                only[r] = [(t, w) for t, w, _k in best[r]]
    if not free:
        members = list(active)
        rng.shuffle(members)
        free.update(members[:size])
    return free, pins, only


def _lns(
    state: _State,
    *,
    deadline: float,
    workers: int,
    seed: int,
    stop: threading.Event | None,
    kinds: Sequence[str] = NEIGHBOURHOODS,
    aggregate: bool = False,
    components: list[list[int]] | None = None,
) -> None:
    """Re-optimise neighbourhoods of the incumbent in `state` until `deadline`.

    With complete hints one CP-SAT worker per neighbourhood does as well as two, so the
    workers run separate neighbourhoods in parallel threads (CP-SAT releases the GIL while
    solving). A result computed from an older incumbent is merged into the current one and
    kept only if the merged plan still breaks no hard rule and is no worse.
    """
    comp = state.comp
    active = sum(1 for slots in state.best or [] if slots)
    if active < 2:
        return
    lock = threading.Lock()
    # Demands freed per neighbourhood, adapted per kind: grow after a neighbourhood was
    # solved to optimality quickly (it was too easy), shrink after a timeout.
    if components:
        kinds = (*kinds, "component", "component")  # a whole part, e.g. one Treff
    sizes = dict.fromkeys(kinds, float(min(active, 8)))
    sub_limit = float(os.environ.get("SUBLIM", "0.5"))
    stats: Counter = Counter()
    version = [0]

    def stopped() -> bool:
        return (stop is not None and stop.is_set()) or deadline - clock.monotonic() < 0.05

    def work(number: int) -> None:
        rng = random.Random(seed * 7919 + number)  # noqa: S311 -- reproducible search
        while not stopped():
            with lock:
                base, seen_version = state.best, version[0]
                kind = rng.choice(kinds)
                size = max(2, round(sizes[kind]))
            if kind == "component" and components:
                free, pins, only = set(rng.choice(components)), {}, {}
            else:
                free, pins, only = _neighbourhood(kind, comp, base, rng, size)
            began = clock.monotonic()
            built = _Built(
                comp,
                free=free,
                incumbent=base,
                pins=pins,
                fixed_starts=only,
                aggregate=aggregate,
            )
            built.hint(base)
            built_at = clock.monotonic()
            status, solver = _run_cp(
                built,
                time_limit=min(
                    deadline - clock.monotonic(), sub_limit * (4 if kind == "component" else 1)
                ),
                workers=1,
                seed=rng.randrange(1 << 30),
                stop=stop,
            )
            with lock:
                stats["build_seconds"] += built_at - began
                stats["solve_seconds"] += solver.wall_time
                stats[f"{kind}_runs"] += 1
                if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                    candidate = built.read(solver.value, state.best)
                    merged = version[0] != seen_version
                    cost = None
                    if aggregate:
                        cost, bad = evaluate_times(comp, candidate)
                    else:
                        bad = merged and violations(comp, candidate)
                    if bad:
                        stats["merge_conflicts"] += 1
                    else:
                        before = state.best
                        if state.offer(candidate, cost):
                            stats[f"{kind}_improved"] += 1
                        if state.best is not before:
                            version[0] += 1
                if status == cp_model.OPTIMAL and solver.wall_time < sub_limit / 2:
                    sizes[kind] = min(active, sizes[kind] * 1.15)
                elif status != cp_model.OPTIMAL:
                    sizes[kind] = max(2.0, sizes[kind] * 0.85)

    threads = [threading.Thread(target=work, args=(n,), daemon=True) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    state.stats.setdefault("lns", Counter()).update(stats)
    state.stats["lns_sizes"] = {kind: round(size, 1) for kind, size in sizes.items()}
