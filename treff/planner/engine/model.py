"""The planner's input and output: a weekly slot grid, rooms, demands, and the solution.

Plain frozen dataclasses, no ORM and no settings: the app translates its models into these,
and `bench/` (the demo Treffs, a city-scale instance, ITC-2007) builds them directly.

Times are local wall-clock `time`s on a weekly grid. Offers that run fortnightly or monthly
are planned in a cycle of weeks: a demand with `every_weeks=2` takes place in one of two
alternating weeks (which one is the placement's `week`), so a fortnightly and a monthly
counselling can share a room at the same hour in different weeks. "Monthly" is modelled as
every fourth week; the app maps the chosen week to "1st/3rd Tuesday" and the like.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import astuple, dataclass, field
from datetime import time
from enum import StrEnum

from treff.core.text import LazyText
from treff.core.times import end_minutes

# Cycles the planner understands: weekly, fortnightly, every four weeks ("monthly"). Their
# least common multiple (4) is the longest cycle a plan is checked over.
CYCLES = (1, 2, 4)


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _end_minutes(moment: time) -> int:
    # The end of a grid day or a window: 00:00 is midnight at the end of the day (24:00),
    # as everywhere in Treff (treff.core.times).
    return end_minutes(moment)


def _time(minutes: int) -> time:
    # 24:00 is not a `time`: an end at midnight is 00:00 (treff.core.times).
    if minutes >= 24 * 60:
        return time(0)
    return time(minutes // 60, minutes % 60)


@dataclass(frozen=True, slots=True)
class Window:
    """A stretch of one weekday: [start, end). `day` is 0 = Monday … 6 = Sunday.

    An `end` of 00:00 is midnight at the end of the day (20:00–24:00 is 20:00–00:00).
    """

    day: int
    start: time
    end: time


@dataclass(frozen=True, slots=True)
class Grid:
    """The weekly grid the planner places sessions on.

    `days` are weekday numbers (0 = Monday); ITC instances use 0 … days-1 whatever their
    names. Every day runs from `start` to `end` in slots of `slot_minutes`; a session starts
    on a slot boundary and never runs past the end of its day. An `end` of 00:00 is
    midnight, and a session ending there ends at 00:00.
    """

    days: tuple[int, ...] = (0, 1, 2, 3, 4)
    start: time = time(8)
    end: time = time(18)
    slot_minutes: int = 30

    def __post_init__(self) -> None:
        span = _end_minutes(self.end) - _minutes(self.start)
        if self.slot_minutes <= 0 or span <= 0 or span % self.slot_minutes:
            raise ValueError("The grid's day must be a positive whole number of slots.")
        if len(set(self.days)) != len(self.days) or not self.days:
            raise ValueError("The grid needs distinct days.")

    @property
    def slots_per_day(self) -> int:
        return (_end_minutes(self.end) - _minutes(self.start)) // self.slot_minutes

    @property
    def size(self) -> int:
        return len(self.days) * self.slots_per_day

    def slot(self, day: int, at: time) -> int:
        """The global index of the slot starting at `at` on `day` (must be on the grid)."""
        offset = _minutes(at) - _minutes(self.start)
        if day not in self.days or offset % self.slot_minutes:
            raise ValueError(f"{day} {at} is not a slot of the grid.")
        index = offset // self.slot_minutes
        if not 0 <= index < self.slots_per_day:
            raise ValueError(f"{at} lies outside the grid's day.")
        return self.days.index(day) * self.slots_per_day + index

    def day_of(self, slot: int) -> int:
        return self.days[slot // self.slots_per_day]

    def time_of(self, slot: int) -> time:
        """Start time of a slot."""
        return _time(_minutes(self.start) + (slot % self.slots_per_day) * self.slot_minutes)

    def end_time(self, slot: int, length: int) -> time:
        """End time of a session of `length` slots starting at `slot`."""
        within = slot % self.slots_per_day + length
        return _time(_minutes(self.start) + within * self.slot_minutes)

    def slots_touching(self, window: Window) -> range:
        """Global slots that `window` covers at least partly (what a fixed booking blocks)."""
        if window.day not in self.days:
            return range(0)
        base = self.days.index(window.day) * self.slots_per_day
        first = (_minutes(window.start) - _minutes(self.start)) // self.slot_minutes
        last = math.ceil((_end_minutes(window.end) - _minutes(self.start)) / self.slot_minutes)
        first, last = max(first, 0), min(last, self.slots_per_day)
        if last <= first:
            return range(0)
        return range(base + first, base + last)

    def slots_in(self, window: Window) -> range:
        """Global slots lying wholly inside `window` (partly covered slots are left out)."""
        if window.day not in self.days:
            return range(0)
        base = self.days.index(window.day) * self.slots_per_day
        first = math.ceil((_minutes(window.start) - _minutes(self.start)) / self.slot_minutes)
        last = (_end_minutes(window.end) - _minutes(self.start)) // self.slot_minutes
        first, last = max(first, 0), min(last, self.slots_per_day)
        if last <= first:
            return range(0)
        return range(base + first, base + last)

    def length_of(self, minutes: int) -> int:
        """Slots needed for a session of `minutes` (rounded up to whole slots)."""
        return max(1, math.ceil(minutes / self.slot_minutes))


@dataclass(frozen=True, slots=True)
class Room:
    id: str
    name: str
    kind: str = ""
    capacity: int = 0
    barrier_free: bool = True
    equipment: frozenset[str] = frozenset()
    # When the room can be used at all; None = the whole grid.
    availability: tuple[Window, ...] | None = None


@dataclass(frozen=True, slots=True)
class Demand:
    """An offer that wants `sessions` sessions per cycle of `every_weeks` weeks.

    Called a demand, not a request: in the app it comes from a PlanningRequest row, and
    "request" already means the HTTP request, a BookingRequest and a HelpRequest.

    Hard: exactly `sessions` sessions, each wholly inside one of `windows` (None = anywhere
    on the grid), in a room meeting every requirement, without overlapping another session of
    the same room or responsible person. Soft (see Weights): one room for all sessions, at
    least `min_days` distinct days, `preferred` times, room size close to `attendees`.
    """

    id: str
    name: str
    sessions: int = 1
    minutes: int = 60
    every_weeks: int = 1
    windows: tuple[Window, ...] | None = None
    preferred: tuple[Window, ...] = ()
    # Room requirements: an empty set means "any". `rooms` limits the demand to those rooms
    # (e.g. its own Treff's); the others filter further and may be relaxed to explain a clash.
    rooms: frozenset[str] = frozenset()
    room_kinds: frozenset[str] = frozenset()
    equipment: frozenset[str] = frozenset()
    barrier_free: bool = False
    attendees: int = 0
    # True: only rooms holding `attendees` qualify. False: any room, each person above its
    # capacity costs Weights.room_overfull per session (the ITC rule).
    capacity_hard: bool = True
    persons: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    min_days: int = 0


@dataclass(frozen=True, slots=True)
class FixedBooking:
    """An approved series the planner must plan around (e.g. the Mittagstisch 11–13)."""

    id: str
    name: str
    day: int
    start: time
    end: time
    rooms: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    every_weeks: int = 1
    week: int = 0  # which week of its cycle (0-based)


@dataclass(frozen=True, slots=True)
class Closure:
    """Times at which rooms cannot be used; `rooms` empty = every room of the problem."""

    day: int
    start: time | None = None  # None: the whole day
    end: time | None = None
    rooms: frozenset[str] = frozenset()
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Weights:
    """Costs of the soft rules; 0 switches a rule off.

    The objective counts one planning cycle (the longest `every_weeks`, at most 4 weeks):
    a weekly offer's costs count once per week of the cycle, a monthly one's once.
    """

    same_room: int = 20  # per additional room a demand uses
    spread_days: int = 20  # per day below a demand's min_days
    preferred_time: int = 10  # per session starting outside the preferred windows
    # Per slot and additional offer of the same audience group at the same time; None makes
    # it a hard rule (ITC's curricula).
    group_overlap: int | None = 30
    group_isolated: int = 0  # per session of a group with no session of it just before/after
    compact_person: int = 5  # the same, for the persons in Problem.compact_persons
    room_waste: int = 1  # per session and empty seat (capacity above attendees)
    room_overfull: int = 1  # per session and person above capacity (capacity_hard=False)


@dataclass(frozen=True, slots=True)
class Problem:
    grid: Grid
    rooms: tuple[Room, ...]
    demands: tuple[Demand, ...]
    fixed: tuple[FixedBooking, ...] = ()
    closures: tuple[Closure, ...] = ()
    weights: Weights = field(default_factory=Weights)
    # People whose days should be compact (the coordinator): isolated sessions cost.
    compact_persons: frozenset[str] = frozenset()
    # Display names for persons and audience groups in explanations (default: the id).
    names: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        room_ids = [room.id for room in self.rooms]
        if len(set(room_ids)) != len(room_ids):
            raise ValueError("Room ids must be unique.")
        demand_ids = [demand.id for demand in self.demands]
        if len(set(demand_ids)) != len(demand_ids):
            raise ValueError("Demand ids must be unique.")
        # Costs are penalties: the solver's bounds rely on no rule ever paying a reward.
        if any(weight is not None and weight < 0 for weight in astuple(self.weights)):
            raise ValueError("Weights must not be negative.")
        known = set(room_ids)
        for demand in self.demands:
            if demand.sessions < 0 or demand.minutes <= 0:
                raise ValueError(f"Demand {demand.id}: sessions and length must be positive.")
            if demand.every_weeks not in CYCLES:
                raise ValueError(f"Demand {demand.id}: every_weeks must be 1, 2 or 4.")
            if demand.rooms - known:
                raise ValueError(f"Demand {demand.id} names unknown rooms.")
        for booking in self.fixed:
            if booking.every_weeks not in CYCLES or not 0 <= booking.week < booking.every_weeks:
                raise ValueError(f"Fixed booking {booking.id}: bad cycle or week.")
            if set(booking.rooms) - known:
                raise ValueError(f"Fixed booking {booking.id} names unknown rooms.")
        for closure in self.closures:
            if closure.rooms - known:
                raise ValueError("A closure names unknown rooms.")

    @property
    def cycle(self) -> int:
        cycles = [r.every_weeks for r in self.demands] + [f.every_weeks for f in self.fixed]
        return math.lcm(1, *cycles)

    def name_of(self, key: str) -> str:
        return self.names.get(key, key)


class Status(StrEnum):
    OPTIMAL = "optimal"  # proven best under the weights
    FEASIBLE = "feasible"  # a plan, possibly not the best (time limit, stopped early)
    INFEASIBLE = "infeasible"  # proven: no plan meets every hard rule; see `explanation`
    UNKNOWN = "unknown"  # no plan found in the time given, nor a proof that none exists


@dataclass(frozen=True, slots=True)
class Placement:
    """One session: demand, room, weekday and time, and the week of the demand's cycle."""

    demand: str
    room: str
    day: int
    start: time
    end: time
    week: int = 0


@dataclass(frozen=True, slots=True)
class Conflict:
    """One small set of demands (and rules) that cannot all be satisfied together."""

    demands: tuple[str, ...]
    # What the clash consists of: ("sessions", id), ("windows", id), ("rooms", id),
    # ("person", name), ("group", name), ("fixed", id), ("closure", index), ("room", id).
    constraints: tuple[tuple[str, str], ...]
    message: LazyText

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True, slots=True)
class Explanation:
    conflicts: tuple[Conflict, ...]
    # False when the search for a small core ran out of time: the sets may not be minimal.
    minimal: bool = True

    @property
    def messages(self) -> list[LazyText]:
        return [conflict.message for conflict in self.conflicts]

    def __str__(self) -> str:
        return " ".join(str(message) for message in self.messages)


@dataclass(frozen=True, slots=True)
class Solution:
    status: Status
    placements: tuple[Placement, ...] = ()
    objective: int | None = None
    bound: float | None = None  # proven lower bound on the objective (None: none known)
    wall_time: float = 0.0
    time_to_first: float | None = None  # seconds until the first plan was found
    time_to_best: float | None = None  # seconds until the returned plan was found
    costs: Mapping[str, int] = field(default_factory=dict)  # objective by soft rule (see Weights)
    explanation: Explanation | None = None
    stats: Mapping[str, object] = field(
        default_factory=dict
    )  # solver details for benchmarks (iterations …)

    @property
    def gap(self) -> float | None:
        """Relative optimality gap (objective − bound) / objective; 0.0 when proven."""
        if self.objective is None or self.bound is None:
            return None
        if self.status == Status.OPTIMAL:
            return 0.0
        if self.objective == 0:
            return 0.0
        return max(0.0, (self.objective - self.bound) / abs(self.objective))
