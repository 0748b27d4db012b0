"""Public pages (issue 15): bytes a first visit transfers, and queries per page.

Run with `.venv/bin/python bench/public_pages.py` (needs Chromium: scripts/system-deps.sh
--test). On a throw-away SQLite database with the demo, it

1. serves Treff as in production (gunicorn, DEBUG=0, collectstatic with WhiteNoise's
   compressed files) on 127.0.0.1 and lets Chromium visit each public page with an empty
   cache, adding up the bytes on the wire (compressed bodies) of the HTML and of each asset;
2. counts each page's queries in-process (Django test client) with the demo, and again
   with 10 and 100 more public offers at Franztreff, to show the count does not grow.

Prints Markdown tables for docs/benchmarks.md.
"""

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="treff-bench-public-"))
PORT = int(os.environ.get("BENCH_PORT", "8091"))
ENV = {
    "DATABASE_URL": f"sqlite:///{TMP / 'bench.sqlite3'}",
    "STATIC_ROOT": str(TMP / "static"),
    "SECRET_KEY": "bench-only-" + "x" * 50,
    "TREFF_DEMO_MODE": "1",
    "DEBUG": "0",
    "DJANGO_SETTINGS_MODULE": "treff.settings",
    "ALLOWED_HOSTS": "127.0.0.1,testserver",
    "LOG_LEVEL": "WARNING",
}
os.environ.update(ENV)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from tests.browser.public_pages import CHROMIUM_ARGS, PAGES, public_path  # noqa: E402


def paths(language="de") -> dict[str, str]:
    return {name: public_path(name, language) for name in PAGES}


def kind_of(url: str, resource_type: str) -> str:
    if url.endswith(".woff2"):
        return "fonts"
    if resource_type in ("stylesheet", "script"):
        return {"stylesheet": "css", "script": "js"}[resource_type]
    return resource_type


def weigh(pages: dict[str, str], base: str) -> list[tuple[str, dict]]:
    """Each page in a fresh browser context (empty cache): bytes on the wire by kind."""
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("TREFF_CHROMIUM", "/usr/bin/chromium"),
            args=CHROMIUM_ARGS,
        )
        for path in pages.values():
            context = browser.new_context(base_url=base, locale="de-DE")
            page = context.new_page()
            responses = []
            page.on("requestfinished", lambda request, seen=responses: seen.append(request))
            page.goto(path, wait_until="networkidle")
            figures = {"html": 0, "html raw": 0, "css": 0, "js": 0, "fonts": 0, "files": []}
            for request in responses:
                sizes = request.sizes()
                body = sizes["responseBodySize"]
                kind = "html" if request.resource_type == "document" else None
                kind = kind or kind_of(request.url, request.resource_type)
                figures[kind] = figures.get(kind, 0) + body
                if kind == "html":
                    figures["html raw"] += len(request.response().body())
                if kind == "fonts":
                    figures["files"].append(request.url.rsplit("/", 1)[1])
            rows.append((path, figures))
            context.close()
        browser.close()
    return rows


def serve():
    """gunicorn as `make demo` runs it, with WhiteNoise serving the compressed files."""
    python = str(ROOT / ".venv" / "bin" / "python")
    for args in (
        ["migrate", "--no-input", "-v0"],
        ["collectstatic", "--no-input", "-v0"],
        ["load_demo"],
    ):
        subprocess.run(  # noqa: S603 -- our own fixed command
            [python, "manage.py", *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL
        )
    server = subprocess.Popen(  # noqa: S603 -- our own fixed command
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "treff.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/de/")
            break
        except OSError:
            time.sleep(0.2)
    return server


def add_public_offers(count: int, start: int = 0) -> None:
    """`count` more public offers at Franztreff, each weekly Monday to Friday in its own room
    (so no two collide), over the four weeks from today."""
    from django.contrib.auth import get_user_model

    from treff.offers import services
    from treff.offers.models import Offer, Series
    from treff.treffs.models import Room, Treff

    today = timezone.localdate()
    with scopes_disabled():
        treff = Treff.objects.get(slug="franztreff")
        user = get_user_model().objects.get(username="franztreff")
        for n in range(start, start + count):
            offer = services.offer_save(
                offer=Offer(title=f"Bench-Angebot {n}", category="leisure", provider=treff.carrier),
                treff=treff,
                user=user,
            )
            room = Room.objects.create(
                treff=treff, name=f"Bench-Raum {n}", kind="group", capacity=12
            )
            services.series_save(
                series=Series(
                    offer=offer,
                    kind="weekly",
                    weekdays=[0, 1, 2, 3, 4],
                    starts_on=today,
                    ends_on=today + dt.timedelta(days=27),
                    start_time=dt.time(10),
                    end_time=dt.time(11),
                    room=room,
                ),
                user=user,
            )


def count_queries(client, pages) -> dict[str, int]:
    counts = {}
    settings.DEBUG = True  # record queries
    for name, path in pages.items():
        client.get(path)  # warm up
        reset_queries()
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        counts[name] = len(connection.queries)
    settings.DEBUG = False
    return counts


def kb(n: int) -> str:
    return f"{n / 1024:.1f}"


def main():
    server = serve()
    try:
        pages = paths()
        base = f"http://127.0.0.1:{PORT}"
        rows = weigh(pages, base) + weigh({"treff (ru)": paths("ru")["treff"]}, base)
    finally:
        server.terminate()
        server.wait()
    print("### First visit, empty cache (bytes on the wire, KB; gunicorn + WhiteNoise)\n")
    print("| page | HTML (raw) | CSS | JS | without fonts | fonts | total | font files |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for path, f in rows:
        without = f["html"] + f["css"] + f["js"]
        print(
            f"| `{path}` | {kb(f['html'])} ({kb(f['html raw'])}) | {kb(f['css'])} | "
            f"{kb(f['js'])} | {kb(without)} | {kb(f['fonts'])} | {kb(without + f['fonts'])} | "
            f"{', '.join(sorted(f['files']))} |"
        )

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    setup_test_environment()
    client = Client()
    table = {"demo": count_queries(client, pages)}
    add_public_offers(10)
    table["+10 offers"] = count_queries(client, pages)
    add_public_offers(90, start=10)
    table["+100 offers"] = count_queries(client, pages)
    print("\n### Queries per page (anonymous visitor, demo data)\n")
    print("| page | " + " | ".join(table) + " |")
    print("|---|" + "---:|" * len(table))
    for name in PAGES:
        print(f"| {name} | " + " | ".join(str(counts[name]) for counts in table.values()) + " |")


if __name__ == "__main__":
    main()
