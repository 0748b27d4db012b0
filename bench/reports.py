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
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DB_NAME = "treff_bench_reports"
SCHEMA = f"{DB_NAME}_schema"
SERVER = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
FIRST_YEAR, YEARS, TREFFS = 2022, 5, 50
TAPS_PER_TALLY = 51  # at scale 1: 50 Treffs × 1,305 weekdays × 3 tallies × 51 ≈ 10 million

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--scale", type=float, default=1.0, help="1 = about 10 million taps")
parser.add_argument("--seed", type=int, default=13)
parser.add_argument("--repeat", type=int, default=3, help="timed runs per figure (median)")
parser.add_argument("--reuse", action="store_true", help="measure the loaded database again")
parser.add_argument("--skip-full", action="store_true", help="no full build over 50 × 5 years")
parser.add_argument("--budget", type=int, default=600, help="seconds before a build is stopped")
ARGS = parser.parse_args()

os.environ["DATABASE_URL"] = f"{SERVER}/{DB_NAME}"
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "treff.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402
import psycopg  # noqa: E402

django.setup()

import duckdb  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from treff.counselling.models import Topic  # noqa: E402
from treff.offers.models import Category  # noqa: E402
from treff.operations import tally_counts  # noqa: E402
from treff.reports import build  # noqa: E402
from treff.reports.engine import Audience  # noqa: E402
from treff.reports.engine.periods import Period  # noqa: E402
from treff.reports.measures import REGISTRY  # noqa: E402
from treff.treffs.models import Organisation, Treff  # noqa: E402
from treff.volunteers.models import HelpKind  # noqa: E402

K = 5
TMP = Path(tempfile.mkdtemp(prefix="treff-bench-reports-"))
LAST_DAY = dt.date(FIRST_YEAR + YEARS - 1, 12, 31)
ALL_YEARS = Period(dt.date(FIRST_YEAR, 1, 1), LAST_DAY)
ONE_YEAR = Period(dt.date(FIRST_YEAR + YEARS - 2, 1, 1), dt.date(FIRST_YEAR + YEARS - 2, 12, 31))
BUCKETS = {
    "age_group": ["", "u18", "18_27", "28_64", "65"],
    "gender": ["", "female", "male", "diverse", "not_said"],
    "visit": ["", "first", "returning"],
    "language": ["", "de", "uk", "ar", "ru"],
}
# How often a help request ends where (the reports count by status as it stands now).
HELP_STATUS = {
    "done": 55,
    "cancelled": 10,
    "no_match": 8,
    "open": 12,
    "proposed": 5,
    "accepted": 10,
}


# Database --------------------------------------------------------------------------------------


def admin(sql: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def loaded_scale() -> float | None:
    """The scale of the data already in the database, or None if there is none."""
    try:
        with psycopg.connect(f"{SERVER}/{DB_NAME}") as conn:
            row = conn.execute("SELECT scale, seed FROM bench_meta").fetchone()
    except psycopg.Error:
        return None
    return row[0] if row and row[1] == ARGS.seed else None


def create_database() -> float:
    """A new, migrated database; seconds taken. The migrated schema is kept as a template
    (`…_schema`) for the next run while no migration is added (migrating takes minutes)."""
    connection.close()
    start = time.perf_counter()
    admin(f"DROP DATABASE IF EXISTS {DB_NAME}")
    if schema_is_current():
        admin(f"CREATE DATABASE {DB_NAME} TEMPLATE {SCHEMA}")
        return time.perf_counter() - start
    admin(f"DROP DATABASE IF EXISTS {SCHEMA}")
    admin(f"CREATE DATABASE {DB_NAME}")
    call_command("migrate", verbosity=0)
    connection.close()
    admin(f"CREATE DATABASE {SCHEMA} TEMPLATE {DB_NAME}")
    return time.perf_counter() - start


def schema_is_current() -> bool:
    from django.db.migrations.loader import MigrationLoader

    try:
        with psycopg.connect(f"{SERVER}/{SCHEMA}") as conn:
            applied = set(conn.execute("SELECT app, name FROM django_migrations").fetchall())
    except psycopg.Error:
        return False
    return applied >= set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def copy(cursor, table: str, columns: str, rows) -> int:
    n = 0
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as out:
        for row in rows:
            out.write_row(row)
            n += 1
    return n


def secondary_indexes(cursor, table: str) -> list[str]:
    """Drop the table's unique constraints and plain indexes (not the primary key); returns
    the statements that make them again."""
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = %s::regclass AND contype = 'u'",
        [table],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN"
        " (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
        [table, table],
    )
    indexes = cursor.fetchall()
    restore = []
    for name, definition in constraints:
        cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
        restore.append(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")
    for name, definition in indexes:
        cursor.execute(f"DROP INDEX {name}")
        restore.append(definition)
    return restore


def weekdays():
    day = ALL_YEARS.first
    while day <= LAST_DAY:
        if day.weekday() < 5:
            yield day
        day += dt.timedelta(days=1)


def draw(rng: random.Random, mean: float) -> int:
    """A whole number around `mean` (uniform over 0..2·mean, rounded at random)."""
    x = rng.uniform(0, 2 * mean)
    return int(x) + (rng.random() < x - int(x))


def generate(scale: float, seed: int) -> dict:
    """Fill the database; returns {table: rows} and the seconds it took."""
    rng = random.Random(seed)  # noqa: S311 - seeded test data, not a secret
    counts: dict[str, int] = {}
    start = time.perf_counter()
    with scopes_disabled():
        carrier = Organisation.objects.create(name="Bench-Träger", kind="carrier")
        treffs = [
            Treff.objects.create(name=f"Treff {n:02d}", slug=f"treff-{n:02d}", carrier=carrier)
            for n in range(1, TREFFS + 1)
        ]
    factor = {t.pk: rng.uniform(0.5, 1.5) for t in treffs}
    days = list(weekdays())
    categories = [c for c in Category.values if c != "lunch"]
    connection.ensure_connection()
    raw = connection.connection
    with raw.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET maintenance_work_mem = '1GB'")
        cursor.execute("CREATE UNLOGGED TABLE bench_tally (id bigint, treff_id bigint, n int)")

        def tallies():
            pk = 0
            for treff in treffs:
                for day in days:
                    kinds = [("drop_in", ""), ("occurrence", rng.choice(categories))]
                    # The lunch table's tally on lunch days, another offer on the others.
                    kinds.append(
                        ("occurrence", "lunch" if day.weekday() in (0, 2, 4) else "leisure")
                    )
                    for kind, category in kinds:
                        pk += 1
                        yield pk, treff.pk, day, kind, category

        tally_rows = list(tallies())
        mean = TAPS_PER_TALLY * scale
        counts["operations_tally"] = copy(
            cursor,
            "operations_tally",
            "id, treff_id, date, kind, category, title, created_at",
            ((pk, t, d, k, c, "", f"{d} 09:00+01") for pk, t, d, k, c in tally_rows),
        )
        copy(
            cursor,
            "bench_tally",
            "id, treff_id, n",
            ((pk, t, draw(rng, mean * factor[t])) for pk, t, _d, _k, _c in tally_rows),
        )
        buckets = ", ".join(
            f"(ARRAY{values!r})[1 + ((b.id * {7 + 2 * i} + g) % {len(values)})]"
            for i, values in enumerate(BUCKETS.values())
        )
        # Ten million rows go in faster without their secondary indexes, built afterwards
        # in one sorted pass each, than with a random UUID index updated row by row.
        restore = secondary_indexes(cursor, "operations_tallyevent")
        cursor.execute(
            "INSERT INTO operations_tallyevent (key, kind, delta, age_group, gender, visit,"  # noqa: S608
            " language, reason, created_at, tally_id, treff_id)"
            f" SELECT gen_random_uuid(), 'tap', 1, {buckets}, '', now(), b.id, b.treff_id"
            " FROM bench_tally b, generate_series(1, b.n) g"
        )
        counts["operations_tallyevent"] = cursor.rowcount
        for sql in restore:
            cursor.execute(sql)
        cursor.execute("DROP TABLE bench_tally")
        # The replica role keeps the triggers from counting the events: count them at once.
        for sql in tally_counts.rebuild_sql("postgresql", settings.TIME_ZONE):
            cursor.execute(sql)
        counts["operations_tallycount"] = cursor.rowcount

        counts["operations_lunchday"] = copy(
            cursor,
            "operations_lunchday",
            "treff_id, date, menu, allergens, portions_planned, portions_served, guests,"
            " tafel_portions, tafel_kg, notes, updated_at",
            (
                (
                    t.pk,
                    d,
                    "Eintopf",
                    "[]",
                    p,
                    p - rng.randint(0, 5),
                    p - rng.randint(0, 8),
                    rng.randint(0, 20),
                    round(rng.uniform(0, 30), 1),
                    "",
                    f"{d} 14:00+01",
                )
                for t in treffs
                for d in days
                if d.weekday() in (0, 2, 4)
                for p in [rng.randint(20, 60)]
            ),
        )

        contacts, topics = [], []
        for treff in treffs:
            for day in days:
                for _ in range(draw(rng, 4 * scale * factor[treff.pk])):
                    pk = len(contacts) + 1
                    contacts.append(
                        (
                            pk,
                            treff.pk,
                            day,
                            rng.choice((15, 30, 45, 60)),
                            "de",
                            False,
                            f"{day} 10:00+01",
                        )
                    )
                    for topic in rng.sample(Topic.values, rng.randint(1, 3)):
                        topics.append((pk, topic))
        counts["counselling_contact"] = copy(
            cursor,
            "counselling_contact",
            "id, treff_id, date, minutes, language, follow_up_done, created_at",
            contacts,
        )
        counts["counselling_contacttopic"] = copy(
            cursor, "counselling_contacttopic", "contact_id, topic", topics
        )

        seekers = []
        for treff in treffs:
            for _ in range(max(1, round(100 * scale))):
                seekers.append((len(seekers) + 1, treff.pk))
        counts["volunteers_helpseeker"] = copy(
            cursor,
            "volunteers_helpseeker",
            "id, treff_id, name, phone, address, district, language, special_needs, channel,"
            " created_at",
            (
                (pk, t, f"Person {pk}", "", "", "", "de", "", "phone", "2022-01-01 09:00+01")
                for pk, t in seekers
            ),
        )
        by_treff: dict[int, list[int]] = {}
        for pk, t in seekers:
            by_treff.setdefault(t, []).append(pk)
        statuses = list(HELP_STATUS)
        weights = list(HELP_STATUS.values())
        counts["volunteers_helprequest"] = copy(
            cursor,
            "volunteers_helprequest",
            'treff_id, seeker_id, kind, date, start, "end", urgency, prefers_gender, notes,'
            " status, created_at",
            (
                (
                    t.pk,
                    rng.choice(by_treff[t.pk]),
                    rng.choice(HelpKind.values),
                    d,
                    "10:00",
                    "12:00",
                    2,
                    "",
                    "",
                    rng.choices(statuses, weights)[0],
                    f"{d} 11:00+01",
                )
                for t in treffs
                for d in days
                if d.weekday() in (1, 3)
                for _ in range(draw(rng, scale * factor[t.pk]))
            ),
        )
        counts["volunteers_volunteer"] = copy(
            cursor,
            "volunteers_volunteer",
            "treff_id, first_name, last_name, phone, email, gender, help_kinds, languages,"
            " district, mobility, max_open, started_on, status, created_at",
            (
                (
                    t.pk,
                    "Vorname",
                    f"Nr. {n}",
                    "",
                    "",
                    "female",
                    '["shopping"]',
                    '["de"]',
                    "",
                    "foot",
                    2,
                    ALL_YEARS.first,
                    "active",
                    "2022-01-01 09:00+01",
                )
                for t in treffs
                for n in range(max(1, round(30 * scale)))
            ),
        )
        for table in ("operations_tally", "counselling_contact", "volunteers_helpseeker"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"  # noqa: S608
            )
        cursor.execute("SET session_replication_role = origin")
        cursor.execute("CREATE TABLE bench_meta (scale float, seed int)")
        cursor.execute("INSERT INTO bench_meta VALUES (%s, %s)", (scale, seed))
    raw.commit()
    raw.autocommit = True
    with raw.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    counts["seconds"] = time.perf_counter() - start
    return counts


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
    if not (ARGS.reuse and loaded_scale() == ARGS.scale):
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
