"""Budget against actual (treff/funding/engine/budget.py): exact Decimal figures, the
ANBest-P warnings, and sums that always add up."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from treff.funding.engine.budget import (
    CODE_OVERRUN_BEYOND_SHARE,
    CODE_OVERRUN_UNCOVERED,
    CODE_PAYMENT_NOT_SPENT,
    CODE_REFUND_DUE,
    BudgetError,
    Expense,
    GrantRules,
    Line,
    Payment,
    compare,
)

D = Decimal
YEAR_END = dt.date(2026, 12, 31)
PLAN = [
    Line("personnel", D("62000.00")),
    Line("material", D("8000.00")),
    Line("rent", D("14400.00")),
]


def _codes(comparison):
    return [(w.code, w.line) for w in comparison.warnings]


def test_budget_against_actual_per_cost_type_at_a_date():
    expenses = [
        Expense("personnel", dt.date(2026, 1, 31), D("5166.67")),
        Expense("personnel", dt.date(2026, 2, 28), D("5166.67")),
        Expense("rent", dt.date(2026, 1, 3), D("1200.00")),
        Expense("material", dt.date(2026, 3, 2), D("349.99")),  # after the day asked about
    ]
    payments = [Payment(dt.date(2026, 1, 15), D("21100.00"))]
    found = compare(PLAN, expenses, payments, on=dt.date(2026, 2, 28))
    assert [(s.code, s.approved, s.spent, s.remaining) for s in found.lines] == [
        ("personnel", D("62000.00"), D("10333.34"), D("51666.66")),
        ("material", D("8000.00"), D("0.00"), D("8000.00")),
        ("rent", D("14400.00"), D("1200.00"), D("13200.00")),
    ]
    assert (found.approved, found.spent, found.paid, found.balance, found.warnings) == (
        D("84400.00"),
        D("11533.34"),
        D("21100.00"),
        D("9566.66"),
        (),
    )


def test_an_overrun_within_twenty_percent_is_covered_by_savings_elsewhere():
    expenses = [
        Expense("material", dt.date(2026, 11, 1), D("9500.00")),  # 1,500 over: 18.75 %
        Expense("personnel", dt.date(2026, 12, 1), D("60000.00")),  # 2,000 saved
        Expense("rent", dt.date(2026, 12, 1), D("14400.00")),
    ]
    found = compare(PLAN, expenses, [], on=YEAR_END)
    assert (found.covered_overrun, found.eligible, _codes(found)) == (
        D("1500.00"),
        D("83900.00"),
        [],
    )


def test_an_overrun_beyond_twenty_percent_is_named_with_its_line():
    expenses = [
        Expense("material", dt.date(2026, 11, 1), D("9600.01")),  # 1,600.01 over; 20 % = 1,600
        Expense("personnel", dt.date(2026, 12, 1), D("50000.00")),
    ]
    plan = [*PLAN[:1], Line("material", D("8000.00"), label="Sachkosten"), *PLAN[2:]]
    found = compare(plan, expenses, [], on=YEAR_END)
    assert _codes(found) == [(CODE_OVERRUN_BEYOND_SHARE, "material")]
    with translation.override("en"):
        assert str(found.warnings[0].message) == (
            "Sachkosten: 1600.01 € over the approved 8000.00 €; without the city's consent at "
            "most 1600.00 € may be covered by savings on other lines."
        )
    # Only the allowed 20 % count: the cent above is the carrier's.
    assert (found.covered_overrun, found.eligible) == (D("1600.00"), D("59600.00"))


def test_an_overrun_that_no_saving_covers_is_flagged():
    expenses = [
        Expense("personnel", dt.date(2026, 12, 1), D("62000.00")),
        Expense("material", dt.date(2026, 12, 1), D("9000.00")),
        Expense("rent", dt.date(2026, 12, 1), D("14000.00")),  # only 400 saved
    ]
    found = compare(PLAN, expenses, [], on=YEAR_END)
    assert (_codes(found), found.covered_overrun, found.eligible) == (
        [(CODE_OVERRUN_UNCOVERED, None)],
        D("400.00"),
        D("84400.00"),
    )


def test_a_payment_not_spent_within_two_months_is_flagged():
    payments = [
        Payment(dt.date(2026, 3, 1), D("10000.00")),
        Payment(dt.date(2026, 6, 1), D("10000.00")),
    ]
    expenses = [
        Expense("personnel", dt.date(2026, 2, 20), D("3000.00")),  # paid in advance: counts
        Expense("personnel", dt.date(2026, 4, 30), D("6000.00")),
        Expense("personnel", dt.date(2026, 7, 15), D("11000.00")),
    ]
    found = compare(PLAN, expenses, payments, on=dt.date(2026, 8, 31))
    # By 1 May 9,000 of the first 10,000 were spent; the second was spent by 1 August.
    assert [(p.day, p.unspent, p.due) for p in found.unspent_payments] == [
        (dt.date(2026, 3, 1), D("1000.00"), dt.date(2026, 5, 1))
    ]
    assert _codes(found) == [(CODE_PAYMENT_NOT_SPENT, None)]
    # Asked about before 1 May, the first payment's window is still open.
    assert compare(PLAN, expenses, payments, on=dt.date(2026, 5, 1)).unspent_payments == ()


def test_money_held_at_the_end_is_due_back():
    payments = [Payment(dt.date(2026, 1, 10), D("84400.00"))]
    expenses = [Expense("rent", dt.date(2026, 12, 30), D("84000.00"))]
    plan = [Line("rent", D("84400.00"))]
    running = compare(
        plan, expenses, payments, on=YEAR_END, rules=GrantRules(spend_within_months=12)
    )
    final = compare(
        plan, expenses, payments, on=YEAR_END, rules=GrantRules(spend_within_months=12), final=True
    )
    assert (running.balance, _codes(running), _codes(final)) == (
        D("400.00"),
        [],
        [(CODE_REFUND_DUE, None)],
    )
    # Translated when shown, in the reader's language.
    with translation.override("de"):
        assert str(final.warnings[0].message) == (
            "400.00 € wurden ausgezahlt, aber nicht für den Zweck verwendet; dieser Betrag ist "
            "zurückzuzahlen."
        )


@pytest.mark.parametrize(
    ("lines", "expenses", "reason"),
    [
        ([Line("rent", D("1.00")), Line("rent", D("2.00"))], [], "'rent' is in the plan twice"),
        (PLAN, [Expense("travel", dt.date(2026, 1, 1), D("5.00"))], "'travel' .* not in the plan"),
        (PLAN, [Expense("rent", dt.date(2026, 1, 1), D("-5.00"))], "rent: .*negative"),
        (PLAN, [Expense("rent", dt.date(2026, 1, 1), D("5.005"))], "rent: .*two decimals"),
        ([Line("rent", 0.5)], [], "rent: .*not 0.5"),
    ],
)
def test_bad_input_is_refused_with_the_line_named(lines, expenses, reason):
    with pytest.raises(BudgetError, match=reason):
        compare(lines, expenses, [], on=YEAR_END)


cents = st.integers(min_value=0, max_value=5_000_000).map(lambda c: D(c).scaleb(-2))
days = st.dates(min_value=dt.date(2026, 1, 1), max_value=YEAR_END)
codes = st.sampled_from(["personnel", "material", "rent"])


@given(
    approved=st.lists(cents, min_size=3, max_size=3),
    expenses=st.lists(st.builds(Expense, codes, days, cents), max_size=30),
    payments=st.lists(st.builds(Payment, days, cents), max_size=8),
    on=days,
)
def test_budget_against_actual_always_adds_up(approved, expenses, payments, on):
    names = ["personnel", "material", "rent"]
    plan = [Line(code, amount) for code, amount in zip(names, approved, strict=True)]
    found = compare(plan, expenses, payments, on=on)
    booked = [e for e in expenses if e.day <= on]
    assert found.spent == sum((e.amount for e in booked), D("0.00"))
    assert found.approved == sum(approved, D("0.00"))
    assert found.paid == sum((p.amount for p in payments if p.day <= on), D("0.00"))
    assert [s.remaining for s in found.lines] == [s.approved - s.spent for s in found.lines]
    assert found.eligible <= min(found.spent, found.approved)
    assert found.balance == found.paid - found.eligible
    for p in found.unspent_payments:
        assert D("0.00") < p.unspent <= p.amount
    assert sum((p.unspent for p in found.unspent_payments), D("0.00")) <= found.paid
