"""Open-data API benchmark: latency and queries of each endpoint with the demo data.

Loads the demo into a throw-away database (SQLite by default, or DATABASE_URL) and GETs
each endpoint through the whole Django stack (the test client, anonymous, as a client of the
API would) REPEAT times (`bench/api.py 100`), after one warm-up call. The dates are asked
for the default range (today and 13 days) and for 92 days, the longest one allowed. Prints a
Markdown table for docs/benchmarks.md.
"""

import io
import os
import platform
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="treff-bench-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP / 'api.sqlite3'}")
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
os.environ.setdefault("TREFF_DEMO_MODE", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "treff.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# WhiteNoise warns once about the missing STATIC_ROOT: the API serves no static files.
warnings.filterwarnings("ignore", "No directory at", UserWarning)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

REPEAT = int(sys.argv[1]) if len(sys.argv) > 1 else 50


def measure(client, url, repeat):
    """(median ms, 95th percentile ms, queries, items) of `repeat` GETs of `url`."""
    response = client.get(url)  # warm-up: imports, first connection, caches
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    data = response.json()
    items = data["count"] if isinstance(data, dict) and "count" in data else None
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    reset_queries()
    client.get(url)
    queries = len(connection.queries)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return statistics.median(timings), p95, queries, items


def main():
    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    connection.force_debug_cursor = True
    client = Client()
    today = timezone.localdate()
    quarter = today + timezone.timedelta(days=91)
    year = today.year - 1
    urls = [
        ("/api/v1/treffs", REPEAT),
        ("/api/v1/treffs/franztreff", REPEAT),
        ("/api/v1/treffs/franztreff/offers", REPEAT),
        ("/api/v1/treffs/franztreff/dates", REPEAT),
        (f"/api/v1/treffs/franztreff/dates?from={today}&to={quarter}&limit=500", REPEAT),
        ("/api/v1/partners", REPEAT),
        ("/api/v1/openapi.json", REPEAT),
        # A whole year's reports for every Treff: fewer runs.
        (f"/api/v1/figures/{year}", max(3, REPEAT // 10)),
    ]
    print(
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{connection.vendor}, demo data, {REPEAT} runs per endpoint (figures fewer)"
    )
    print("| endpoint | median ms | p95 ms | queries | items |")
    print("|---|---:|---:|---:|---:|")
    for url, repeat in urls:
        median, p95, queries, items = measure(client, url, repeat)
        shown = "" if items is None else items
        print(f"| `{url}` | {median:.1f} | {p95:.1f} | {queries} | {shown} |")


if __name__ == "__main__":
    main()
