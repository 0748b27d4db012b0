"""Everyday-use benchmark (issue 11): the pages a coordinator moves between with the Treff
navigation, the readable week plan (its grid computed on the server) and the door PDF, on
the demo with its history.

    BENCH_REQUESTS=50 .venv/bin/python bench/everyday.py

Builds a throw-away SQLite database (or uses DATABASE_URL) through bench/run.py's setup,
loads the demo, and measures each page like bench/run.py: median and p95 of BENCH_REQUESTS
requests after a warm-up, and the queries of one request (the Treff navigation is part of
every Treff page). Prints Markdown.
"""

import os
import platform
import sys
from pathlib import Path

# Importing bench/run.py (below, sorted among the third-party modules) points Django at a
# scratch database and sets it up before any model is imported.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from django.core.management import call_command
from django.db import connection
from django.test import Client as TestClient
from django.test.utils import setup_test_environment
from django.utils import timezone
from run import REQUESTS, page_figures, print_page_table


def pages(today):
    t = "/treffs/franztreff"
    week = today.isoformat()
    return [
        ("franztreff", f"{t}/plan/week/?date={week}", "week plan (grid, legend, now line)"),
        ("franztreff", f"{t}/plan/week.pdf?date={week}", "door PDF of the week (A4 landscape)"),
        ("franztreff", f"{t}/plan/rooms/?date={week}", "room overview, week"),
        ("franztreff", f"{t}/offers/", "offer list"),
        ("franztreff", f"{t}/offers/?show=archived", "archived offers"),
        ("franztreff", f"{t}/help/", "help requests"),
        ("franztreff", f"{t}/volunteers/", "volunteers"),
        ("franztreff", f"{t}/shifts/", "shift overview"),
        ("franztreff", f"{t}/plans/", "plan versions"),
        ("franztreff", "/requests/", "booking requests, coordinator"),
        ("franztreff", f"{t}/lunch/?month={today:%Y-%m}", "lunch list (with plan check)"),
        ("beratung", "/dashboard/", "dashboard, counsellor (office hours, follow-ups)"),
        ("ehrenamt", "/me/shifts/", "my shifts, volunteer"),
    ]


def main():
    out = open(os.devnull, "w")  # noqa: SIM115 -- open for the whole run
    call_command("migrate", "--no-input", verbosity=0)
    call_command("load_demo", stdout=out)
    today = timezone.localdate()
    setup_test_environment()
    clients, rows = {}, []
    for user, path, label in pages(today):
        client = clients.setdefault(user, TestClient())
        if user and not client.session.get("_auth_user_id"):
            client.login(username=user, password="demo")  # noqa: S106 -- demo password
        rows.append((label, page_figures(client, path)))
    print(
        f"Machine: {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{connection.vendor}, {REQUESTS} requests per page, in-process test client, {today}"
    )
    print()
    print_page_table(rows, "page (Franztreff demo)")


if __name__ == "__main__":
    main()
