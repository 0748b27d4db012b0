"""Planning-engine benchmark: expand a city-wide year of offers and find double bookings.

Run from the project root with `.venv/bin/python bench/plan_expand.py`. Pure Python: no
database and no Django setup (the engine's messages are lazy and never rendered here).
Deterministic input (random.Random(42)): 50 Treffs with 5 rooms each, 200 people, 2,500
series of every kind, expanded over 2027 with Sachsen-Anhalt's holidays skipped. Prints a
Markdown table for docs/benchmarks.md.
"""

import platform
import random
import resource
import sys
import time as clock
import tracemalloc
from datetime import date, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from treff.offers.engine import (  # noqa: E402
    Change,
    Kind,
    Recurrence,
    SeriesSpec,
    conflicts_between,
    dates,
    expand,
    find_conflicts,
    public_holidays,
    validate,
)

TZ = ZoneInfo("Europe/Berlin")
WINDOW_START, WINDOW_END = date(2027, 1, 1), date(2027, 12, 31)
TREFFS, ROOMS_PER_TREFF, PEOPLE, SERIES = 50, 5, 200, 2500
PEOPLE_PER_TREFF = PEOPLE // TREFFS


def random_day(rng, first, last):
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def make_recurrence(rng):
    # Most series run through the whole year, as the Treffs' regular programme does.
    starts_on = random_day(rng, date(2026, 9, 1), date(2026, 12, 31))
    ends_on = random_day(rng, date(2027, 12, 31), date(2028, 8, 31))
    kind = rng.choices(
        ["weekly", "fortnightly", "monthly_nth", "monthly_day", "once"],
        weights=[45, 20, 15, 10, 10],
    )[0]
    if kind == "weekly":
        days = tuple(sorted(rng.sample(range(6), rng.randint(1, 3))))
        return Recurrence(Kind.WEEKLY, starts_on, ends_on, weekdays=days)
    if kind == "fortnightly":
        return Recurrence(Kind.WEEKLY, starts_on, ends_on, interval=2, weekdays=(rng.randrange(6),))
    if kind == "monthly_nth":
        nth = rng.choice([1, 2, 3, 4, -1])
        return Recurrence(
            Kind.MONTHLY_NTH, starts_on, ends_on, weekdays=(rng.randrange(6),), nth=nth
        )
    if kind == "monthly_day":
        return Recurrence(Kind.MONTHLY_DAY, starts_on, ends_on, month_day=rng.randint(1, 28))
    day = random_day(rng, WINDOW_START, WINDOW_END)
    return Recurrence(Kind.ONCE, day, day)


def make_people(rng, treff):
    # Mostly the Treff's own staff; one pick in five is a visiting counsellor from anywhere.
    chosen = set()
    for _ in range(rng.randint(0, 2)):
        if rng.random() < 0.8:
            chosen.add(treff * PEOPLE_PER_TREFF + rng.randrange(PEOPLE_PER_TREFF))
        else:
            chosen.add(rng.randrange(PEOPLE))
    return frozenset(chosen)


def make_plan():
    rng = random.Random(42)  # noqa: S311 - reproducible test data, not security
    plan = []
    for series_id in range(SERIES):
        treff = series_id % TREFFS
        rec = make_recurrence(rng)
        duration = rng.choice(range(60, 181, 30))  # minutes
        start_minutes = rng.choice(range(8 * 60, 20 * 60 - duration + 1, 30))
        end_minutes = start_minutes + duration
        room = None if rng.random() < 0.05 else treff * ROOMS_PER_TREFF + rng.randrange(5)
        spec = SeriesSpec(
            series_id=series_id,
            recurrence=rec,
            start_time=time(start_minutes // 60, start_minutes % 60),
            end_time=time(end_minutes // 60, end_minutes % 60),
            room_id=room,
            person_ids=make_people(rng, treff),
            treff_id=treff,
            label=f"Angebot {series_id}",
        )
        changes = {}
        rule_dates = dates(rec, window_start=WINDOW_START, window_end=WINDOW_END)
        if len(rule_dates) > 2 and rng.random() < 0.1:
            # One cancellation and one move in every tenth series.
            cancelled, moved = rng.sample(rule_dates, 2)
            changes[cancelled] = Change(cancelled, cancelled=True)
            changes[moved] = Change(moved, new_date=moved + timedelta(days=1))
        plan.append((spec, changes))
    return plan


def expand_all(plan, holidays):
    occurrences = []
    for spec, changes in plan:
        occurrences.extend(
            expand(
                spec,
                tz=TZ,
                window_start=WINDOW_START,
                window_end=WINDOW_END,
                changes=changes,
                holidays=holidays,
            )
        )
    return occurrences


def timed(fn, *args):
    start = clock.perf_counter()
    result = fn(*args)
    return result, clock.perf_counter() - start


def main():
    plan, generate_s = timed(make_plan)
    if any(validate(spec.recurrence) for spec, _changes in plan):
        raise SystemExit("the generator produced an invalid recurrence")
    holidays = public_holidays([2027], state="ST")

    occurrences, expand_s = timed(expand_all, plan, holidays)
    conflicts, conflicts_s = timed(find_conflicts, occurrences)
    occurrence_count, conflict_count = len(occurrences), len(conflicts)
    room_conflicts = sum(1 for conflict in conflicts if conflict.kind == "room")

    # The interactive case: one new weekly series checked against the whole year's plan.
    new_spec = SeriesSpec(
        series_id=SERIES,
        recurrence=Recurrence(Kind.WEEKLY, WINDOW_START, WINDOW_END, weekdays=(1, 3)),
        start_time=time(10),
        end_time=time(12),
        room_id=0,
        person_ids=frozenset({0}),
    )
    new = expand(
        new_spec, tz=TZ, window_start=WINDOW_START, window_end=WINDOW_END, holidays=holidays
    )
    between, between_s = timed(conflicts_between, new, occurrences)

    # Memory in a second run, because tracemalloc slows everything it watches.
    del occurrences, conflicts
    tracemalloc.start()
    find_conflicts(expand_all(plan, holidays))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    max_rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux

    rows = [
        ("Treffs / rooms / people", f"{TREFFS} / {TREFFS * ROOMS_PER_TREFF} / {PEOPLE}"),
        ("Series", f"{SERIES:,}"),
        ("Window", f"{WINDOW_START} .. {WINDOW_END}, Sachsen-Anhalt holidays skipped"),
        ("Occurrences", f"{occurrence_count:,}"),
        ("Generate series (input, not engine)", f"{generate_s * 1000:,.0f} ms"),
        ("Expansion", f"{expand_s * 1000:,.0f} ms"),
        ("Conflict check (find_conflicts)", f"{conflicts_s * 1000:,.0f} ms"),
        ("Total (expansion + conflict check)", f"{(expand_s + conflicts_s) * 1000:,.0f} ms"),
        (
            "Conflicts (room / person)",
            f"{conflict_count:,} ({room_conflicts:,} / {conflict_count - room_conflicts:,})",
        ),
        (
            f"conflicts_between: 1 new series ({len(new)} dates) vs the year",
            f"{between_s * 1000:,.0f} ms, {len(between)} conflicts",
        ),
        ("Peak traced memory (tracemalloc, expansion + check)", f"{peak / 2**20:,.1f} MiB"),
        ("Peak RSS (ru_maxrss, whole process)", f"{max_rss_kib / 1024:,.1f} MiB"),
    ]
    print(f"Python {platform.python_version()} on {platform.machine()} ({platform.system()})\n")
    print("| Measure | Value |")
    print("|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
