"""Occupancy planner benchmark: a city-scale instance, 30 Treffs, 200 rooms, 1,000 demands.

    .venv/bin/python bench/planner_city.py [--time-limit 60] [--workers 2] [--seed 42]

A deterministic generated city (random.Random(seed)): every Treff has the room kinds of the
Fachkonzept in its own sizes, a coordinator with compact days, the Mittagstisch as fixed
bookings, and about 33 demands drawn from the demo Treffs' offers with varied lengths,
cycles (weekly, fortnightly, every four weeks), windows and audience groups. Visiting
counsellors (debt, addiction, job centre, tenants' office) each serve several Treffs, so the
Treffs are not independent: a counsellor cannot be in two Treffs at once. Prints a Markdown
table for docs/benchmarks.md: best objective, bound and gap after the time limit.
"""

import argparse
import os
import platform
import random
import sys
from collections import Counter
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
    Weights,
    Window,
    check,
    solve,
)

TREFFS, ROOMS, REQUESTS = 30, 200, 1000
WEEKDAYS = (0, 1, 2, 3, 4)
GRID = Grid(days=WEEKDAYS, start=time(8), end=time(18), slot_minutes=30)
GROUPS = ("Ältere", "Familien", "Jugendliche", "Menschen mit wenig Geld", "Zugewanderte")
# Every Treff has these; 200 rooms over 30 Treffs leaves 20 Treffs with one extra room.
BASE_ROOMS = (
    ("Büro Koordination", "office", 3),
    ("Beratungsraum Koordination", "coord_counselling", 4),
    ("Beratungsraum Gastberatung", "visit_counselling", 4),
    ("Küche", "kitchen", 6),
    ("Gruppenraum", "group", 12),
    ("Begegnungsraum", "open_area", 24),
)
EXTRA_ROOMS = (
    ("Kleiner Gruppenraum", "group", 8),
    ("Garten", "outdoor", 16),
    ("Zweiter Beratungsraum", "visit_counselling", 4),
)
# (name, kinds, minutes, sessions, every_weeks, attendees, window, visiting service)
OFFERS = (
    ("Allgemeine Sozialberatung", {"coord_counselling"}, 120, 3, 1, 2, "core", None),
    ("Schuldnerberatung", {"visit_counselling"}, 120, 1, 2, 2, "day", "schulden"),
    ("Suchtberatung", {"visit_counselling"}, 120, 1, 4, 2, "afternoon", "sucht"),
    ("Sprechstunde des Jobcenters", {"visit_counselling"}, 180, 1, 1, 2, "morning", "job"),
    ("Mietersprechstunde", {"visit_counselling"}, 120, 1, 4, 2, "afternoon", "miete"),
    ("Seniorencafé", {"group", "open_area"}, 120, 1, 1, 12, "afternoon", None),
    ("Digitale Sprechstunde", {"group", "open_area"}, 120, 1, 1, 6, "day", None),
    ("Kleiderkammer", {"group", "open_area"}, 150, 2, 1, 8, "afternoon", None),
    ("Büchertauschbörse", {"open_area"}, 120, 1, 4, 10, "day", None),
    ("Infoabend", {"group", "open_area"}, 90, 1, 4, 12, "evening", None),
    ("Teamsitzung", {"group", "open_area"}, 60, 1, 4, 8, "evening", None),
    ("Sitzgymnastik", {"group", "open_area"}, 60, 1, 1, 10, "morning", None),
    ("Familiencafé", {"open_area", "outdoor"}, 120, 1, 1, 15, "afternoon", None),
    ("Hausaufgabenhilfe", {"group", "open_area"}, 90, 2, 1, 6, "afternoon", None),
    ("Sprachcafé", {"group", "open_area"}, 90, 1, 1, 10, "day", None),
    ("Kochkurs", {"kitchen"}, 150, 1, 2, 6, "afternoon", None),
    ("Spielenachmittag", {"group", "open_area", "outdoor"}, 120, 1, 1, 12, "afternoon", None),
    ("Nachbarschaftshilfe", {"coord_counselling", "office"}, 60, 1, 1, 2, "core", None),
)
WINDOWS = {
    "core": (9, 17),
    "day": (8, 18),
    "morning": (8, 13),
    "afternoon": (13, 18),
    "evening": (15, 18),
}


def build(seed: int) -> Problem:
    rng = random.Random(seed)  # noqa: S311 -- a reproducible instance, not cryptography
    rooms: list[Room] = []
    demands: list[Demand] = []
    fixed: list[FixedBooking] = []
    coordinators = set()
    extra = [1] * (ROOMS - TREFFS * len(BASE_ROOMS)) + [0] * (
        TREFFS * (len(BASE_ROOMS) + 1) - ROOMS
    )
    rng.shuffle(extra)
    per_treff = [REQUESTS // TREFFS + (1 if t < REQUESTS % TREFFS else 0) for t in range(TREFFS)]
    # Each visiting service has a few counsellors, each serving three to eight Treffs.
    counsellors = {
        service: [f"{service}-{n}" for n in range(count)]
        for service, count in (("schulden", 8), ("sucht", 4), ("job", 10), ("miete", 4))
    }
    for t in range(TREFFS):
        prefix = f"t{t:02d}"
        own_rooms = list(BASE_ROOMS) + ([rng.choice(EXTRA_ROOMS)] if extra[t] else [])
        ids = []
        for number, (name, kind, capacity) in enumerate(own_rooms):
            size = max(1, round(capacity * rng.uniform(0.8, 1.4)))
            ids.append(f"{prefix}:r{number}")
            rooms.append(Room(ids[-1], f"{name} ({prefix})", kind=kind, capacity=size))
        coordinator = f"{prefix}:koordination"
        coordinators.add(coordinator)
        lunch_days = rng.sample(WEEKDAYS, k=rng.choice((2, 3)))
        kitchen = next(
            i for i, (_n, kind, _c) in zip(ids, own_rooms, strict=True) if kind == "kitchen"
        )
        hall = next(
            i for i, (_n, kind, _c) in zip(ids, own_rooms, strict=True) if kind == "open_area"
        )
        for day in sorted(lunch_days):
            fixed.append(
                FixedBooking(
                    f"{prefix}:lunch{day}",
                    "Mittagstisch",
                    day,
                    time(11),
                    time(13),
                    rooms=(kitchen, hall),
                    groups=(f"{prefix}:{GROUPS[3]}",),
                )
            )
        # The Treff's programme: the core offers first, then a random mix
        # (each other offer about twice, so no room kind is asked for far beyond its hours).
        mix = list(OFFERS[5:]) * 3
        rng.shuffle(mix)
        chosen = list(OFFERS[:5]) + mix[: per_treff[t] - 5]
        for number, (name, kinds, minutes, sessions, every, attendees, span, service) in enumerate(
            chosen
        ):
            start, end = WINDOWS[span]
            # Visiting counsellors offer at least three days a week.
            days = sorted(rng.sample(WEEKDAYS, k=rng.randint(3 if service else 2, 5)))
            if sessions > len(days):
                days = list(WEEKDAYS)
            persons = []
            if service is not None:
                team = counsellors[service]
                persons.append(team[t % len(team)])  # each serves every n-th Treff
            elif name in ("Allgemeine Sozialberatung", "Nachbarschaftshilfe", "Teamsitzung"):
                persons.append(coordinator)
            elif rng.random() < 0.4:
                persons.append(f"{prefix}:ehrenamt{rng.randrange(3)}")
            demands.append(
                Demand(
                    id=f"{prefix}:q{number}",
                    name=f"{name} ({prefix})",
                    sessions=sessions,
                    minutes=minutes,
                    every_weeks=every,
                    windows=tuple(Window(day, time(start), time(end)) for day in days),
                    preferred=(
                        tuple(Window(day, time(start), time(min(end, start + 3))) for day in days)
                        if rng.random() < 0.3
                        else ()
                    ),
                    rooms=frozenset(ids),
                    room_kinds=frozenset(kinds),
                    # Never more than the Treff's largest room of a fitting kind holds.
                    attendees=min(
                        max(1, round(attendees * rng.uniform(0.7, 1.2))),
                        max(room.capacity for room in rooms[-len(ids) :] if room.kind in kinds),
                    ),
                    persons=tuple(persons),
                    groups=(f"{prefix}:{rng.choice(GROUPS)}",) if attendees > 4 else (),
                    min_days=sessions if sessions > 1 else 0,
                )
            )
    return Problem(
        grid=GRID,
        rooms=tuple(rooms),
        demands=tuple(demands),
        fixed=tuple(fixed),
        weights=Weights(),
        compact_persons=frozenset(coordinators),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    problem = build(args.seed)
    trace = []
    solution = solve(
        problem,
        time_limit=args.time_limit,
        workers=args.workers,
        seed=0,
        progress=lambda elapsed, objective, bound: trace.append((elapsed, objective)),
        explain=False,
    )
    sessions = sum(r.sessions for r in problem.demands)
    cycles = Counter(r.every_weeks for r in problem.demands)
    violations = check(problem, solution.placements) if solution.placements else ["no plan"]
    print(
        f"City instance (seed {args.seed}): {TREFFS} Treffs, {len(problem.rooms)} rooms, "
        f"{len(problem.demands)} demands ({sessions} sessions per cycle; weekly "
        f"{cycles[1]}, fortnightly {cycles[2]}, every four weeks {cycles[4]}), "
        f"{len(problem.fixed)} fixed bookings; {args.time_limit:g} s, {args.workers} workers; "
        f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs."
    )
    print()
    print(
        "| status | objective | bound | gap | first plan (s) | best found at (s) "
        "| hard violations |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    gap = "—" if solution.gap is None else f"{100 * solution.gap:.1f} %"
    bound = "—" if solution.bound is None else f"{solution.bound:.0f}"
    print(
        f"| {solution.status} | {solution.objective} | {bound} | {gap} "
        f"| {solution.time_to_first or 0:.1f} | {solution.time_to_best or 0:.1f} "
        f"| {len(violations)} |"
    )
    print()
    print(f"Costs by rule: {dict(solution.costs)}")
    print(f"Search: { {k: v for k, v in solution.stats.items() if k != 'lns_sizes'} }")
    return 0


if __name__ == "__main__":
    sys.exit(main())
