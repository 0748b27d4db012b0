"""A real Treff plan (Franztreff, after treff/demo/plan_data.py) through the planner and back.

Each series becomes a demand; pinned to its planned times and room it must come back
unchanged, and as a hint it is a valid starting plan that the optimiser can only improve.
"""

from dataclasses import replace
from datetime import time

from treff.planner.engine import (
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
from treff.planner.engine.solver import Compiled

MON, TUE, WED, THU, FRI = range(5)
GRID = Grid(days=(MON, TUE, WED, THU, FRI), start=time(8), end=time(19), slot_minutes=30)
ROOMS = (
    Room("office", "Büro Koordination", kind="office", capacity=3),
    Room("koord", "Beratungsraum Koordination", kind="coord_counselling", capacity=4),
    Room("gast", "Beratungsraum Gastberatung", kind="visit_counselling", capacity=4),
    Room("kitchen", "Küche", kind="kitchen", capacity=6),
    Room("group", "Gruppenraum", kind="group", capacity=12),
    Room("open", "Begegnungsraum", kind="open_area", capacity=24),
)
# (offer, weekdays, every n weeks, start, end, room, person) — Franztreff's series.
PLAN = [
    ("Allgemeine Sozialberatung", (MON, TUE, WED, THU, FRI), 1, "09:00", "11:00", "koord", "anna"),
    ("Schuldnerberatung", (TUE,), 2, "10:00", "12:00", "gast", "sandra"),
    ("Suchtberatung", (THU,), 4, "14:00", "16:00", "gast", None),
    ("Sprechstunde des Jobcenters", (WED,), 1, "09:00", "12:00", "gast", None),
    ("Mietersprechstunde der DWG", (MON,), 4, "13:00", "15:00", "gast", None),
    ("Infoabend der DVV", (WED,), 4, "17:00", "18:30", "group", None),
    ("Seniorencafé", (THU,), 1, "14:30", "16:30", "open", "anna"),
    ("Digitale Sprechstunde", (TUE,), 1, "14:00", "16:00", "group", None),
    ("Kleiderkammer", (MON, THU), 1, "13:30", "16:00", "group", None),
    ("Büchertauschbörse", (FRI,), 4, "14:00", "16:00", "open", None),
    ("Teamsitzung", (MON,), 4, "16:00", "17:00", "group", "anna"),
]
LUNCH = tuple(
    FixedBooking(f"lunch{day}", "Mittagstisch", day, time(11), time(13), rooms=("open",))
    for day in (MON, WED, FRI)
)


def clock(text):
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def plan_placements():
    return [
        Placement(f"s{i}", room, day, clock(start), clock(end), week=0)
        for i, (_name, days, _every, start, end, room, _person) in enumerate(PLAN)
        for day in days
    ]


def demands(*, pinned):
    result = []
    for i, (name, days, every, start, end, room, person) in enumerate(PLAN):
        minutes = (clock(end).hour * 60 + clock(end).minute) - (
            clock(start).hour * 60 + clock(start).minute
        )
        pinned_fields = {
            "windows": tuple(Window(day, clock(start), clock(end)) for day in days),
            "rooms": frozenset({room}),
        }
        result.append(
            Demand(
                id=f"s{i}",
                name=name,
                sessions=len(days),
                minutes=minutes,
                every_weeks=every,
                persons=(person,) if person else (),
                min_days=len(days),
                **(pinned_fields if pinned else {"windows": None}),
            )
        )
    return tuple(result)


def franztreff(*, pinned):
    return Problem(
        grid=GRID,
        rooms=ROOMS,
        demands=demands(pinned=pinned),
        fixed=LUNCH,
        weights=Weights(room_waste=0),
        compact_persons=frozenset({"anna"}),
    )


def key(placement):
    return (placement.demand, placement.room, placement.day, placement.start, placement.end)


def test_the_real_plan_is_valid_and_comes_back_unchanged():
    problem = franztreff(pinned=True)
    plan = plan_placements()
    assert check(problem, plan) == []
    solution = solve(problem, time_limit=10, workers=1)
    assert solution.status == Status.OPTIMAL
    assert sorted(map(key, solution.placements)) == sorted(map(key, plan))
    # Fortnightly and monthly offers may take any week of their cycle; that week is the
    # planner's choice, everything else is the plan's.
    assert solution.objective == sum(evaluate(problem, solution.placements).values())


def test_slots_and_placements_convert_both_ways():
    problem = franztreff(pinned=True)
    comp = Compiled(problem)
    plan = plan_placements()
    assignment = comp.assignment_of(plan)
    back = [comp.placement(r, slot) for r, slots in enumerate(assignment) for slot in slots]
    assert sorted(map(key, back)) == sorted(map(key, plan))
    # 30-minute slots from 08:00: Sozialberatung Monday 09:00 is slot 2; 2 h are 4 slots.
    assert GRID.slot(MON, time(9)) == 2
    assert GRID.end_time(2, 4) == time(11)
    assert GRID.time_of(GRID.slot(FRI, time(17, 30))) == time(17, 30)


def test_the_real_plan_as_hint_is_only_improved():
    problem = franztreff(pinned=False)
    plan = plan_placements()
    assert check(problem, plan) == []
    planned = sum(evaluate(problem, plan).values())
    solution = solve(problem, time_limit=3, workers=2, hint=plan, seed=1)
    assert solution.status in (Status.OPTIMAL, Status.FEASIBLE)
    assert check(problem, solution.placements) == []
    assert solution.objective <= planned
    # The coordinator's Sozialberatung keeps five distinct days (min_days 5).
    days = {p.day for p in solution.placements if p.demand == "s0"}
    assert len(days) == 5


def test_a_changed_request_keeps_the_rest_of_a_pinned_plan():
    # The Digitale Sprechstunde (s7) moves to Friday morning; nothing else changes.
    problem = franztreff(pinned=True)
    moved = replace(
        problem.demands[7], windows=(Window(FRI, time(8), time(11)),), rooms=frozenset()
    )
    problem = replace(problem, demands=(*problem.demands[:7], moved, *problem.demands[8:]))
    solution = solve(problem, time_limit=10, workers=1)
    assert solution.status == Status.OPTIMAL
    others = sorted(key(p) for p in solution.placements if p.demand != "s7")
    assert others == sorted(key(p) for p in plan_placements() if p.demand != "s7")
    (digital,) = [p for p in solution.placements if p.demand == "s7"]
    assert digital.day == FRI
    assert digital.start < time(11)


def test_a_valid_hint_stands_when_the_search_has_no_time():
    """A loaded machine may leave CP-SAT no time at all: the hint is still the answer."""
    problem = franztreff(pinned=False)
    plan = plan_placements()
    planned = sum(evaluate(problem, plan).values())
    solution = solve(problem, time_limit=0.001, workers=1, hint=plan, seed=1)
    assert solution.status in (Status.OPTIMAL, Status.FEASIBLE)
    assert check(problem, solution.placements) == []
    assert solution.objective <= planned
