"""Expense import benchmark: a generated 5,000-row bookkeeping export, as CSV (cp1252, ";",
German numbers) and as XLSX, imported into an approved plan; then the same CSV again (every
row already recorded, nothing added).

    .venv/bin/python bench/funding_import.py

Builds a throw-away SQLite database (or uses DATABASE_URL) through bench/run.py's setup and
one Treff with an approved plan (no demo load). Prints a Markdown table: file size, time
of reading the file alone and of the whole import (ms, median of BENCH_IMPORT_RUNS runs, each
in a rolled-back transaction), and the queries of one import.
"""

import csv
import datetime as dt
import io
import os
import platform
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scopes_disabled
from openpyxl import Workbook
from run import timed

from treff.accounts.models import User
from treff.funding import services, services_import
from treff.treffs.models import Membership, Organisation, Role, Treff

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "5000"))
RUNS = int(os.environ.get("BENCH_IMPORT_RUNS", "5"))
KINDS = [("Personalkosten", "Beschäftigte"), ("Sachkosten", "Lieferant"), ("Miete", "Vermieter")]


def rows(year):
    start = dt.date(year, 1, 1)
    for i in range(ROWS):
        cost_type, payee = KINDS[i % 3]
        day = start + dt.timedelta(days=i % 365)
        yield (
            day,
            cost_type,
            f"Buchung {i} für Übung",
            payee,
            (i % 500) * 100 + i % 100,
            f"B-{i:06d}",
        )


def csv_file(year) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(services_import.TEMPLATE_HEADER)
    for day, cost_type, purpose, payee, cents, voucher in rows(year):
        euros = f"{cents // 100:,}".replace(",", ".") + f",{cents % 100:02d}"
        writer.writerow([day.strftime("%d.%m.%Y"), cost_type, purpose, payee, euros, voucher])
    return buffer.getvalue().encode("cp1252")


def xlsx_file(year) -> bytes:
    from decimal import Decimal

    book = Workbook()
    sheet = book.active
    sheet.append(services_import.TEMPLATE_HEADER)
    for day, cost_type, purpose, payee, cents, voucher in rows(year):
        sheet.append([day, cost_type, purpose, payee, float(Decimal(cents) / 100), voucher])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def world(year):
    carrier_org = Organisation.objects.create(name="DRK", kind=Organisation.Kind.CARRIER)
    city_org = Organisation.objects.create(name="Stadt", kind=Organisation.Kind.CITY)
    treff = Treff.objects.create(name="Benchtreff", slug="benchtreff", carrier=carrier_org)
    carrier = User.objects.create(username="bench-carrier")
    city = User.objects.create(username="bench-city")
    Membership.objects.create(user=carrier, role=Role.CARRIER_ADMIN, organisation=carrier_org)
    Membership.objects.create(user=city, role=Role.CITY_STAFF, organisation=city_org)
    plan = services.plan_create(treff=treff, year=year, user=carrier)
    lines = [
        {
            "cost_type": "personnel",
            "label": "Koordination",
            "amount": "68000.00",
            "pay_grade": "S 11b",
            "post_share": "1.00",
        },
        {"cost_type": "material", "label": "Sachkosten", "amount": "6000.00"},
        {
            "cost_type": "rent",
            "label": "Miete",
            "amount": "19200.00",
            "landlord": "DWG",
            "area_m2": "180",
            "monthly_rent": "1600.00",
        },
    ]
    services.plan_save(
        plan=plan, lines=lines, financing=[{"source": "grant", "amount": "93200.00"}], user=carrier
    )
    services.plan_submit(plan=plan, user=carrier)
    amounts = {"personnel": "68000.00", "material": "6000.00", "rent": "19200.00"}
    services.plan_approve(
        plan=plan, reference="B-1", date=dt.date(year - 1, 12, 1), amounts=amounts, user=city
    )
    plan.refresh_from_db()
    return plan, carrier


def measure(plan, carrier, name, content, *, keep=False):
    """Median ms of reading alone and of the import; queries and rows of one import."""
    read = [timed(lambda: services_import.read_rows(name, content)) for _ in range(RUNS)]
    whole, result = [], None
    for _ in range(RUNS):
        with transaction.atomic():
            with CaptureQueriesContext(connection) as queries:
                whole.append(
                    timed(
                        lambda: services_import.expenses_import(
                            plan=plan, filename=name, content=content, user=carrier
                        )
                    )
                )
            result = (len(queries), plan.imports.order_by("-pk").first())
            if not keep:
                transaction.set_rollback(True)
    return statistics.median(read) * 1000, statistics.median(whole) * 1000, *result


def main():
    call_command("migrate", "--no-input", verbosity=0)
    year = timezone.localdate().year
    with scopes_disabled():
        plan, carrier = world(year)
        files = [("ausgaben.csv", csv_file(year)), ("ausgaben.xlsx", xlsx_file(year))]
        figures = [
            (name, content, *measure(plan, carrier, name, content)) for name, content in files
        ]
        # Once for real, then the same file again: every row is already recorded.
        measure(plan, carrier, "ausgaben.csv", files[0][1], keep=True)
        again = ("ausgaben.csv again", files[0][1], *measure(plan, carrier, "x.csv", files[0][1]))
    print(
        f"Machine: {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{connection.vendor}, {ROWS} rows, median of {RUNS} runs\n"
    )
    print("| file | size KB | read ms | import ms | queries | added | known |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, content, read, whole, queries, record in [*figures, again]:
        print(
            f"| {name} | {len(content) / 1024:.0f} | {read:.0f} | {whole:.0f} | {queries} | "
            f"{record.rows_added} | {record.rows_known} |"
        )


if __name__ == "__main__":
    main()
