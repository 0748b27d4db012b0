"""Visitor-tally benchmark: the tap round trip through the whole Django stack.

10,000 taps (override with `bench/tally.py 2000`) are POSTed through the test client with
`Accept: application/json`, as the page's script sends them: middleware, session, scope,
permission, the idempotent insert and the new total. Then 1,000 of them are sent again with
their keys (retries: nothing may change), and the tally page and the day view are rendered
with all events in place, counting their queries. Uses a throw-away database: SQLite by
default, or DATABASE_URL. Prints a Markdown table for docs/benchmarks.md.
"""

import datetime as dt
import os
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="treff-bench-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP / 'tally.sqlite3'}")
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
from django.utils import timezone  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

TAPS = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
RETRIES = min(1_000, TAPS)
BUCKETS = {
    "age_group": ["", "u18", "18_27", "28_64", "65"],
    "gender": ["", "female", "male", "diverse", "not_said"],
    "visit": ["", "first", "returning"],
    "language": ["", "de", "uk", "ar", "ru"],
}


def build():
    from django.contrib.auth import get_user_model

    from treff.offers import services
    from treff.offers.models import Occurrence, Offer, Series
    from treff.treffs.models import Membership, Organisation, Room, Treff

    today = timezone.localdate()
    carrier = Organisation.objects.create(name="Bench-Träger", kind="carrier")
    treff = Treff.objects.create(name="Bench", slug="bench", carrier=carrier)
    room = Room.objects.create(treff=treff, name="Raum", kind="group", capacity=40)
    user = get_user_model().objects.create(username="coord")
    Membership.objects.create(user=user, role="coordinator", treff=treff)
    for n, title in enumerate(["Mittagstisch", "Sozialberatung", "Seniorencafé", "Kleiderkammer"]):
        offer = Offer.objects.create(treff=treff, title=title, category="leisure", provider=carrier)
        services.series_save(
            series=Series(
                offer=offer,
                kind="weekly",
                weekdays=[today.weekday()],
                starts_on=today - dt.timedelta(days=7),
                ends_on=today + dt.timedelta(days=7),
                start_time=dt.time(9 + 2 * n),
                end_time=dt.time(10 + 2 * n),
                room=room,
                holiday_policy="flag",
            ),
            user=user,
        )
    occurrence = Occurrence.objects.filter(treff=treff, original_date=today).first()
    return user, occurrence


def main():
    call_command("migrate", "--no-input", verbosity=0)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    setup_test_environment()
    with scopes_disabled():
        user, occurrence = build()
    client = Client()
    client.force_login(user)
    url = f"/treffs/bench/tally/{occurrence.series_id}/{occurrence.original_date}/"
    day_url = f"/treffs/bench/day/?date={occurrence.original_date}"
    rng = random.Random(6)  # noqa: S311 -- reproducible input, not a secret
    keys = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(TAPS)]
    json = {"accept": "application/json"}
    taps = []
    began_all = time.perf_counter()
    for key in keys:
        data = {"action": "tap", "key": key} | {k: rng.choice(v) for k, v in BUCKETS.items()}
        began = time.perf_counter()
        response = client.post(url, data, headers=json)
        taps.append((time.perf_counter() - began) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"tap refused: {response.content!r}")
    total_s = time.perf_counter() - began_all
    retries = []
    for key in rng.sample(keys, RETRIES):
        began = time.perf_counter()
        answer = client.post(url, {"action": "tap", "key": key}, headers=json).json()
        retries.append((time.perf_counter() - began) * 1000)
        if answer != {"total": TAPS, "counted": False}:
            raise SystemExit(f"a retry changed the count: {answer}")

    def measure(address):
        client.get(address)
        settings.DEBUG = True
        reset_queries()
        client.get(address)
        queries = len(connection.queries)
        settings.DEBUG = False
        renders = []
        for _ in range(50):
            began = time.perf_counter()
            client.get(address)
            renders.append((time.perf_counter() - began) * 1000)
        return queries, statistics.median(renders)

    tally_queries, tally_ms = measure(url)
    day_queries, day_ms = measure(day_url)
    settings.DEBUG = True
    reset_queries()
    client.post(url, {"action": "tap", "key": str(uuid.uuid4())}, headers=json)
    tap_queries = len(connection.queries)
    settings.DEBUG = False

    def p95(values):
        return sorted(values)[int(len(values) * 0.95)]

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, {connection.vendor}"
    )
    print("| measure | value |")
    print("|---|---:|")
    print(f"| taps POSTed (JSON, full stack) | {TAPS:,} in {total_s:.1f} s |")
    print(f"| one tap, median / p95 | {statistics.median(taps):.2f} / {p95(taps):.2f} ms |")
    print(
        f"| retried tap (same key, not counted), median / p95 | "
        f"{statistics.median(retries):.2f} / {p95(retries):.2f} ms |"
    )
    print(f"| queries per tap | {tap_queries} |")
    print(
        f"| tally page with {TAPS:,} events: median / queries | "
        f"{tally_ms:.1f} ms / {tally_queries} |"
    )
    print(f"| day view (4 occurrences): median / queries | {day_ms:.1f} ms / {day_queries} |")
    print(f"| peak RSS | {rss:.0f} MiB |")


if __name__ == "__main__":
    main()
