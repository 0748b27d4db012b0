"""City-scale planning through the real services and database.

50 Treffs with 5 rooms each, 2,500 weekly series (one year, 2027) saved one by one through
services.series_save (expansion, conflict query, occurrence insert), then the week calendar
of one Treff rendered. Uses a throw-away database: SQLite by default, or DATABASE_URL.
Prints a Markdown table for docs/benchmarks.md.
"""

import datetime as dt
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="treff-bench-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP / 'plan.sqlite3'}")
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

TREFFS, ROOMS, SERIES_PER_TREFF = 50, 5, 50
SLOTS = [(dt.time(8 + 2 * n), dt.time(9 + 2 * n, 30)) for n in range(5)]  # 08:00–09:30 …


def build():
    from treff.offers import services
    from treff.offers.models import Offer, Series
    from treff.treffs.models import Organisation, Room, Treff

    carrier = Organisation.objects.create(name="Bench-Träger", kind="carrier")
    user = django.contrib.auth.get_user_model().objects.create(username="bench")
    timings = []
    for t in range(TREFFS):
        treff = Treff.objects.create(name=f"Bench {t:02d}", slug=f"bench-{t:02d}", carrier=carrier)
        rooms = [
            Room.objects.create(treff=treff, name=f"Raum {r}", kind="group", capacity=20)
            for r in range(ROOMS)
        ]
        offer = Offer.objects.create(
            treff=treff, title="Angebot", category="leisure", provider=carrier
        )
        # 5 rooms × 5 weekdays × 5 slots = 125 free places; fill 50 of them, no overlaps.
        for n in range(SERIES_PER_TREFF):
            room, weekday, (start, end) = rooms[n % ROOMS], (n // ROOMS) % 5, SLOTS[n // 25]
            series = Series(
                offer=offer,
                kind="weekly",
                weekdays=[weekday],
                starts_on=dt.date(2027, 1, 1),
                ends_on=dt.date(2027, 12, 31),
                start_time=start,
                end_time=end,
                room=room,
            )
            began = time.perf_counter()
            services.series_save(series=series, user=user)
            timings.append(time.perf_counter() - began)
    return timings


def main():
    call_command("migrate", "--no-input", verbosity=0)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    began = time.perf_counter()
    with scopes_disabled():
        timings = build()
        from treff.offers.models import Occurrence

        occurrences = Occurrence.objects.count()
    total = time.perf_counter() - began
    timings.sort()
    setup_test_environment()
    from django.contrib.auth import get_user_model

    from treff.treffs.models import Membership, Treff

    with scopes_disabled():
        coordinator = get_user_model().objects.create(username="coord")
        Membership.objects.create(
            user=coordinator, role="coordinator", treff=Treff.objects.get(slug="bench-07")
        )
    client = Client()
    client.force_login(coordinator)
    url = "/treffs/bench-07/plan/week/?date=2027-03-01"
    client.get(url)
    settings.DEBUG = True
    reset_queries()
    client.get(url)
    queries = len(connection.queries)
    settings.DEBUG = False
    renders = []
    for _ in range(50):
        began = time.perf_counter()
        client.get(url)
        renders.append((time.perf_counter() - began) * 1000)
    renders.sort()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, {connection.vendor}"
    )
    print("| measure | value |")
    print("|---|---:|")
    print(f"| Treffs / rooms / series | {TREFFS} / {TREFFS * ROOMS} / {len(timings)} |")
    print(f"| occurrences stored (one year) | {occurrences:,} |")
    print(f"| saving all series through the services | {total:.1f} s |")
    print(
        f"| one series_save, median / p95 | {timings[len(timings) // 2] * 1000:.1f} / "
        f"{timings[int(len(timings) * 0.95)] * 1000:.1f} ms |"
    )
    print(
        f"| week calendar of one Treff, median / p95 | {renders[25]:.1f} / {renders[47]:.1f} ms |"
    )
    print(f"| week calendar queries | {queries} |")
    print(f"| peak RSS | {rss:.0f} MiB |")


if __name__ == "__main__":
    main()
