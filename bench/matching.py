"""Volunteer-matching benchmark: ranked candidates, the optimal assignment, a greedy baseline.

Run from the project root with `.venv/bin/python bench/matching.py`. Pure engine, no database
and no Django setup (the engine's messages are lazy and never rendered here). Deterministic
input (random.Random(7)) spread over the districts of Dessau-Roßlau:

1. 10,000 volunteers; `candidates()` for one request at a time (median over many requests),
   against a prepared pool and from a plain list (which prepares the pool each time);
2. 5,000 open requests and 2,000 volunteers; `assign_all()` (min-cost flow over every
   candidate pair), the same on the graph thinned to each request's 30 cheapest candidates
   (`per_request=30`, what `assign_all()` did before issue 10) and `assign_greedy()`;
3. waves, where many requests share the same cheapest volunteers: 200 shopping requests from
   Zoberberg and 120 city-wide drivers (capacity 1, free all week), and the city of 2. with
   a wave of 1,000 shopping requests from Zoberberg and 300 such drivers on top; "possible"
   is the most requests that can be helped at once (a maximum flow on every pair);
4. peak memory.

Prints a Markdown table for docs/benchmarks.md.
"""

import csv
import platform
import random
import resource
import statistics
import sys
import time as clock
import tracemalloc
from datetime import date, datetime, time, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from treff.core.geo import District  # noqa: E402
from treff.volunteers.engine import (  # noqa: E402
    KIND_LABELS,
    Availability,
    Config,
    HelpRequest,
    Point,
    Volunteer,
    assign_all,
    assign_greedy,
    candidates,
    prepare,
)
from treff.volunteers.engine.assignment import _graph  # noqa: E402


def _demo_districts() -> dict[str, District]:
    """The demo city's districts (treff/demo/data), read plainly: the engine alone."""
    path = ROOT / "treff" / "demo" / "data" / "districts-dessau-rosslau.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter=";"))[1:]
    return {
        key: District(key, name, float(lat.replace(",", ".")), float(lon.replace(",", ".")))
        for key, name, lat, lon, _aliases in rows
    }


DISTRICTS = _demo_districts()
TODAY = date(2027, 3, 1)  # a Monday
PER_REQUEST = 30
KINDS = list(KIND_LABELS)
# Shopping, walks and company are asked for most, the Treff services least.
KIND_WEIGHTS = [20, 8, 12, 14, 8, 16, 6, 6, 10]
LANGUAGES = ["uk", "ru", "ar", "en", "tr", "fa"]
# Rough weights for where people live: the big estates and the inner city most.
DISTRICT_WEIGHTS = {
    "nord": 6,
    "mitte": 8,
    "sued_innenstadt": 6,
    "zoberberg": 7,
    "rosslau": 7,
    "ziebigk": 5,
    "west": 5,
    "sued": 5,
    "alten": 4,
    "siedlung": 3,
    "toerten": 3,
    "kochstedt": 3,
}


def place(rng, share_with_address):
    keys = list(DISTRICTS)
    key = rng.choices(keys, weights=[DISTRICT_WEIGHTS.get(k, 1) for k in keys])[0]
    centre = DISTRICTS[key]
    if rng.random() < share_with_address:
        # An address within roughly 700 m of the district centre.
        return Point(
            centre.lat + rng.uniform(-0.0065, 0.0065), centre.lon + rng.uniform(-0.01, 0.01)
        )
    return centre


def weekly_windows(rng, count):
    windows = []
    for day in rng.sample(range(7), count):
        start = rng.randrange(8 * 4, 17 * 4)  # quarter hours from 08:00
        length = rng.randrange(4, 21)  # 1 to 5 hours
        end = min(start + length, 21 * 4)
        windows.append(
            Availability(day, time(start // 4, start % 4 * 15), time(end // 4, end % 4 * 15))
        )
    return tuple(windows)


def make_volunteer(rng, vid):
    max_open = rng.choice([1, 1, 2, 2, 2, 3])
    languages = {"de"} if rng.random() < 0.95 else set()
    if rng.random() < 0.2:
        languages.add(rng.choice(LANGUAGES))
    has_clearance = rng.random() < 0.6
    return Volunteer(
        id=vid,
        kinds=frozenset(rng.choices(KINDS, weights=KIND_WEIGHTS, k=rng.randint(1, 4))),
        location=place(rng, 0.4),
        availability=weekly_windows(rng, rng.randint(1, 4)),
        languages=frozenset(languages),
        mobility=frozenset(
            rng.choices(
                ["foot", "bike", "public", "car"], weights=[35, 30, 20, 15], k=rng.randint(1, 2)
            )
        ),
        max_km=rng.choice([3, 5, 10, 20]) if rng.random() < 0.1 else None,
        active=rng.random() < 0.9,
        clearance_until=TODAY + timedelta(days=rng.randint(-365, 4 * 365))
        if has_clearance
        else None,
        gender=rng.choices(["female", "male", None], weights=[60, 35, 5])[0],
        recent_assignments=min(int(rng.expovariate(0.5)), 12),
        open_assignments=rng.randint(0, max_open - 1) if rng.random() < 0.3 else 0,
        max_open=max_open,
    )


def make_request(rng, rid):
    kind = rng.choices(KINDS, weights=KIND_WEIGHTS)[0]
    if rng.random() < 0.4:  # a single appointment in the next two weeks
        on = TODAY + timedelta(days=rng.randint(1, 14))
        start = rng.randrange(8 * 4, 17 * 4)
        end = start + rng.randrange(4, 13)
        windows = (
            Availability(
                on.weekday(), time(start // 4, start % 4 * 15), time(end // 4, end % 4 * 15)
            ),
        )
        minutes = None
    else:  # a weekly arrangement, flexible within its windows
        on = None
        windows = weekly_windows(rng, rng.randint(1, 3))
        shortest = min(
            (w.end.hour * 60 + w.end.minute) - (w.start.hour * 60 + w.start.minute) for w in windows
        )
        minutes = min(rng.choice([60, 90, 120]), shortest)
    languages = {"de"} if rng.random() < 0.85 else {rng.choice(LANGUAGES)}
    return HelpRequest(
        id=rid,
        kind=kind,
        windows=windows,
        location=place(rng, 0.5)
        if kind not in ("lunch", "clothing", "digital")
        else place(rng, 0.0),
        minutes=minutes,
        on=on,
        languages=frozenset(languages),
        consent=rng.random() < 0.95,
        prefers_gender="female" if rng.random() < 0.15 else None,
        urgency=rng.choices([1, 2, 3], weights=[25, 55, 20])[0],
        created=datetime(2027, 2, 1) + timedelta(minutes=rng.randrange(28 * 24 * 60)),
    )


ALL_WEEK = tuple(Availability(day, time(0), time(23, 45)) for day in range(7))


def make_driver(rng, vid):
    """A city-wide driver for shopping: anywhere in the city, one request, free all week."""
    return Volunteer(
        id=vid,
        kinds=frozenset({"shopping"}),
        location=place(rng, 0.4),
        availability=ALL_WEEK,
        languages=frozenset({"de"}),
        mobility=frozenset({"car"}),
        recent_assignments=min(int(rng.expovariate(0.5)), 12),
        max_open=1,
    )


def make_wave_request(rng, rid, key="zoberberg"):
    """A shopping request from one district (an address within about 700 m of its centre)."""
    centre = DISTRICTS[key]
    day = rng.randrange(5)
    start = rng.randrange(9 * 4, 15 * 4)
    return HelpRequest(
        id=rid,
        kind="shopping",
        windows=(Availability(day, time(start // 4, start % 4 * 15), time(start // 4 + 2)),),
        location=Point(
            centre.lat + rng.uniform(-0.0065, 0.0065), centre.lon + rng.uniform(-0.01, 0.01)
        ),
        minutes=60,
        languages=frozenset({"de"}),
        consent=True,
        urgency=rng.choices([1, 2, 3], weights=[25, 55, 20])[0],
        created=datetime(2027, 2, 1) + timedelta(minutes=rng.randrange(28 * 24 * 60)),
    )


def possible(graph):
    """The most requests that can be helped at once: a maximum flow on every pair."""
    from ortools.graph.python import max_flow

    flow = max_flow.SimpleMaxFlow()
    n = len(graph.requests)
    node = {}
    source, sink = n, n + 1
    for r, edges in enumerate(graph.edges):
        flow.add_arc_with_capacity(source, r, 1)
        for _cost, index, _km in edges:
            if index not in node:
                node[index] = n + 2 + len(node)
                flow.add_arc_with_capacity(node[index], sink, graph.pool.volunteers[index].capacity)
            flow.add_arc_with_capacity(r, node[index], 1)
    if not node or flow.solve(source, sink) != flow.OPTIMAL:
        return 0
    return flow.optimal_flow()


def assignments(requests, pool, config):
    """Times and results of the optimum, the former thinned optimum and greedy; possible."""
    graph_s, graph = timed(_graph, requests, pool, TODAY, config, None)
    figures = {
        "graph_s": graph_s,
        "edges": sum(len(e) for e in graph.edges),
        "possible": possible(graph),
    }
    figures["optimal_s"], figures["optimal"] = timed(
        assign_all, requests, pool, today=TODAY, config=config
    )
    figures["former_s"], figures["former"] = timed(
        assign_all, requests, pool, today=TODAY, config=config, per_request=PER_REQUEST
    )
    figures["greedy_s"], figures["greedy"] = timed(
        assign_greedy, requests, pool, today=TODAY, config=config
    )
    return graph, figures


def wave_rows(title, figures):
    optimal, former, greedy = figures["optimal"], figures["former"], figures["greedy"]
    return [
        (f"**{title}**", ""),
        ("Candidate pairs", f"{figures['edges']:,}"),
        (
            "Assigned: optimal / former (30 cheapest) / greedy / possible",
            f"{len(optimal.matches):,} / {len(former.matches):,} / {len(greedy.matches):,}"
            f" / {figures['possible']:,}",
        ),
        (
            "Urgency-weighted requests left without help: optimal / former / greedy",
            f"{optimal.unhelped:,} / {former.unhelped:,} / {greedy.unhelped:,}",
        ),
        (
            "Total cost: optimal / former / greedy",
            f"{optimal.total_cost:,} / {former.total_cost:,} / {greedy.total_cost:,}",
        ),
        (
            "`assign_all()`: every pair / former (30 cheapest); `assign_greedy()`",
            f"{figures['optimal_s']:,.2f} s / {figures['former_s']:,.2f} s;"
            f" {figures['greedy_s']:,.2f} s",
        ),
    ]


def timed(fn, *args, **kwargs):
    start = clock.perf_counter()
    result = fn(*args, **kwargs)
    return clock.perf_counter() - start, result


def main():
    config = Config()
    rng = random.Random(7)  # noqa: S311 - reproducible test data, not security
    city = [make_volunteer(rng, n) for n in range(10_000)]
    probes = [make_request(rng, 1_000_000 + n) for n in range(60)]
    probes = [r for r in probes if r.consent][:50]

    prepare_s, pool = timed(prepare, city, config=config)
    warm = [timed(candidates, r, pool, today=TODAY, config=config)[0] for r in probes]
    cold = [timed(candidates, r, city, today=TODAY, config=config)[0] for r in probes[:5]]
    found = [len(candidates(r, pool, today=TODAY, config=config).candidates) for r in probes]

    requests = [make_request(rng, n) for n in range(5_000)]
    helpers = [make_volunteer(rng, 20_000 + n) for n in range(2_000)]
    helpers_pool = prepare(helpers, config=config)
    graph, city_figures = assignments(requests, helpers_pool, config)
    optimal, former, greedy = (city_figures[k] for k in ("optimal", "former", "greedy"))
    thinned_edges = sum(min(len(e), PER_REQUEST) for e in graph.edges)
    capacity = sum(v.capacity for v in helpers if v.active)

    # Memory in a second run, because tracemalloc slows everything it watches.
    tracemalloc.start()
    assign_all(requests, helpers_pool, today=TODAY, config=config)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    drivers = [make_driver(rng, 30_000 + n) for n in range(120)]
    wave = [make_wave_request(rng, 100_000 + n) for n in range(200)]
    _graph_small, small_figures = assignments(wave, prepare(drivers, config=config), config)
    drivers += [make_driver(rng, 30_000 + n) for n in range(120, 300)]
    wave += [make_wave_request(rng, 100_000 + n) for n in range(200, 1_000)]
    city_pool = prepare(helpers + drivers, config=config)
    _graph_city, wave_figures = assignments(requests + wave, city_pool, config)
    max_rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux

    def mean(assignment):
        return assignment.total_cost / len(assignment.matches)

    ms = 1000
    rows = [
        ("**Ranked candidates, 10,000 volunteers**", ""),
        ("Prepare the pool (bit masks, per-kind columns)", f"{prepare_s * ms:,.0f} ms"),
        (
            "`candidates()` on the prepared pool, median / max of 50 requests",
            f"{statistics.median(warm) * ms:,.1f} / {max(warm) * ms:,.1f} ms",
        ),
        (
            "`candidates()` from a plain list (prepares each time), median of 5",
            f"{statistics.median(cold) * ms:,.0f} ms",
        ),
        ("Candidates found per request (limit 20), median", f"{statistics.median(found):.0f}"),
        ("**Assign all: 5,000 requests, 2,000 volunteers**", ""),
        (
            "Requests with consent / volunteers' free capacity (active)",
            f"{len(graph.requests):,} / {capacity:,}",
        ),
        (
            f"Candidate graph: build time, pairs (of which the {PER_REQUEST} cheapest per request)",
            f"{city_figures['graph_s']:,.2f} s, {city_figures['edges']:,} ({thinned_edges:,})",
        ),
        (
            "Requests without any candidate",
            f"{sum(1 for e in graph.edges if not e):,}",
        ),
        (
            "`assign_all()` (graph + min-cost flow + reasons): every pair / former (30 cheapest)",
            f"{city_figures['optimal_s']:,.2f} s / {city_figures['former_s']:,.2f} s",
        ),
        ("`assign_greedy()` (graph + greedy + reasons)", f"{city_figures['greedy_s']:,.2f} s"),
        (
            "Assigned: optimal / former / greedy / possible",
            f"{len(optimal.matches):,} / {len(former.matches):,} / {len(greedy.matches):,}"
            f" / {city_figures['possible']:,}",
        ),
        (
            "Urgency-weighted requests left without help: optimal / former / greedy",
            f"{optimal.unhelped:,} / {former.unhelped:,} / {greedy.unhelped:,}",
        ),
        (
            "Total cost: optimal / former / greedy",
            f"{optimal.total_cost:,} / {former.total_cost:,} / {greedy.total_cost:,}",
        ),
        (
            "Mean cost per match: optimal / former / greedy",
            f"{mean(optimal):.1f} / {mean(former):.1f} / {mean(greedy):.1f}",
        ),
        (
            "Total cost ratio greedy / optimal",
            f"{greedy.total_cost / optimal.total_cost:.3f}",
        ),
        *wave_rows(
            "Wave: 200 shopping requests from Zoberberg, 120 city-wide drivers", small_figures
        ),
        *wave_rows(
            "City-scale wave: the city above + 1,000 requests from Zoberberg, 300 drivers",
            wave_figures,
        ),
        ("**Memory**", ""),
        ("Peak traced memory (tracemalloc, `assign_all`, the city)", f"{peak / 2**20:,.1f} MiB"),
        ("Peak RSS (ru_maxrss, whole process)", f"{max_rss_kib / 1024:,.1f} MiB"),
    ]
    print(f"Python {platform.python_version()} on {platform.machine()} ({platform.system()})\n")
    print("| Measure | Value |")
    print("|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
