"""The funding services: the plan's steps, the notice, payments and expenses, and the bad
input the issue names (a negative amount, three decimals, a cost type not in the plan, a
date outside the funding year, a plan changed after approval): a clear message, nothing
saved."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django_scopes import scopes_disabled

from treff.funding import selectors, services
from treff.funding.models import BudgetPlan, Expense, PlanEvent, PlanLine

from .world import FINANCING, LINES, expense

pytestmark = pytest.mark.django_db


def messages(error):
    return (
        sorted(m for ms in error.message_dict.values() for m in ms)
        if hasattr(error, "error_dict")
        else error.messages
    )


def test_plan_steps_are_recorded_with_author(world, funding):
    with scopes_disabled():
        kinds = [(e.kind, e.by.username) for e in funding.plan.events.all()]
    assert kinds == [
        ("created", "carrier"),
        ("submitted", "carrier"),
        ("approved", "city"),
        ("payment", "city"),
        ("payment", "city"),
    ]


def test_rent_line_is_twelve_months_of_rent_and_advance(funding):
    with scopes_disabled():
        rent = PlanLine.objects.get(plan=funding.plan, cost_type="rent")
    assert rent.amount == Decimal("19200.00")


def test_totals_and_budget_status(funding):
    with scopes_disabled(), translation.override("en"):
        totals = services.plan_totals(funding.plan)
        status = selectors.budget_status(funding.plan, on=dt.date(2026, 11, 30))
    assert totals["costs"] == Decimal("93200.00")
    assert totals["financing"] == Decimal("93200.00")
    assert status.approved == Decimal("90700.00")
    assert status.spent == Decimal("7356.57")
    assert status.paid == Decimal("85000.00")
    assert status.balance == Decimal("77643.43")


def test_plan_changed_after_approval_is_refused(world, funding):
    with scopes_disabled(), translation.override("en"), pytest.raises(ValidationError) as error:
        services.plan_save(
            plan=funding.plan, lines=LINES, financing=FINANCING, user=world.users["carrier"]
        )
    assert error.value.messages == ["The plan is approved and cannot be changed."]


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5.00", "Cost line 2: an amount cannot be negative."),
        ("12.345", "Cost line 2: “12.345” is not an amount in euros with at most two decimals."),
        ("zwölf", "Cost line 2: “zwölf” is not an amount in euros with at most two decimals."),
    ],
)
def test_bad_amount_in_a_plan_line_names_the_line(world, funding, amount, message):
    lines = [dict(line) for line in LINES]
    lines[1]["amount"] = amount
    with scopes_disabled(), translation.override("en"):
        with pytest.raises(ValidationError) as error:
            services.plan_save(
                plan=funding.draft, lines=lines, financing=FINANCING, user=world.users["carrier"]
            )
        assert messages(error.value) == [message]
        assert PlanLine.objects.filter(plan=funding.draft).count() == 4


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"day": dt.date(2025, 12, 31)}, "The date 31/12/2025 is outside the funding year 2026."),
        ({"cost_type": "other"}, "The cost type “Other costs” is not in the approved plan."),
    ],
)
def test_expense_outside_year_or_plan_is_refused(world, funding, changes, message):
    fields = {"day": dt.date(2026, 5, 1), "cost_type": "material", **changes}
    with scopes_disabled(), translation.override("en"):
        with pytest.raises(ValidationError) as error:
            expense(
                funding.plan,
                world.users["carrier"],
                "B-X",
                fields["day"],
                "10.00",
                fields["cost_type"],
            )
        assert error.value.messages == [message]
        assert Expense.objects.filter(voucher="B-X").count() == 0


def test_negative_expense_is_refused(world, funding):
    with scopes_disabled(), translation.override("en"), pytest.raises(ValidationError) as error:
        expense(funding.plan, world.users["carrier"], "B-N", dt.date(2026, 5, 1), "-1.00")
    assert messages(error.value) == ["Amount: an amount cannot be negative."]


def test_coordinator_limit(world, funding):
    with scopes_disabled(), translation.override("en"):
        with pytest.raises(ValidationError) as error:
            expense(
                funding.plan,
                world.users["coordinator"],
                "K-1",
                dt.date(2026, 5, 1),
                "60.00",
                limit=Decimal("50.00"),
            )
        assert error.value.messages == ["Expenses above 50.00 € are recorded by the carrier."]
        kept = expense(
            funding.plan,
            world.users["coordinator"],
            "K-2",
            dt.date(2026, 5, 1),
            "50.00",
            limit=Decimal("50.00"),
        )
    assert kept.amount == Decimal("50.00")


def test_submit_needs_balanced_financing(world, funding):
    financing = [dict(FINANCING[0]), {**FINANCING[1], "amount": "5000.00"}]
    with scopes_disabled(), translation.override("en"):
        services.plan_save(
            plan=funding.draft, lines=LINES, financing=financing, user=world.users["carrier"]
        )
        with pytest.raises(ValidationError) as error:
            services.plan_submit(plan=funding.draft, user=world.users["carrier"])
        funding.draft.refresh_from_db()
    assert error.value.messages == [
        "Costs (93,200.00 €) and financing (93,000.00 €) differ; a plan is submitted balanced."
    ]
    assert funding.draft.status == BudgetPlan.Status.DRAFT


def test_return_needs_comment_and_approve_refuses_more_than_applied(world, funding):
    carrier, city = world.users["carrier"], world.users["city"]
    with scopes_disabled(), translation.override("en"):
        services.plan_submit(plan=funding.draft, user=carrier)
        with pytest.raises(ValidationError) as error:
            services.plan_return(plan=funding.draft, comment=" ", user=city)
        assert messages(error.value) == ["Say what should change."]
        with pytest.raises(ValidationError) as error:
            services.plan_approve(
                plan=funding.draft,
                reference="X",
                date=dt.date(2026, 12, 1),
                amounts={"rent": "19200.01"},
                user=city,
            )
        assert messages(error.value) == [
            "Rent and operating costs: more approved than applied for (19,200.00 €)."
        ]
        services.plan_return(plan=funding.draft, comment="Bitte Miete belegen", user=city)
        funding.draft.refresh_from_db()
        last = funding.draft.events.last()
    assert funding.draft.status == BudgetPlan.Status.RETURNED
    assert (last.kind, last.comment) == (PlanEvent.Kind.RETURNED, "Bitte Miete belegen")
