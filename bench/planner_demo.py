"""Occupancy planner benchmark: the two demo Treffs, solved to a proven optimum.

    .venv/bin/python bench/planner_demo.py [--workers 2] [--repeat 3]

Builds the weekly planning problem of Franztreff and Rosseltreff from the demo data (rooms of
treff/demo/data.py; offers after treff/demo/plan_data.py and Fachkonzept §3/§4.5): the
Mittagstisch as a fixed booking 11–13, counselling, visiting services weekly, fortnightly and
every four weeks, leisure offers with audience groups, provider availability Mon–Fri 8–18 or
narrower. Pure engine, no database. Prints a Markdown table for docs/benchmarks.md: time to
the proven optimum (median of the repeats), objective, and the plan of each Treff.
"""

import argparse
import os
import platform
import statistics
import sys
from datetime import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from treff.planner.engine import (  # noqa: E402
    Demand,
    FixedBooking,
    Grid,
    Problem,
    Room,
    Status,
    Weights,
    Window,
    solve,
)

MON, TUE, WED, THU, FRI = range(5)
WEEKDAYS = (MON, TUE, WED, THU, FRI)
DAY_NAMES = ("Mo", "Di", "Mi", "Do", "Fr")
GRID = Grid(days=WEEKDAYS, start=time(8), end=time(18), slot_minutes=30)
ELDERLY, FAMILIES, POOR = "Ältere", "Familien", "Menschen mit wenig Geld"


def windows(days, start, end):
    return tuple(Window(day, time(start), time(end)) for day in days)


WORKDAY = windows(WEEKDAYS, 8, 18)
MORNINGS = windows(WEEKDAYS, 8, 12)
AFTERNOONS = windows(WEEKDAYS, 13, 18)

FRANZ_ROOMS = (
    ("Büro Koordination", "office", 3, {"computer", "phone", "cabinet", "wifi"}),
    ("Beratungsraum Koordination", "coord_counselling", 4, {"cabinet", "tables"}),
    ("Beratungsraum Gastberatung", "visit_counselling", 4, {"cabinet", "phone", "tables"}),
    ("Küche", "kitchen", 6, {"stove", "dishwasher"}),
    ("Lager", "storage", 2, {"shelves"}),
    ("Sanitärbereich", "sanitary", 1, set()),
    ("Gruppenraum", "group", 12, {"tables", "whiteboard", "projector"}),
    ("Begegnungsraum", "open_area", 24, {"tables", "computer", "wifi"}),
)
ROSSEL_ROOMS = (
    ("Büro Koordination", "office", 3, {"computer", "phone", "cabinet", "wifi"}),
    ("Beratungsraum Koordination", "coord_counselling", 4, {"cabinet", "tables"}),
    ("Beratungsraum Gastberatung", "visit_counselling", 4, {"cabinet", "phone", "tables"}),
    ("Küche", "kitchen", 6, {"stove", "dishwasher"}),
    ("Lager", "storage", 2, {"shelves"}),
    ("Sanitärbereich", "sanitary", 1, set()),
    ("Kleiner Gruppenraum", "group", 8, {"tables", "whiteboard"}),
    ("Großer Gruppenraum", "group", 20, {"tables", "projector", "wifi"}),
    ("Begegnungsraum", "open_area", 30, {"tables", "computer", "wifi"}),
    ("Garten mit Café-Terrasse", "outdoor", 16, {"tables"}),
)


def rooms_of(prefix, rooms):
    return tuple(
        Room(
            id=f"{prefix}:{name}",
            name=name,
            kind=kind,
            capacity=capacity,
            equipment=frozenset(equipment),
        )
        for name, kind, capacity, equipment in rooms
    )


def demand(prefix, key, name, **fields):
    fields.setdefault("windows", WORKDAY)
    for set_field in ("room_kinds", "equipment"):
        if set_field in fields:
            fields[set_field] = frozenset(fields[set_field])
    return Demand(id=f"{prefix}:{key}", name=name, **fields)


def common_demands(prefix, coordinator):
    """The offers both Treffs have (Fachkonzept §3), with the Treff's coordinator."""
    return [
        demand(
            prefix,
            "sozialberatung",
            "Allgemeine Sozialberatung",
            sessions=5,
            minutes=120,
            windows=windows(WEEKDAYS, 9, 17),  # the coordinator's presence
            preferred=windows(WEEKDAYS, 9, 12),
            room_kinds={"coord_counselling"},
            persons=(coordinator,),
            min_days=5,
            attendees=2,
        ),
        demand(
            prefix,
            "schuldnerberatung",
            "Schuldnerberatung",
            sessions=1,
            every_weeks=2,
            minutes=120,
            windows=windows((TUE, THU), 9, 15),
            room_kinds={"visit_counselling"},
            persons=(f"{prefix}:schuldnerberatung",),
            attendees=2,
        ),
        demand(
            prefix,
            "suchtberatung",
            "Suchtberatung",
            sessions=1,
            every_weeks=4,
            minutes=120,
            windows=windows((TUE, WED, THU), 13, 17),
            room_kinds={"visit_counselling"},
            persons=("suchtberatung",),  # one counsellor for the whole city
            attendees=2,
        ),
        demand(
            prefix,
            "jobcenter",
            "Sprechstunde des Jobcenters",
            sessions=1,
            minutes=180,
            windows=windows((MON, TUE, WED), 8, 13),
            room_kinds={"visit_counselling"},
            persons=("jobcenter",),
            attendees=2,
        ),
        demand(
            prefix,
            "seniorencafe",
            "Seniorencafé",
            sessions=1,
            minutes=120,
            preferred=windows(WEEKDAYS, 14, 17),
            room_kinds={"group", "open_area"},
            persons=(coordinator,),
            groups=(ELDERLY,),
            attendees=12,
        ),
        demand(
            prefix,
            "digital",
            "Digitale Sprechstunde für Ältere",
            sessions=1,
            minutes=120,
            room_kinds={"group", "open_area"},
            equipment={"wifi"},
            groups=(ELDERLY,),
            attendees=6,
        ),
        demand(
            prefix,
            "kleiderkammer",
            "Kleiderkammer",
            sessions=2,
            minutes=150,
            windows=AFTERNOONS,
            room_kinds={"group"},
            persons=(f"{prefix}:ehrenamt",),
            groups=(POOR,),
            min_days=2,
            attendees=8,
        ),
        demand(
            prefix,
            "buechertausch",
            "Büchertauschbörse",
            sessions=1,
            every_weeks=4,
            minutes=120,
            room_kinds={"open_area"},
            attendees=10,
        ),
        demand(
            prefix,
            "dvv",
            "Energiesparen im Alltag – Infoabend der DVV",
            sessions=1,
            every_weeks=4,
            minutes=90,
            windows=windows(WEEKDAYS, 15, 18),
            room_kinds={"group", "open_area"},
            equipment={"projector"},
            attendees=12,
        ),
        demand(
            prefix,
            "teamsitzung",
            "Teamsitzung mit den Ehrenamtlichen",
            sessions=1,
            every_weeks=4,
            minutes=60,
            windows=windows(WEEKDAYS, 14, 18),
            room_kinds={"group"},
            persons=(coordinator, f"{prefix}:ehrenamt"),
            attendees=8,
        ),
        demand(
            prefix,
            "gymnastik",
            "Sitzgymnastik",
            sessions=1,
            minutes=60,
            preferred=MORNINGS,
            room_kinds={"group", "open_area"},
            barrier_free=True,
            groups=(ELDERLY,),
            attendees=10,
        ),
        demand(
            prefix,
            "familiencafe",
            "Familiencafé",
            sessions=1,
            minutes=120,
            windows=windows(WEEKDAYS, 14, 18),
            room_kinds={"open_area", "outdoor"},
            groups=(FAMILIES,),
            attendees=15,
        ),
        demand(
            prefix,
            "hausaufgaben",
            "Hausaufgabenhilfe",
            sessions=2,
            minutes=90,
            windows=windows((MON, TUE, WED, THU), 13, 17),
            room_kinds={"group"},
            groups=(FAMILIES,),
            min_days=2,
            attendees=6,
        ),
        demand(
            prefix,
            "nachbarschaft",
            "Sprechstunde Nachbarschaftshilfe",
            sessions=1,
            minutes=60,
            room_kinds={"coord_counselling", "office"},
            persons=(coordinator,),
            attendees=2,
        ),
    ]


def franztreff() -> Problem:
    prefix, coordinator = "franz", "franz:koordination"
    demands = common_demands(prefix, coordinator)
    demands.append(
        demand(
            prefix,
            "mietersprechstunde",
            "Mietersprechstunde der DWG",
            sessions=1,
            every_weeks=4,
            minutes=120,
            windows=windows((MON, TUE), 13, 17),
            room_kinds={"visit_counselling"},
            persons=("dwg",),
            attendees=2,
        )
    )
    fixed = tuple(
        FixedBooking(
            id=f"{prefix}:mittagstisch:{day}",
            name="Mittagstisch",
            day=day,
            start=time(11),
            end=time(13),
            rooms=(f"{prefix}:Küche", f"{prefix}:Begegnungsraum"),
            groups=(POOR,),
        )
        for day in (MON, WED, FRI)
    )
    return Problem(
        grid=GRID,
        rooms=rooms_of(prefix, FRANZ_ROOMS),
        demands=tuple(demands),
        fixed=fixed,
        weights=Weights(),
        compact_persons=frozenset({coordinator}),
    )


def rosseltreff() -> Problem:
    prefix, coordinator = "rossel", "rossel:koordination"
    demands = common_demands(prefix, coordinator)
    demands += [
        demand(
            prefix,
            "gartencafe",
            "Gartencafé",
            sessions=1,
            minutes=120,
            windows=windows(WEEKDAYS, 14, 18),
            room_kinds={"outdoor"},
            groups=(ELDERLY, FAMILIES),
            attendees=14,
        ),
        demand(
            prefix,
            "spielenachmittag",
            "Spielenachmittag",
            sessions=1,
            minutes=120,
            windows=AFTERNOONS,
            room_kinds={"group", "open_area"},
            groups=(ELDERLY,),
            attendees=16,
        ),
        demand(
            prefix,
            "kreativ",
            "Kreativwerkstatt",
            sessions=1,
            every_weeks=2,
            minutes=120,
            room_kinds={"group"},
            equipment={"tables"},
            groups=(FAMILIES,),
            attendees=8,
        ),
        demand(
            prefix,
            "chor",
            "Nachbarschaftschor",
            sessions=1,
            minutes=90,
            windows=windows(WEEKDAYS, 16, 18),
            room_kinds={"group", "open_area"},
            attendees=18,
        ),
    ]
    fixed = tuple(
        FixedBooking(
            id=f"{prefix}:mittagstisch:{day}",
            name="Mittagstisch",
            day=day,
            start=time(11),
            end=time(13),
            rooms=(f"{prefix}:Küche", f"{prefix}:Begegnungsraum"),
            groups=(POOR,),
        )
        for day in (TUE, THU)
    )
    return Problem(
        grid=GRID,
        rooms=rooms_of(prefix, ROSSEL_ROOMS),
        demands=tuple(demands),
        fixed=fixed,
        weights=Weights(),
        compact_persons=frozenset({coordinator}),
    )


def plan_table(problem: Problem, solution) -> list[str]:
    names = {r.id: r.name for r in problem.demands}
    rooms = {r.id: r.name for r in problem.rooms}
    every = {r.id: r.every_weeks for r in problem.demands}
    lines = []
    for p in sorted(solution.placements, key=lambda p: (p.day, p.start, p.demand)):
        cycle = {1: "", 2: f" (Woche {p.week + 1}/2)", 4: f" (Woche {p.week + 1}/4)"}
        lines.append(
            f"| {DAY_NAMES[p.day]} {p.start:%H:%M}–{p.end:%H:%M} | {names[p.demand]}"
            f"{cycle[every[p.demand]]} | {rooms[p.room]} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--plans", action="store_true", help="also print both plans")
    args = parser.parse_args(argv)

    print(
        f"Demo Treffs, CP-SAT with {args.workers} workers, median of {args.repeat} runs; "
        f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs."
    )
    print()
    print(
        "| Treff | rooms | demands | fixed | status | objective | time to optimum (s) "
        "| first plan (s) |"
    )
    print("|---|---:|---:|---:|---|---:|---:|---:|")
    plans = []
    for name, build in (("Franztreff", franztreff), ("Rosseltreff", rosseltreff)):
        problem = build()
        runs = [
            solve(problem, time_limit=args.time_limit, workers=args.workers, seed=run)
            for run in range(args.repeat)
        ]
        best = runs[0]
        optimal = all(run.status == Status.OPTIMAL for run in runs)
        wall = statistics.median(run.wall_time for run in runs)
        first = statistics.median(run.time_to_first or 0 for run in runs)
        print(
            f"| {name} | {len(problem.rooms)} | {len(problem.demands)} | {len(problem.fixed)} "
            f"| {'optimal' if optimal else best.status} | {best.objective} | {wall:.2f} "
            f"| {first:.2f} |"
        )
        plans.append((name, problem, best))
    if args.plans:
        for name, problem, solution in plans:
            print()
            print(f"{name}: costs {dict(solution.costs)}")
            print()
            print("| when | offer | room |")
            print("|---|---|---|")
            print("\n".join(plan_table(problem, solution)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
