"""Daily-operations benchmark: the pages of issue 6 on the demo's three months of history,
and the retention job on 10,000 expired client records.

    .venv/bin/python bench/daily.py

Builds a throw-away SQLite database (or uses DATABASE_URL) through bench/run.py's setup,
loads the demo (timed: it now writes three months of tallies, lunch days, clothing and
counselling history), measures each page like bench/run.py (median and p95 of
BENCH_REQUESTS requests after a warm-up, queries of one request), then times
`counselling_retention` over 10,000 named records whose last contact is four years old and
checks that the anonymous statistics are the same before and after. Prints Markdown.
"""

import datetime as dt
import os
import platform
import sys
from pathlib import Path

# Importing bench/run.py (below, sorted among the third-party modules) points Django at a
# scratch database and sets it up before any model is imported.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client as TestClient
from django.test.utils import setup_test_environment
from django.utils import timezone
from django_scopes import scopes_disabled
from run import REQUESTS, page_figures, print_page_table, timed

from treff.counselling import selectors as counselling
from treff.counselling.models import Client, Contact
from treff.offers.models import Occurrence
from treff.operations.models import TallyEvent
from treff.treffs.models import Treff

EXPIRED = int(os.environ.get("BENCH_EXPIRED", "10000"))


def pages(today):
    with scopes_disabled():
        occurrence = (
            Occurrence.objects.filter(
                treff__slug="franztreff", original_date__lt=today, cancelled=False
            )
            .order_by("-start")
            .first()
        )
        franztreff = Treff.objects.get(slug="franztreff")
        client_pk = Client.objects.filter(treff=franztreff).values_list("pk", flat=True).first()
    t = "/treffs/franztreff"
    month = today.strftime("%Y-%m")
    return [
        ("franztreff", "/dashboard/", "dashboard, coordinator (day at a glance)"),
        ("franztreff", f"{t}/day/?date={occurrence.original_date}", "day view with counts"),
        (
            "franztreff",
            f"{t}/tally/{occurrence.series_id}/{occurrence.original_date}/",
            "tally page of one date",
        ),
        ("franztreff", f"{t}/tally/open/{today}/", "tally page, open drop-in"),
        ("franztreff", f"{t}/lunch/?month={month}", "lunch table, month"),
        ("franztreff", f"{t}/clothing/", "clothing store stock"),
        ("franztreff", f"{t}/clothing/history/?month={month}", "clothing history, month"),
        ("franztreff", f"{t}/counselling/", "counselling contacts, coordinator"),
        ("beratung", f"{t}/counselling/", "counselling contacts, counsellor (own)"),
        ("franztreff", f"{t}/counselling/clients/", "client records, coordinator"),
        ("franztreff", f"{t}/counselling/clients/{client_pk}/", "client record (audited)"),
        ("franztreff", f"{t}/counselling/audit/", "audit trail"),
        ("stadt", f"{t}/counselling/statistics/", "counselling statistics, city"),
        ("stadt", "/partners/", "partner directory"),
        (None, "/de/wegweiser/", "public directory"),
        ("stadt", f"/figures/?year={today.year}", "the year in figures, city"),
    ]


def expire(today, count):
    """`count` named records in Franztreff whose only contact is four years old."""
    with scopes_disabled():
        treff = Treff.objects.get(slug="franztreff")
        counsellor = get_user_model().objects.get(username="beratung")
        old = today - dt.timedelta(days=4 * 365)
        clients = Client.objects.bulk_create(
            Client(
                treff=treff,
                name=f"Bench {n}",
                consent_on=old,
                consent_scope="contact",
                created_by=counsellor,
            )
            for n in range(count)
        )
        Contact.objects.bulk_create(
            Contact(treff=treff, date=old, counsellor=counsellor, minutes=30, client=client)
            for client in clients
        )


def statistics_now(today):
    with scopes_disabled():
        stats = counselling.contact_statistics(
            list(Treff.objects.order_by("pk")), first=today - dt.timedelta(days=5 * 365), last=today
        )
    return [(s.contacts, s.minutes, dict(s.by_topic)) for s in stats]


def main():
    out = open(os.devnull, "w")  # noqa: SIM115 -- open for the whole run
    call_command("migrate", "--no-input", verbosity=0)
    first = timed(lambda: call_command("load_demo", stdout=out))
    again = timed(lambda: call_command("load_demo", stdout=out))
    today = timezone.localdate()
    with scopes_disabled():
        taps, contacts = TallyEvent.objects.count(), Contact.objects.count()
    setup_test_environment()
    clients = {}
    rows = []
    for user, path, label in pages(today):
        client = clients.setdefault(user, TestClient())
        if user and not client.session.get("_auth_user_id"):
            client.login(username=user, password="demo")  # noqa: S106 -- demo password
        rows.append((label, page_figures(client, path)))

    expire(today, EXPIRED)
    before = statistics_now(today)
    retention = timed(lambda: call_command("counselling_retention", stdout=out))
    after = statistics_now(today)
    with scopes_disabled():
        left = Client.objects.filter(name__startswith="Bench ").count()

    print(
        f"Machine: {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{connection.vendor}, {REQUESTS} requests per page, in-process test client"
    )
    print(
        f"\nDemo load: first run {first:.1f} s ({taps} tally events, {contacts} counselling "
        f"contacts), second run {again * 1000:.0f} ms\n"
    )
    print_page_table(rows, "page (Franztreff, demo history)")
    print(
        f"\nRetention: {EXPIRED} expired records anonymised in {retention:.1f} s; "
        f"{left} left; statistics unchanged: {before == after}"
    )


if __name__ == "__main__":
    main()
