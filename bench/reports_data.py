"""The reports benchmark's data (bench/reports.py): a city's five years in PostgreSQL.

Imported by bench/reports.py, which says what is generated; this module points Django at the
benchmark's own database (`treff_bench_reports`, BENCH_PG_URL for another server) and sets
it up, so import it before anything of Django.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DB_NAME = "treff_bench_reports"
SCHEMA = f"{DB_NAME}_schema"
SERVER = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
FIRST_YEAR, YEARS, TREFFS = 2022, 5, 50
TAPS_PER_TALLY = 51  # at scale 1: 50 Treffs × 1,305 weekdays × 3 tallies × 51 ≈ 10 million

os.environ["DATABASE_URL"] = f"{SERVER}/{DB_NAME}"
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "treff.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402
import psycopg  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from treff.counselling.models import Topic  # noqa: E402
from treff.offers.models import Category  # noqa: E402
from treff.operations import tally_counts  # noqa: E402
from treff.reports.engine.periods import Period  # noqa: E402
from treff.treffs.models import Organisation, Treff  # noqa: E402
from treff.volunteers.models import HelpKind  # noqa: E402

LAST_DAY = dt.date(FIRST_YEAR + YEARS - 1, 12, 31)
ALL_YEARS = Period(dt.date(FIRST_YEAR, 1, 1), LAST_DAY)
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


def admin(sql: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def loaded_scale(seed: int) -> float | None:
    """The scale of the data already in the database with `seed`, or None if there is none."""
    try:
        with psycopg.connect(f"{SERVER}/{DB_NAME}") as conn:
            row = conn.execute("SELECT scale, seed FROM bench_meta").fetchone()
    except psycopg.Error:
        return None
    return row[0] if row and row[1] == seed else None


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
