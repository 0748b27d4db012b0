"""Reports benchmark (issue 13 item 8): the report on a city's five years, beside DuckDB.

    .venv/bin/python bench/reports.py --scale 0.01     # a quick run (about 100,000 taps)
    .venv/bin/python bench/reports.py                  # scale 1: about 10 million taps
    .venv/bin/python bench/reports.py --reuse          # measure again on the loaded data

Generates 50 Treffs × 5 years (2022–2026) into a PostgreSQL database of its own
(`treff_bench_reports`, dropped and created here, migrated with Django's `migrate`), then
measures on it:

1. `build.build` for one Treff and one year (k = 5, city staff): time and queries;
2. the aggregation alone (each registry measure's `compute`, one period) for all 50 Treffs
   over the five years, and the full `build.build` (three periods and the suppression) with
   the time spent in the suppression engine (`publish`) on its own;
3. the same aggregations in DuckDB over the same rows exported to Parquet, the reference;
4. the query count of `build.build` for 5 and for 50 Treffs (it must not grow).

At scale 1 per Treff and weekday (Monday to Friday, no holidays): the open drop-in hours and
two offers, each a tally with on average 51 taps (a Treff-specific factor 0.5–1.5), so about
196,000 tallies and 10 million tally events; 4 counselling contacts with 1–3 topics; a help
request on two days a week; lunch on Monday, Wednesday and Friday; 100 help seekers and 30
volunteers per Treff. `--scale` multiplies the taps, contacts, help requests, seekers and
volunteers (not the Treffs, days, tallies or lunch days, so every table keeps its shape).
Seeded (`--seed`); the tally events' keys come from PostgreSQL's gen_random_uuid() and are
the only part that differs between runs (no figure reads them).

Bulk load with COPY (psycopg) and one INSERT … SELECT over generate_series for the events,
with the foreign-key triggers off for the load (`session_replication_role = replica`; the
generator makes the keys itself). PostgreSQL at 127.0.0.1 as `postgres` by default;
BENCH_PG_URL names another server (a database URL without the database name's path part is
not supported). Prints Markdown tables for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import signal
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--scale", type=float, default=1.0, help="1 = about 10 million taps")
parser.add_argument("--seed", type=int, default=13)
parser.add_argument("--repeat", type=int, default=3, help="timed runs per figure (median)")
parser.add_argument("--reuse", action="store_true", help="measure the loaded database again")
parser.add_argument("--skip-full", action="store_true", help="no full build over 50 × 5 years")
parser.add_argument("--budget", type=int, default=600, help="seconds before a build is stopped")
ARGS = parser.parse_args()

# First: it points Django at the benchmark's database and sets Django up.
from reports_data import (  # noqa: E402
    ALL_YEARS,
    DB_NAME,
    FIRST_YEAR,
    SERVER,
    YEARS,
    create_database,
    generate,
    loaded_scale,
)

# isort: split
import django  # noqa: E402
import duckdb  # noqa: E402
import psycopg  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from treff.reports import build  # noqa: E402
from treff.reports.engine import Audience  # noqa: E402
from treff.reports.engine.periods import Period  # noqa: E402
from treff.reports.measures import REGISTRY  # noqa: E402
from treff.treffs.models import Treff  # noqa: E402

K = 5
TMP = Path(tempfile.mkdtemp(prefix="treff-bench-reports-"))
ONE_YEAR = Period(dt.date(FIRST_YEAR + YEARS - 2, 1, 1), dt.date(FIRST_YEAR + YEARS - 2, 12, 31))
# PostgreSQL through the reports -------------------------------------------------------------


def timed(fn, repeat: int) -> tuple[float, object]:
    """Median seconds of `repeat` runs after one warm-up, and the last result."""
    result = fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def queries(fn) -> int:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured.captured_queries)


class Publishing:
    """Seconds spent in the suppression engine (build.publish), summed over a build."""

    def __init__(self):
        self.seconds = 0.0
        self.original = build.publish

    def __enter__(self):
        def publish(*args, **kwargs):
            start = time.perf_counter()
            try:
                return self.original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start

        build.publish = publish
        return self

    def __exit__(self, *exc):
        build.publish = self.original


def aggregate(treffs, period):
    """The figures only: every registry measure's compute for one period."""
    return {key: measure.compute(treffs, period) for key, measure in REGISTRY.items()}


def report(treffs, period):
    return build.build(treffs, period, k=K, audience=Audience.CITY)


def measure_build(treffs, period, repeat: int):
    """(median seconds, seconds in publish per build) of the full build for city staff;
    `repeat` 0: one run, no warm-up (a build over many Treffs takes long). A run that goes
    past --budget seconds raises Budget."""
    signal.alarm(ARGS.budget)
    try:
        with Publishing() as publishing:
            if repeat:
                seconds, _ = timed(lambda: report(treffs, period), repeat)
            else:
                start = time.perf_counter()
                report(treffs, period)
                seconds = time.perf_counter() - start
    finally:
        signal.alarm(0)
    return seconds, publishing.seconds / (repeat + 1 if repeat else 1)


def build_queries(treffs, period) -> int:
    """The queries of a build: the same for every audience, so counted for the coordinator's,
    which skips the suppression (minutes over 50 Treffs) but reads exactly the same."""
    return queries(lambda: build.build(treffs, period, k=K, audience=Audience.OWN_TREFF))


class Budget(Exception):
    pass


def _over_budget(signum, frame):
    raise Budget


signal.signal(signal.SIGALRM, _over_budget)


# DuckDB on Parquet ------------------------------------------------------------------------------

EXPORTS = {
    "tally": "SELECT id, treff_id, date, category, kind, series_id, original_date, title"
    " FROM operations_tally",
    "event": "SELECT tally_id, treff_id, delta, kind, created_at, age_group, gender, visit,"
    " language FROM operations_tallyevent",
    "occurrence": "SELECT series_id, original_date, start FROM offers_occurrence",
    "contact": "SELECT id, treff_id, date, minutes, language, client_id FROM counselling_contact",
    "topic": "SELECT contact_id, topic FROM counselling_contacttopic",
    # The local day, as the report reads created_at__date in Europe/Berlin.
    "help": "SELECT treff_id, status, (created_at AT TIME ZONE 'Europe/Berlin')::date AS"
    " created_on FROM volunteers_helprequest",
}
# The registry's measures as DuckDB SQL ($1, $2: first and last day), with the same rows.
REFERENCE = {
    "visitors": "SELECT t.treff_id, t.category, sum(e.delta) FROM event e JOIN tally t"
    " ON e.tally_id = t.id WHERE t.date BETWEEN $1 AND $2 GROUP BY ALL",
    "help": "SELECT treff_id, status, count(*) FROM help WHERE created_on BETWEEN $1 AND $2"
    " GROUP BY ALL",
    "topics": "SELECT c.treff_id, p.topic, count(*) FROM topic p JOIN contact c"
    " ON p.contact_id = c.id WHERE c.date BETWEEN $1 AND $2 GROUP BY ALL",
    "visitors_drop_in": "SELECT t.treff_id, t.category = '', sum(e.delta) FROM event e"
    " JOIN tally t ON e.tally_id = t.id WHERE t.date BETWEEN $1 AND $2 GROUP BY ALL",
    "visitors_weekday": "SELECT t.treff_id, isodow(t.date), sum(e.delta) FROM event e"
    " JOIN tally t ON e.tally_id = t.id WHERE t.date BETWEEN $1 AND $2 GROUP BY ALL",
    "visitors_offer": "SELECT t.treff_id, t.kind, t.series_id, t.title, sum(e.delta)"
    " FROM event e JOIN tally t ON e.tally_id = t.id WHERE t.date BETWEEN $1 AND $2"
    " GROUP BY ALL",
    # An offer at the hour it starts, a drop-in tap at its own if made on the day (the
    # benchmark's offers have no series, so theirs is "not known" in both).
    "visitors_hour": "SELECT t.treff_id, CASE WHEN t.kind = 'occurrence' THEN"
    " hour(CAST(o.start AS TIMESTAMPTZ) AT TIME ZONE 'Europe/Berlin') WHEN e.kind = 'tap' AND"
    " CAST(e.created_at AT TIME ZONE 'Europe/Berlin' AS date) = t.date THEN"
    " hour(e.created_at AT TIME ZONE 'Europe/Berlin') END AS h, sum(e.delta) FROM event e"
    " JOIN tally t ON e.tally_id = t.id LEFT JOIN occurrence o ON o.series_id = t.series_id"
    " AND o.original_date = t.original_date WHERE t.date BETWEEN $1 AND $2 GROUP BY ALL",
    "counselling_duration": "SELECT treff_id, CASE WHEN minutes <= 15 THEN 1 WHEN minutes"
    " <= 30 THEN 2 WHEN minutes <= 60 THEN 3 ELSE 4 END, count(*) FROM contact"
    " WHERE date BETWEEN $1 AND $2 GROUP BY ALL",
    "counselling_language": "SELECT treff_id, language, count(*) FROM contact"
    " WHERE date BETWEEN $1 AND $2 GROUP BY ALL",
    "counselling_named": "SELECT treff_id, client_id IS NOT NULL, count(*) FROM contact"
    " WHERE date BETWEEN $1 AND $2 GROUP BY ALL",
    **{
        f"visitors_{key}": f"SELECT t.treff_id, e.{column}, sum(e.delta) FROM event e"  # noqa: S608
        f" JOIN tally t ON e.tally_id = t.id WHERE t.date BETWEEN $1 AND $2"
        f" AND e.{column} <> '' GROUP BY ALL"
        for key, column in (
            ("age_group", "age_group"),
            ("gender", "gender"),
            ("first_visit", "visit"),
            ("language", "language"),
        )
    },
}


def export_parquet() -> tuple[float, duckdb.DuckDBPyConnection]:
    """Every table the reference reads, through CSV (COPY TO STDOUT) into Parquet."""
    start = time.perf_counter()
    duck = duckdb.connect()
    duck.execute("SET threads = 2")
    with psycopg.connect(f"{SERVER}/{DB_NAME}") as conn, conn.cursor() as cursor:
        for name, sql in EXPORTS.items():
            path = TMP / f"{name}.csv"
            with (
                path.open("wb") as out,
                cursor.copy(f"COPY ({sql}) TO STDOUT WITH CSV HEADER") as c,
            ):
                for block in c:
                    out.write(block)
            parquet = TMP / f"{name}.parquet"
            duck.execute(
                f"COPY (SELECT * FROM read_csv('{path}', header = true)) TO '{parquet}'"  # noqa: S608
                " (FORMAT parquet)"
            )
            path.unlink()
            duck.execute(f"CREATE VIEW {name} AS SELECT * FROM '{parquet}'")  # noqa: S608
    return time.perf_counter() - start, duck


def check_reference(duck, treffs, period) -> None:
    """The reference must find the same figures as the registry, or the race is unfair."""
    figures = aggregate(treffs, period)
    for key, sql in REFERENCE.items():
        found = duck.execute(sql, [period.first, period.last]).fetchall()
        total = sum(row[-1] for row in found)
        ours = sum(value for row in figures[key].values for value in row)
        if total != ours:
            raise SystemExit(f"DuckDB finds {total} for {key}, the report {ours}.")


def duck_time(duck, sqls, period, repeat) -> float:
    def run():
        for sql in sqls:
            duck.execute(sql, [period.first, period.last]).fetchall()

    return timed(run, repeat)[0]


# Main ----------------------------------------------------------------------------------------


def machine() -> str:
    free = subprocess.run(["free", "-g"], capture_output=True, text=True)  # noqa: S607
    memory = free.stdout.split("\n")[1].split()[1]
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    return (
        f"{os.cpu_count()} cores ({platform.processor() or platform.machine()}), "
        f"{memory} GiB, Python {platform.python_version()}, Django {django.__version__}, "
        f"PostgreSQL {pg}, DuckDB {duckdb.__version__}"
    )


def main() -> None:
    migrate = None
    counts = None
    if not (ARGS.reuse and loaded_scale(ARGS.seed) == ARGS.scale):
        migrate = create_database()
        counts = generate(ARGS.scale, ARGS.seed)
    with scopes_disabled():
        treffs = list(Treff.objects.order_by("slug"))
        one = treffs[:1]
        print(f"Machine: {machine()}. Scale {ARGS.scale}, seed {ARGS.seed}, {ARGS.repeat} runs.")
        if counts:
            print(f"\nMigrate {migrate:.0f} s; generate {counts.pop('seconds'):.0f} s:")
            print(", ".join(f"{table} {n:,}" for table, n in counts.items()))
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            print(f"Database size: {cursor.fetchone()[0]}")
        export, duck = export_parquet()
        size = sum(p.stat().st_size for p in TMP.glob("*.parquet")) / 2**20
        print(f"Export to Parquet: {export:.1f} s, {size:.0f} MiB")
        check_reference(duck, treffs, ALL_YEARS)

        print("\n| what | median s | of it in suppression s | queries |")
        print("|---|---:|---:|---:|", flush=True)

        def row(label, seconds, publish=None, count=None):
            print(
                f"| {label} | {seconds} | {'' if publish is None else f'{publish:.3f}'} | "
                f"{'' if count is None else count} |",
                flush=True,
            )

        def build_row(label, treffs, period, repeat):
            try:
                seconds, publish = measure_build(treffs, period, repeat)
            except Budget:
                row(label, f"> {ARGS.budget} (stopped)", None, build_queries(treffs, period))
                return
            row(label, f"{seconds:.3f}", publish, build_queries(treffs, period))

        year = ONE_YEAR.first.year
        build_row(f"full report, 1 Treff × {year}", one, ONE_YEAR, ARGS.repeat)
        for label, treffs_, period in (
            (f"aggregation only, 1 Treff × {year}", one, ONE_YEAR),
            ("aggregation only, 50 Treffs × 5 years", treffs, ALL_YEARS),
        ):
            seconds, _ = timed(lambda t=treffs_, p=period: aggregate(t, p), ARGS.repeat)
            row(label, f"{seconds:.3f}", None, queries(lambda t=treffs_, p=period: aggregate(t, p)))
        referenced = {key: REGISTRY[key] for key in REFERENCE}

        def ours(treffs_, period):
            return {key: measure.compute(treffs_, period) for key, measure in referenced.items()}

        seconds, _ = timed(lambda: ours(treffs, ALL_YEARS), ARGS.repeat)
        label = f"aggregation of the {len(REFERENCE)} measures with a reference, 50 × 5"
        row(label, f"{seconds:.3f}", None, queries(lambda: ours(treffs, ALL_YEARS)))
        reference = duck_time(duck, REFERENCE.values(), ALL_YEARS, ARGS.repeat)
        row("DuckDB, the same aggregation, 50 Treffs × 5 years", f"{reference:.3f}")
        build_row(f"full report, 5 Treffs × {year}", treffs[:5], ONE_YEAR, 0)
        build_row(f"full report, 50 Treffs × {year}", treffs, ONE_YEAR, 0)
        if not ARGS.skip_full:
            build_row("full report, 50 Treffs × 5 years", treffs, ALL_YEARS, 0)
        missing = sorted(set(REGISTRY) - set(REFERENCE))
        if missing:
            print(f"\nNo DuckDB reference yet for: {', '.join(missing)}")


if __name__ == "__main__":
    main()
