"""District import benchmark (issue 17): reading a city's file and applying it.

Times `read_districts` on the demo city's CSV (25 districts), on a generated GeoJSON with
500 polygon districts of 200 vertices each (a detailed open-data boundary file, ~4 MB, the
size limit is 5 MB), `apply_districts` of the 500 into an empty database and again (the same
file: nothing changes), and one request's `gazetteer()` with 500 districts. Median of 5 runs
each. Uses a throw-away SQLite database, or DATABASE_URL. Prints a Markdown table.
"""

import json
import math
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
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP / 'districts.sqlite3'}")
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
os.environ.setdefault("TREFF_DEMO_MODE", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "treff.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from treff.demo.districts import FILE  # noqa: E402
from treff.treffs import districts  # noqa: E402
from treff.treffs.models import District  # noqa: E402
from treff.treffs.services_districts import apply_districts, read_districts  # noqa: E402

RUNS = 5


def geojson(count: int, vertices: int) -> bytes:
    """`count` round districts on a grid around 51.0 N 12.0 E, each a 200-vertex polygon."""
    features = []
    side = math.ceil(math.sqrt(count))
    for n in range(count):
        lat0, lon0 = 51.0 + (n // side) * 0.01, 12.0 + (n % side) * 0.015
        ring = [
            [
                round(lon0 + 0.006 * math.cos(2 * math.pi * k / vertices), 6),
                round(lat0 + 0.004 * math.sin(2 * math.pi * k / vertices), 6),
            ]
            for k in range(vertices)
        ]
        ring.append(ring[0])
        features.append(
            {
                "type": "Feature",
                "properties": {"NAME": f"Bezirk {n + 1}", "SCHLUESSEL": f"b{n + 1}"},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def median_ms(work) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    call_command("migrate", verbosity=0)
    demo = FILE.read_bytes()
    big = geojson(500, 200)
    rows = read_districts("bezirke.geojson", big)
    lines = [
        ("read the demo CSV (25 districts)", median_ms(lambda: read_districts(FILE.name, demo))),
        (
            f"read GeoJSON, 500 polygons × 200 vertices ({len(big) / 1e6:.1f} MB)",
            median_ms(lambda: read_districts("bezirke.geojson", big)),
        ),
    ]

    def first_import():
        District.objects.all().delete()
        apply_districts(rows, user=None)

    lines.append(("apply 500 into an empty table", median_ms(first_import)))
    lines.append(
        (
            "apply the same 500 again (no change)",
            median_ms(lambda: apply_districts(rows, user=None)),
        )
    )

    def one_request():
        districts.forget()
        districts.gazetteer().district("Bezirk 250")

    lines.append(("gazetteer() for a request, 500 districts, one lookup", median_ms(one_request)))
    print(
        f"Machine: {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}, {connection.vendor}, median of {RUNS}"
    )
    print("| step | ms |\n|---|---:|")
    for label, ms in lines:
        print(f"| {label} | {ms:.1f} |")


if __name__ == "__main__":
    main()
