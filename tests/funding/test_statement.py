"""The numerical statement of a proof of use (statement.py): exact figures for the world's
plan, and for any plan that lines add up to totals and the balance is paid − eligible."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled
from hypothesis import given, settings
from hypothesis import strategies as st

from treff.funding import statement
from treff.funding.engine.budget import Expense, Line, Payment, compare
from treff.funding.engine.money import ZERO

D = Decimal


@pytest.mark.django_db
def test_statement_of_the_worlds_plan(funding):
    with scopes_disabled():
        data = statement.statement(funding.plan)
    assert data == {
        "year": 2026,
        "on": "2026-12-31",
        "lines": [
            {
                "cost_type": "personnel",
                "approved": "66000.00",
                "actual": "5666.67",
                "difference": "60333.33",
            },
            {
                "cost_type": "material",
                "approved": "5500.00",
                "actual": "89.90",
                "difference": "5410.10",
            },
            {
                "cost_type": "rent",
                "approved": "19200.00",
                "actual": "1600.00",
                "difference": "17600.00",
            },
        ],
        "totals": {"approved": "90700.00", "actual": "7356.57", "difference": "83343.43"},
        "income": {
            "grant_paid": "85000.00",
            "own": "5200.00",
            "third_party": "0.00",
            "total": "90200.00",
        },
        "eligible": "7356.57",
        "balance": "77643.43",
        "refund": "77643.43",
        "still_due": "0.00",
    }
    # JSON as it is stored, and back to exact Decimals.
    assert json.loads(json.dumps(data)) == data
    amounts = statement.amounts(data)
    assert amounts["totals"]["approved"] == D("90700.00")
    assert amounts["income"]["grant_paid"] == D("85000.00")
    assert amounts["refund"] == D("77643.43")


@pytest.mark.django_db
def test_no_statement_before_approval(funding):
    with scopes_disabled():
        assert statement.statement(funding.draft) is None


CODES = ["personnel", "material", "rent", "other"]
cents = st.integers(min_value=0, max_value=5_000_000).map(lambda c: D(c) / 100)
days = st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 12, 31))


@st.composite
def plans(draw):
    codes = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=4, unique=True))
    lines = [Line(code, draw(cents)) for code in codes]
    expenses = draw(st.lists(st.builds(Expense, st.sampled_from(codes), days, cents), max_size=12))
    payments = draw(st.lists(st.builds(Payment, days, cents), max_size=4))
    return lines, expenses, payments


@settings(max_examples=150, deadline=None)
@given(plans(), cents, cents)
def test_lines_add_up_and_balance_is_paid_minus_eligible(plan, own, third):
    lines, expenses, payments = plan
    comparison = compare(lines, expenses, payments, on=dt.date(2026, 12, 31), final=True)
    data = statement.from_comparison(comparison, year=2026, own=own, third_party=third)
    for key in ("approved", "actual", "difference"):
        assert sum((D(line[key]) for line in data["lines"]), ZERO) == D(data["totals"][key])
    for line in data["lines"]:
        assert D(line["approved"]) - D(line["actual"]) == D(line["difference"])
    income = data["income"]
    assert D(income["grant_paid"]) + D(income["own"]) + D(income["third_party"]) == D(
        income["total"]
    )
    balance = D(data["balance"])
    assert balance == D(income["grant_paid"]) - D(data["eligible"])
    assert D(data["refund"]) - D(data["still_due"]) == balance
    assert min(D(data["refund"]), D(data["still_due"])) == ZERO
    assert D(data["eligible"]) <= D(data["totals"]["approved"])
    assert all(len(v.split(".")[1]) == 2 for v in (data["balance"], data["eligible"]))


def test_compare_names_changed_lines():
    base = {
        "lines": [
            {"cost_type": "rent", "approved": "10.00", "actual": "4.00", "difference": "6.00"}
        ],
        "totals": {"approved": "10.00", "actual": "4.00", "difference": "6.00"},
        "income": {"grant_paid": "10.00", "own": "0.00", "third_party": "0.00", "total": "10.00"},
        "eligible": "4.00",
        "balance": "6.00",
        "refund": "6.00",
        "still_due": "0.00",
    }
    later = json.loads(json.dumps(base))
    later["lines"][0].update(actual="5.50", difference="4.50")
    rows = statement.compare(base, later)
    changed = {(r["key"], r["cost_type"]): r["difference"] for r in rows if r["difference"]}
    assert changed == {("actual", "rent"): D("1.50"), ("difference", "rent"): D("-1.50")}
