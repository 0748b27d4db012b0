"""Budget against actual from the database (selectors.budget_status): the figures always
add up to the stored rows, whatever expenses and payments a plan has (issue 14 item 8)."""

import datetime as dt
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treff.funding import selectors
from treff.funding.models import Expense, Payment

pytestmark = pytest.mark.django_db

cents = st.integers(min_value=0, max_value=2_000_000).map(lambda c: Decimal(c) / 100)
days = st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 12, 31))
rows = st.lists(
    st.tuples(st.sampled_from(["personnel", "material", "rent"]), days, cents), max_size=30
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(expenses=rows, payments=st.lists(st.tuples(days, cents), max_size=6), on=days)
def test_budget_status_adds_up_to_the_rows(world, funding, expenses, payments, on):
    user = world.users["carrier"]
    with scopes_disabled():
        Expense.objects.filter(plan=funding.plan).delete()
        Payment.objects.filter(plan=funding.plan).delete()
        Expense.objects.bulk_create(
            Expense(
                plan=funding.plan,
                cost_type=code,
                day=day,
                amount=amount,
                purpose="x",
                payee_kind="other",
                voucher=f"H{n}",
                recorded_by=user,
            )
            for n, (code, day, amount) in enumerate(expenses)
        )
        Payment.objects.bulk_create(
            Payment(plan=funding.plan, day=day, amount=amount, recorded_by=user)
            for day, amount in payments
        )
        status = selectors.budget_status(funding.plan, on=on)
    assert status.approved == Decimal("90700.00")
    assert status.spent == sum((a for _, d, a in expenses if d <= on), Decimal("0.00"))
    assert status.paid == sum((a for d, a in payments if d <= on), Decimal("0.00"))
    for line in status.lines:
        assert line.spent == sum(
            (a for c, d, a in expenses if c == line.code and d <= on), Decimal("0.00")
        )
        assert line.remaining == line.approved - line.spent
    assert status.balance == status.paid - status.eligible
    assert Decimal("0.00") <= status.eligible <= status.approved


def test_not_yet_approved_plan_has_no_budget_status(funding):
    with scopes_disabled():
        assert selectors.budget_status(funding.draft, on=dt.date(2027, 6, 1)) is None


def test_non_profit_flags(world, funding):
    with scopes_disabled():
        drk = selectors.non_profit_state(world.drk, today=dt.date(2026, 11, 30))
        later = selectors.non_profit_state(world.drk, today=dt.date(2027, 2, 1))
        early = selectors.non_profit_state(world.drk, today=dt.date(2026, 11, 1))
        awo = selectors.non_profit_state(world.awo, today=dt.date(2026, 11, 30))
    assert (drk["expiring"], drk["expired"], drk["attention"]) == (True, False, True)
    assert (later["expiring"], later["expired"]) == (False, True)
    assert early["attention"] is False
    assert (awo["missing"], awo["attention"]) == (True, True)
