"""Funding objects on top of the shared `world` (tests/conftest.py).

`build_funding(world)` can be called from any fixture (also the access matrix's). Franztreff
(carrier DRK) gets an approved plan for 2026 — personnel, material items, a lease — with its
grant notice, two payments and three expenses, and a draft for 2027; Rosseltreff (AWO) an
approved plan for 2026 with one expense (for the outsider tests). DRK has a non-profit
notice valid until 2027-01-31 (within 90 days of the pinned today, 2026-11-30).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django_scopes import scopes_disabled

from treff.funding import services, services_expenses
from treff.funding.models import BudgetPlan, Expense, GrantNotice, NonProfitStatus

D = Decimal

LINES = [
    {
        "cost_type": "personnel",
        "label": "Koordinatorin",
        "amount": "68000.00",
        "pay_grade": "TVöD SuE S 11b",
        "post_share": D("1.00"),
    },
    {"cost_type": "material", "label": "Reinigung", "amount": "4800.00"},
    {"cost_type": "material", "label": "PC und Telefon", "amount": "1200.00"},
    {
        "cost_type": "rent",
        "label": "Franzstraße 12",
        "amount": "",
        "landlord": "DWG Dessau",
        "area_m2": D("180.00"),
        "monthly_rent": "1250.00",
        "monthly_advance": "350.00",
    },
]
FINANCING = [
    {"source": "grant", "label": "Förderrichtlinie Soziales", "amount": "88000.00"},
    {"source": "own", "label": "Eigenmittel DRK", "amount": "5200.00"},
]
# Costs: 68000 + 4800 + 1200 + 12 × 1600 = 93200.00 = 88000 + 5200.
APPROVED = {"personnel": "66000.00", "material": "5500.00", "rent": "19200.00"}


@dataclass
class FundingObjects:
    plan: BudgetPlan  # Franztreff 2026, approved
    notice: GrantNotice
    expense: Expense
    draft: BudgetPlan  # Franztreff 2027
    other_plan: BudgetPlan  # Rosseltreff 2026, approved
    other_expense: Expense
    non_profit: NonProfitStatus


def approved_plan(treff, year, *, carrier, city, reference="50-2026-01") -> BudgetPlan:
    plan = services.plan_create(treff=treff, year=year, user=carrier)
    services.plan_save(plan=plan, lines=LINES, financing=FINANCING, user=carrier)
    services.plan_submit(plan=plan, user=carrier)
    services.plan_approve(
        plan=plan, reference=reference, date=dt.date(year - 1, 12, 10), amounts=APPROVED, user=city
    )
    plan.refresh_from_db()
    return plan


def expense(plan, user, voucher, day, amount, cost_type="material", **kwargs) -> Expense:
    return services_expenses.expense_save(
        expense=Expense(
            day=day,
            cost_type=cost_type,
            purpose=kwargs.pop("purpose", "Reinigungsmittel"),
            payee_kind=kwargs.pop("payee_kind", "supplier"),
            amount=amount,
            voucher=voucher,
        ),
        plan=plan,
        user=user,
        **kwargs,
    )


def build_funding(world) -> FundingObjects:
    carrier, city = world.users["carrier"], world.users["city"]
    other_carrier = world.users["other_carrier"]
    with scopes_disabled():
        plan = approved_plan(world.franztreff, 2026, carrier=carrier, city=city)
        services.payment_add(plan=plan, day=dt.date(2026, 1, 5), amount="45000.00", user=city)
        services.payment_add(plan=plan, day=dt.date(2026, 7, 1), amount="40000.00", user=city)
        first = expense(
            plan,
            carrier,
            "B-2026-001",
            dt.date(2026, 1, 31),
            "5666.67",
            "personnel",
            purpose="Gehalt Januar",
            payee_kind="employee",
        )
        expense(
            plan,
            carrier,
            "B-2026-002",
            dt.date(2026, 2, 1),
            "1600.00",
            "rent",
            purpose="Miete Februar",
            payee_kind="landlord",
        )
        expense(plan, carrier, "B-2026-003", dt.date(2026, 3, 12), "89.90")
        draft = services.plan_create(
            treff=world.franztreff, year=2027, user=carrier, copy_from=plan
        )
        other_plan = approved_plan(
            world.rosseltreff, 2026, carrier=other_carrier, city=city, reference="50-2026-02"
        )
        other = expense(other_plan, other_carrier, "AWO-1", dt.date(2026, 4, 1), "120.00")
        non_profit = services.non_profit_add(
            organisation=world.drk,
            tax_office="Finanzamt Dessau-Roßlau",
            notice_date=dt.date(2024, 1, 31),
            valid_until=dt.date(2027, 1, 31),
            user=carrier,
        )
    return FundingObjects(plan, plan.notice, first, draft, other_plan, other, non_profit)
