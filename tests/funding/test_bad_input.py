"""Bad input found by trying the funding pages as a new user: a payment or an expense of
0,00 €, the typed amount echoed in its message, and the limits of a post's share and of a
rent's area in the reader's number format."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django_scopes import scopes_disabled

from treff.funding import services, services_expenses
from treff.funding.forms import AmountField, PersonnelLineForm, RentLineForm
from treff.funding.models import Expense, Payment

from .world import expense

pytestmark = pytest.mark.django_db


def test_payment_of_nothing_is_refused(world, funding):
    with scopes_disabled(), translation.override("en"):
        before = Payment.objects.count()
        with pytest.raises(ValidationError) as error:
            services.payment_add(
                plan=funding.plan, day=dt.date(2026, 8, 1), amount="0.00", user=world.users["city"]
            )
        assert error.value.message_dict == {
            "amount": ["A payment of 0.00 € is no payment; enter the amount paid."]
        }
        assert Payment.objects.count() == before


def test_expense_of_nothing_is_refused(world, funding):
    with scopes_disabled(), translation.override("en"):
        with pytest.raises(ValidationError) as error:
            expense(funding.plan, world.users["carrier"], "B-0", dt.date(2026, 5, 1), "0,00")
        assert error.value.messages == [
            "An expense of 0.00 € is no expense; enter the amount paid."
        ]
        assert not Expense.objects.filter(voucher="B-0").exists()


def test_amount_message_names_the_amount_as_typed():
    field = AmountField(label="Betrag (€)")
    with translation.override("de"), pytest.raises(ValidationError) as error:
        field.clean("1.234.567,891")
    assert "1.234.567,891" in error.value.messages[0]
    assert "1234567.891" not in error.value.messages[0]


LINE = {"label": "Koordination", "amount": "60000", "pay_grade": "S 11b"}


@pytest.mark.parametrize("share", ["2", "0", "0.555"])
def test_share_of_a_post_out_of_range_says_what_fits(share):
    with translation.override("en"):
        form = PersonnelLineForm(data={**LINE, "post_share": share})
        assert not form.is_valid()
        assert form.errors["post_share"] == [
            "Enter a share between 0.01 and 1, e.g. 0.5 for a half post."
        ]


@pytest.mark.parametrize("area", ["-1", "1e9", "123456"])
def test_area_out_of_range_says_what_fits(area):
    data = {"label": "Miete", "landlord": "WG", "area_m2": area, "monthly_rent": "900"}
    with translation.override("en"):
        form = RentLineForm(data=data)
        assert not form.is_valid()
        assert form.errors["area_m2"] == [
            "Enter the area in m² as a number above 0 and below 100,000, e.g. 85.5."
        ]


def test_coordinator_changes_only_their_own_small_expenses(world, funding, client_for):
    from django.urls import reverse

    from treff.funding.models import BudgetPlan

    def url(name, *args):
        return reverse(f"funding:{name}", args=["franztreff", 2026, *args])

    client = client_for("coordinator")
    client.cookies["django_language"] = "en"
    with scopes_disabled():
        BudgetPlan.objects.filter(pk=funding.plan.pk).update(coordinator_expense_limit="150.00")
        carriers = Expense.objects.get(voucher="B-2026-003")  # 89.90 €, by the carrier
    data = {
        "voucher": "B-2026-003",
        "day": "2026-03-12",
        "cost_type": "material",
        "purpose": "Changed by the coordinator",
        "payee_kind": "supplier",
        "amount": "140,00",
    }
    response = client.get(url("expense_edit", carriers.pk))
    assert response.status_code == 302
    response = client.post(url("expense_edit", carriers.pk), data)
    assert response.status_code == 302
    with scopes_disabled():
        carriers.refresh_from_db()
    assert (carriers.purpose, carriers.amount) == ("Reinigungsmittel", Decimal("89.90"))
    carriers.purpose = "x"
    with scopes_disabled(), pytest.raises(ValidationError) as error:
        services_expenses.expense_save(
            expense=carriers,
            plan=funding.plan,
            user=world.users["coordinator"],
            limit=Decimal("150.00"),
        )
    assert error.value.messages == ["Only the carrier can change this expense."]

    own = {**data, "voucher": "K-1", "day": "2026-11-20", "purpose": "Kaffee", "amount": "12,50"}
    assert (
        client.post(reverse("funding:expense_create", args=["franztreff", 2026]), own).status_code
        == 302
    )
    with scopes_disabled():
        mine = Expense.objects.get(voucher="K-1")
    page = client.get(reverse("funding:plan_detail", args=["franztreff", 2026])).content.decode()
    assert url("expense_edit", mine.pk) in page
    assert url("expense_edit", carriers.pk) not in page
    response = client.post(url("expense_edit", mine.pk), {**own, "amount": "14,00"})
    assert response.status_code == 302
    with scopes_disabled():
        mine.refresh_from_db()
    assert mine.amount == Decimal("14.00")


def test_xlsx_number_with_three_decimals_is_named_in_the_readers_format(world, funding):
    from treff.funding import services_import

    from .test_import import xlsx_bytes

    content = xlsx_bytes([[dt.date(2026, 6, 1), "Sachkosten", "Toner", "Lieferant", 12.345, "T"]])
    with scopes_disabled(), translation.override("de"), pytest.raises(ValidationError) as error:
        services_import.expenses_import(
            plan=funding.plan, filename="a.xlsx", content=content, user=world.users["carrier"]
        )
    assert "„12,345“" in error.value.messages[0]


def test_expense_form_offers_the_same_empty_choice_everywhere():
    from treff.funding.forms import ExpenseForm

    form = ExpenseForm(cost_types={"material": Decimal("1.00")})
    assert next(iter(form.fields["payee_kind"].choices)) == ("", "—")
    assert next(iter(form.fields["cost_type"].choices)) == ("", "—")


def test_a_coordinator_limit_of_nothing_is_refused(world, funding):
    from .world import FINANCING, LINES

    with scopes_disabled(), translation.override("en"):
        with pytest.raises(ValidationError) as error:
            services.plan_save(
                plan=funding.draft,
                lines=LINES,
                financing=FINANCING,
                coordinator_expense_limit="0,00",
                user=world.users["carrier"],
            )
        funding.draft.refresh_from_db()
    assert error.value.message_dict == {
        "coordinator_expense_limit": [
            "Enter an amount above 0 €, or leave the field empty if only the carrier records "
            "expenses."
        ]
    }
    assert funding.draft.coordinator_expense_limit is None
