"""Bad input found by trying the funding pages as a new user: a payment or an expense of
0,00 €, the typed amount echoed in its message, and the limits of a post's share and of a
rent's area in the reader's number format."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django_scopes import scopes_disabled

from treff.funding import services
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
