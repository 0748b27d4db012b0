"""The planner's CP-SAT model: hard rules, soft rules with hand-computed optima, the search.

Small instances with a known optimum, solved with fixed seeds; each expected objective is
derived in the test's comment. No database.
"""

import threading
from dataclasses import replace
from datetime import time

import pytest

from treff.planner.engine import (
    Closure,
    Demand,
    FixedBooking,
    Grid,
    Placement,
    Problem,
    Room,
    Status,
    Weights,
    Window,
    check,
    evaluate,
    solve,
)

# Two days of four one-hour slots, 8–12: small enough to reason about by hand.
GRID = Grid(days=(0, 1), start=time(8), end=time(12), slot_minutes=60)
# Only the rule under test costs anything.
NOTHING = Weights(
    same_room=0,
    spread_days=0,
    preferred_time=0,
    group_overlap=0,
    group_isolated=0,
    compact_person=0,
    room_waste=0,
    room_overfull=0,
)


def problem(demands, rooms=None, **kwargs):
    rooms = rooms or (Room("big", "Big", kind="group", capacity=10),)
    kwargs.setdefault("weights", NOTHING)
    return Problem(grid=GRID, rooms=tuple(rooms), demands=tuple(demands), **kwargs)


def run(prob, **kwargs):
    kwargs.setdefault("time_limit", 10)
    kwargs.setdefault("workers", 1)
    solution = solve(prob, **kwargs)
    if solution.placements:
        assert check(prob, solution.placements) == []
        assert sum(evaluate(prob, solution.placements).values()) == solution.objective
    return solution


def at(day, hour):
    return Window(day, time(hour), time(hour + 1))


def test_sessions_are_placed_without_overlap_in_a_fitting_room():
    rooms = (
        Room("small", "Small", capacity=4),
        Room("big", "Big", capacity=10),
    )
    demands = [
        Demand("a", "A", sessions=3, minutes=120, attendees=8),  # only "big" holds 8
        Demand("b", "B", sessions=2, minutes=60, attendees=2),
    ]
    solution = run(problem(demands, rooms))
    assert solution.status == Status.OPTIMAL
    assert solution.objective == 0
    a = [p for p in solution.placements if p.demand == "a"]
    assert len(a) == 3
    assert {p.room for p in a} == {"big"}
    assert all((p.end.hour - p.start.hour) == 2 for p in a)


def test_persons_and_rooms_never_overlap():
    # Three one-hour demands, all wanting Monday 8–10, one person each or one room: the
    # person leads two of them, so those two take both hours; the third needs another room.
    window = (Window(0, time(8), time(10)),)
    rooms = (Room("r1", "R1", capacity=5), Room("r2", "R2", capacity=5))
    demands = [
        Demand("a", "A", windows=window, persons=("anna",)),
        Demand("b", "B", windows=window, persons=("anna",)),
        Demand("c", "C", windows=window, sessions=2),
    ]
    solution = run(problem(demands, rooms))
    assert solution.status == Status.OPTIMAL
    by_demand = {}
    for p in solution.placements:
        by_demand.setdefault(p.demand, []).append(p)
    assert {p.start for p in by_demand["a"] + by_demand["b"]} == {time(8), time(9)}
    used = [(p.room, p.start) for p in solution.placements]
    assert len(used) == len(set(used)) == 4


def test_too_many_sessions_for_the_windows_is_infeasible():
    demands = [Demand("a", "A", sessions=3, windows=(Window(0, time(8), time(10)),))]
    solution = run(problem(demands), explain=False)
    assert solution.status == Status.INFEASIBLE
    assert solution.placements == ()


def test_fortnightly_requests_share_a_slot_in_alternate_weeks():
    # One room, one possible hour: two fortnightly offers fit (weeks 1 and 2), a third not.
    window = (at(0, 9),)
    two = [Demand(x, x, every_weeks=2, windows=window) for x in ("a", "b")]
    solution = run(problem(two))
    assert solution.status == Status.OPTIMAL
    assert sorted(p.week for p in solution.placements) == [0, 1]
    three = [*two, Demand("c", "c", every_weeks=2, windows=window)]
    assert run(problem(three), explain=False).status == Status.INFEASIBLE
    # A monthly offer fits beside a fortnightly one: weeks 1 and 3 vs 2 (or 4).
    mixed = [two[0], Demand("m", "M", every_weeks=4, windows=window)]
    solution = run(problem(mixed))
    assert solution.status == Status.OPTIMAL
    weeks = {p.demand: p.week for p in solution.placements}
    assert weeks["m"] % 2 != weeks["a"]


def test_fixed_bookings_and_closures_block_their_rooms():
    # Monday 8–12 is taken by the Mittagstisch, Tuesday 10–12 is closed: the only free hours
    # are Tuesday 8–10.
    fixed = (FixedBooking("lunch", "Mittagstisch", 0, time(8), time(12), rooms=("big",)),)
    closures = (Closure(1, time(10), time(12)),)
    demands = [Demand("a", "A", sessions=2)]
    solution = run(problem(demands, fixed=fixed, closures=closures))
    assert solution.status == Status.OPTIMAL
    assert sorted((p.day, p.start) for p in solution.placements) == [(1, time(8)), (1, time(9))]
    demands = [Demand("a", "A", sessions=3)]
    assert run(problem(demands, fixed=fixed, closures=closures), explain=False).status == (
        Status.INFEASIBLE
    )


def test_room_requirements_are_hard():
    rooms = (
        Room("office", "Office", kind="office", capacity=3, barrier_free=False),
        Room("group", "Group", kind="group", capacity=12, equipment=frozenset({"projector"})),
    )
    demands = [
        Demand("k", "Kind", room_kinds=frozenset({"office"})),
        Demand("e", "Equipment", equipment=frozenset({"projector"})),
        Demand("b", "Barrier-free", barrier_free=True),
        Demand("c", "Capacity", attendees=5),
    ]
    solution = run(problem(demands, rooms))
    rooms_of = {p.demand: p.room for p in solution.placements}
    assert rooms_of == {"k": "office", "e": "group", "b": "group", "c": "group"}


def test_spread_over_days_costs_per_missing_day():
    # Three sessions, min_days 3, but only two days on the grid: one day short (weight 7).
    weights = replace(NOTHING, spread_days=7)
    demands = [Demand("a", "A", sessions=3, min_days=3)]
    solution = run(problem(demands, weights=weights))
    assert solution.status == Status.OPTIMAL
    assert solution.objective == 7
    assert solution.costs["spread_days"] == 7
    assert len({p.day for p in solution.placements}) == 2


def test_same_room_costs_per_extra_room():
    # Two sessions; "big" is taken by a fixed booking on Monday, "small" on Tuesday, and the
    # demand may only run Monday 8 and Tuesday 8: two rooms, one extra (weight 4).
    rooms = (Room("small", "Small", capacity=5), Room("big", "Big", capacity=5))
    fixed = (
        FixedBooking("f1", "F1", 0, time(8), time(9), rooms=("big",)),
        FixedBooking("f2", "F2", 1, time(8), time(9), rooms=("small",)),
    )
    weights = replace(NOTHING, same_room=4)
    demands = [Demand("a", "A", sessions=2, windows=(at(0, 8), at(1, 8)))]
    solution = run(problem(demands, rooms, fixed=fixed, weights=weights))
    assert solution.objective == 4
    assert solution.costs["same_room"] == 4


def test_preferred_times_and_room_size():
    # Preferred Tuesday 10–12; room waste 1 per empty seat: 6 attendees in a room of 8 cost
    # 2 (the room of 20 would cost 14). Optimum 2, at Tuesday 10 or 11 in "mid".
    rooms = (Room("mid", "Mid", capacity=8), Room("hall", "Hall", capacity=20))
    weights = replace(NOTHING, preferred_time=50, room_waste=1)
    demands = [Demand("a", "A", attendees=6, preferred=(Window(1, time(10), time(12)),))]
    solution = run(problem(demands, rooms, weights=weights))
    assert solution.objective == 2
    (placement,) = solution.placements
    assert (placement.day, placement.room) == (1, "mid")
    assert placement.start in (time(10), time(11))


def test_audience_group_overlap_soft_and_hard():
    # Two one-hour offers for "Ältere", both only Monday 8–9, two rooms: they must overlap.
    rooms = (Room("r1", "R1"), Room("r2", "R2"))
    window = (at(0, 8),)
    demands = [
        Demand("a", "A", windows=window, groups=("Ältere",)),
        Demand("b", "B", windows=window, groups=("Ältere",)),
    ]
    soft = run(problem(demands, rooms, weights=replace(NOTHING, group_overlap=9)))
    assert soft.objective == 9
    hard = run(problem(demands, rooms, weights=replace(NOTHING, group_overlap=None)), explain=False)
    assert hard.status == Status.INFEASIBLE


def test_isolated_group_sessions_cost_like_itc_compactness():
    # Group "q": two one-hour sessions, each forced to its own day: both isolated, 2 × 3.
    weights = replace(NOTHING, group_isolated=3)
    apart = [
        Demand("a", "A", windows=(at(0, 8),), groups=("q",)),
        Demand("b", "B", windows=(at(1, 8),), groups=("q",)),
    ]
    assert run(problem(apart, weights=weights)).objective == 6
    # Free to choose: adjacent on one day, nothing isolated.
    together = [replace(r, windows=None) for r in apart]
    assert run(problem(together, weights=weights)).objective == 0


def test_compact_person_costs_per_gap():
    # The coordinator has 8–9 and 10–11 fixed on Monday (a gap at 9); a third hour-long
    # demand may go anywhere: at 9 it closes the gap (cost 0).
    fixed = (
        FixedBooking("f1", "F1", 0, time(8), time(9), persons=("koord",)),
        FixedBooking("f2", "F2", 0, time(10), time(11), persons=("koord",)),
    )
    weights = replace(NOTHING, compact_person=5)
    demands = [Demand("a", "A", persons=("koord",))]
    prob = problem(demands, fixed=fixed, weights=weights, compact_persons=frozenset({"koord"}))
    solution = run(prob)
    assert solution.objective == 0
    assert solution.placements[0].start == time(9)
    # Forced to Monday 11: the gap at 9 stays (one gap, 5).
    prob = replace(prob, demands=(replace(demands[0], windows=(at(0, 11),)),))
    assert run(prob).objective == 5


def test_progress_callback_and_stop_event():
    seen = []
    demands = [Demand(f"r{i}", f"R{i}", sessions=2) for i in range(3)]
    rooms = (Room("r1", "R1"), Room("r2", "R2"))
    solution = run(
        problem(demands, rooms, weights=Weights()),
        progress=lambda *args: seen.append(args),
        workers=2,
    )
    assert solution.status == Status.OPTIMAL
    assert seen
    elapsed, objective, bound = seen[-1]
    assert objective == solution.objective
    assert elapsed >= 0
    assert bound <= objective
    stop = threading.Event()
    stop.set()
    stopped = solve(problem(demands, rooms, weights=Weights()), time_limit=30, stop=stop)
    assert stopped.wall_time < 5
    assert stopped.status in (Status.FEASIBLE, Status.OPTIMAL, Status.UNKNOWN)


def test_hint_is_used_and_solution_reports_times():
    demands = [Demand("a", "A", sessions=2, min_days=2)]
    prob = problem(demands, weights=replace(NOTHING, spread_days=5))
    hint = [
        Placement("a", "big", 0, time(8), time(9)),
        Placement("a", "big", 1, time(8), time(9)),
    ]
    assert check(prob, hint) == []
    solution = run(prob, hint=hint)
    assert solution.objective == 0
    assert solution.gap == 0.0
    assert solution.time_to_best is not None
    assert solution.wall_time >= solution.time_to_best


def test_check_reports_violations():
    rooms = (Room("r1", "R1", capacity=2),)
    demands = [Demand("a", "A", attendees=5), Demand("b", "B", persons=("p",))]
    prob = problem(demands, rooms)
    bad = [
        Placement("a", "r1", 0, time(8), time(9)),  # room too small
        Placement("b", "r1", 0, time(8), time(9)),  # same room, same hour
    ]
    found = check(prob, bad)
    assert any("not allowed" in text for text in found)
    assert any("double-booked" in text for text in found)


@pytest.mark.parametrize("staged", [False, True])
def test_larger_instance_solves_consistently_in_both_modes(staged):
    """A 30-demand, 3-day problem through the whole model and through the staged search."""
    grid = Grid(days=(0, 1, 2), start=time(8), end=time(14), slot_minutes=60)
    rooms = tuple(Room(f"k{i}", f"K{i}", capacity=c) for i, c in enumerate((10, 20, 30, 40)))
    demands = tuple(
        Demand(
            f"r{i}",
            f"R{i}",
            sessions=1 + i % 3,
            attendees=5 + (i * 7) % 40,
            capacity_hard=False,
            persons=(f"p{i % 8}",),
            groups=(f"g{i % 5}",),
            min_days=1 + i % 3,
        )
        for i in range(24)
    )
    weights = Weights(
        same_room=1,
        spread_days=5,
        group_overlap=None,
        group_isolated=2,
        room_waste=0,
        room_overfull=1,
    )
    prob = Problem(grid=grid, rooms=rooms, demands=demands, weights=weights)
    solution = solve(
        prob, time_limit=2, workers=2, strategy="staged" if staged else "monolithic", seed=1
    )
    assert solution.status in (Status.FEASIBLE, Status.OPTIMAL)
    assert check(prob, solution.placements) == []
    assert sum(evaluate(prob, solution.placements).values()) == solution.objective
    assert solution.bound is None or solution.bound <= solution.objective + 1e-6


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="unique"):
        problem([Demand("a", "A"), Demand("a", "B")])
    with pytest.raises(ValueError, match="every_weeks"):
        problem([Demand("a", "A", every_weeks=3)])
    with pytest.raises(ValueError, match="must not be negative"):
        problem([Demand("a", "A")], weights=Weights(same_room=-1))
    with pytest.raises(ValueError, match="unknown rooms"):
        problem([Demand("a", "A", rooms=frozenset({"nope"}))])
    with pytest.raises(ValueError, match="whole number of slots"):
        Grid(start=time(8), end=time(9), slot_minutes=25)
