"""Foundation benchmark: demo load, page latency and query counts, and scope scaling.

Run with `make bench` (or `.venv/bin/python bench/run.py`). It builds a throw-away SQLite
database (or uses DATABASE_URL), so it never touches the demo or production data. Prints a
Markdown table for docs/benchmarks.md.
"""

import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="treff-bench-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP / 'bench.sqlite3'}")
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
os.environ.setdefault("TREFF_DEMO_MODE", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "treff.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Pages are measured without collectstatic's manifest, which a fresh checkout does not have.
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))


def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def print_page_table(rows, heading="page"):
    """rows: [(label, page_figures(...))] as a Markdown table (median/p95 ms, queries)."""
    print(f"| {heading} | median ms | p95 ms | queries |")
    print("|---|---:|---:|---:|")
    for label, figures in rows:
        print(
            f"| {label} | {figures['median']:.1f} | {figures['p95']:.1f} | {figures['queries']} |"
        )


def page_figures(client, path):
    client.get(path)  # warm up
    samples = []
    settings.DEBUG = True  # record queries
    reset_queries()
    client.get(path)
    queries = len(connection.queries)
    settings.DEBUG = False
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    samples.sort()
    return {
        "median": statistics.median(samples),
        "p95": samples[int(len(samples) * 0.95) - 1],
        "queries": queries,
    }


def scale_city(treffs=50, rooms_per_treff=5):
    from treff.treffs.models import Organisation, Room, Treff

    with scopes_disabled():
        carrier = Organisation.objects.create(name="Bench-Träger", kind="carrier")
        created = Treff.objects.bulk_create(
            Treff(name=f"Bench-Treff {n:03d}", slug=f"bench-{n:03d}", carrier=carrier)
            for n in range(treffs)
        )
        Room.objects.bulk_create(
            Room(treff=t, name=f"Raum {r}", kind="group", capacity=10)
            for t in created
            for r in range(rooms_per_treff)
        )


def main():
    out = open(os.devnull, "w")  # noqa: SIM115 -- open for the whole run
    call_command("migrate", "--no-input", verbosity=0)
    first = timed(lambda: call_command("load_demo", stdout=out))
    again = timed(lambda: call_command("load_demo", stdout=out))
    setup_test_environment()
    rows = []
    pages = [
        (None, "/de/", "public start page"),
        ("stadt", "/dashboard/", "dashboard, city staff"),
        ("franztreff", "/dashboard/", "dashboard, coordinator"),
        ("franztreff", "/treffs/franztreff/", "Treff detail with rooms"),
        ("stadt", "/rooms/", "room list, all Treffs"),
    ]
    clients = {}
    for user, path, label in pages:
        client = clients.setdefault(user, Client())
        if user and not client.session.get("_auth_user_id"):
            client.login(username=user, password="demo")  # noqa: S106 -- demo password
        rows.append((label + " (demo)", page_figures(client, path)))
    scale_city()
    for user, path, label in [
        ("stadt", "/rooms/", "room list, 52 Treffs / 268 rooms"),
        ("stadt", "/dashboard/", "dashboard, city staff, 52 Treffs"),
        (None, "/de/", "public start page, 52 Treffs"),
    ]:
        rows.append((label, page_figures(clients[user], path)))

    print(
        f"Machine: {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{connection.vendor}, {REQUESTS} requests per page, in-process test client"
    )
    print(f"\nDemo load: first run {first * 1000:.0f} ms, second run {again * 1000:.0f} ms\n")
    print_page_table(rows)


if __name__ == "__main__":
    main()
