"""Funding benchmark (issue 14): budget against actual and the city-wide overview at city
scale, and the funding pages on the demo.

    .venv/bin/python bench/funding.py                # 50 Treffs × 5 years × 2,000 expenses
    BENCH_EXPENSES=200 .venv/bin/python bench/funding.py   # a quick run

Builds a throw-away SQLite database (or uses DATABASE_URL) through bench/run.py's setup,
loads the demo, then bulk-creates 50 Treffs with an approved plan for each of 5 years and
BENCH_EXPENSES expenses and 6 payments per plan (500,000 expenses by default). Measures:

1. `selectors.budget_status` of one plan (time of the median of 5 runs, queries);
2. `selectors.overview_rows` over all 250 plans (median of 5, queries);
3. the pages (median and p95 of BENCH_REQUESTS requests, queries of one): a plan with
   BENCH_EXPENSES expenses, the city-wide overview, the demo's proof of use as PDF.
Prints Markdown for docs/benchmarks.md.
"""

import datetime as dt
import os
import platform
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import setup_test_environment
from django.urls import NoReverseMatch, reverse
from django_scopes import scopes_disabled
from run import REQUESTS, page_figures, print_page_table, settings

from treff.funding import selectors
from treff.funding.models import (
    ApprovedAmount,
    BudgetPlan,
    Expense,
    GrantNotice,
    Payment,
    PlanLine,
)
from treff.treffs.models import Organisation, Treff

TREFFS, YEARS = 50, range(2022, 2027)
EXPENSES = int(os.environ.get("BENCH_EXPENSES", "2000"))
TYPES = ["personnel", "material", "rent"]
APPROVED = {
    "personnel": Decimal("72000.00"),
    "material": Decimal("9000.00"),
    "rent": Decimal("21000.00"),
}


def build_city(user):
    carrier = Organisation.objects.create(name="Bench-Träger", kind="carrier")
    treffs = Treff.objects.bulk_create(
        Treff(name=f"Bench-Treff {n:03d}", slug=f"bench-{n:03d}", carrier=carrier)
        for n in range(TREFFS)
    )
    plans = BudgetPlan.objects.bulk_create(
        BudgetPlan(treff=t, year=y, status="approved", created_by=user)
        for t in treffs
        for y in YEARS
    )
    PlanLine.objects.bulk_create(
        PlanLine(
            plan=p,
            position=i,
            cost_type=c,
            label=c,
            amount=APPROVED[c],
            pay_grade="S 11b" if c == "personnel" else "",
            post_share=Decimal("1.00") if c == "personnel" else None,
        )
        for p in plans
        for i, c in enumerate(TYPES, 1)
    )
    notices = GrantNotice.objects.bulk_create(
        GrantNotice(
            plan=p, reference=f"B-{p.pk}", date=dt.date(p.year - 1, 12, 1), recorded_by=user
        )
        for p in plans
    )
    ApprovedAmount.objects.bulk_create(
        ApprovedAmount(notice=n, cost_type=c, amount=APPROVED[c]) for n in notices for c in TYPES
    )
    Payment.objects.bulk_create(
        Payment(plan=p, day=dt.date(p.year, m, 2), amount=Decimal("17000.00"), recorded_by=user)
        for p in plans
        for m in range(1, 13, 2)
    )
    for plan in plans:
        Expense.objects.bulk_create(
            (
                Expense(
                    plan=plan,
                    day=dt.date(plan.year, 1 + n % 12, 1 + n % 28),
                    cost_type=TYPES[n % 3],
                    purpose="Beleg",
                    payee_kind="supplier",
                    amount=Decimal(f"{(n * 37) % 5000}.{n % 100:02d}") / 100,
                    voucher=f"V{n:06d}",
                    recorded_by=user,
                )
                for n in range(EXPENSES)
            ),
            batch_size=2000,
        )
    return treffs, plans


def measure(fn, repeat=5):
    settings.DEBUG = True
    reset_queries()
    fn()
    queries = len(connection.queries)
    settings.DEBUG = False
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000, queries


def main():
    setup_test_environment()
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    call_command("load_demo", verbosity=0)
    print(f"demo loaded in {time.perf_counter() - start:.1f} s")
    city = get_user_model().objects.get(username="stadt")
    with scopes_disabled():
        start = time.perf_counter()
        treffs, plans = build_city(city)
        print(
            f"generated {len(plans)} plans, {len(plans) * EXPENSES:,} expenses in "
            f"{time.perf_counter() - start:.1f} s"
        )
        one = plans[-1]
        rows = [
            (
                "budget_status, one plan",
                measure(lambda: selectors.budget_status(one, on=dt.date(one.year, 11, 30))),
            ),
            (
                f"overview_rows, {len(plans)} plans",
                measure(lambda: selectors.overview_rows([t.pk for t in treffs])),
            ),
        ]
    print(
        f"\nMachine: {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{connection.vendor}; {EXPENSES:,} expenses per plan\n"
    )
    print("| figure | median ms | queries |")
    print("|---|---:|---:|")
    for label, (ms, queries) in rows:
        print(f"| {label} | {ms:.1f} | {queries} |")
    client = Client()
    client.force_login(city)
    pages = []
    for label, name, args in [
        (f"plan with {EXPENSES:,} expenses", "funding:plan_detail", [one.treff.slug, one.year]),
        ("city-wide overview (250 plans)", "funding:overview", []),
        ("demo proof of use, PDF", "funding:proof_pdf", ["franztreff", 2025, 1]),
    ]:
        try:
            path = reverse(name, args=args)
        except NoReverseMatch:
            print(f"(no page {name} yet)")
            continue
        pages.append((label, page_figures(client, path)))
    print()
    print_page_table(pages)
    print(f"\n({REQUESTS} requests per page)")


if __name__ == "__main__":
    main()
