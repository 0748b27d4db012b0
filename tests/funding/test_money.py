"""Euro amounts are Decimal whole cents; a float, a third decimal or a minus is refused."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treff.funding.engine.money import AmountError, euros, rounded


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        (Decimal("1234.5"), Decimal("1234.50")),
        (12, Decimal("12.00")),
        ("1234.50", Decimal("1234.50")),
        ("1.234,50", Decimal("1234.50")),
        (" 99,9 ", Decimal("99.90")),
        ("0", Decimal("0.00")),
    ],
)
def test_amounts_become_whole_cents(value, amount):
    assert (euros(value), euros(value).as_tuple().exponent) == (amount, -2)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (0.1, "not 0.1"),
        (True, "not True"),
        ("12.345", "more than two decimals"),
        (Decimal("0.001"), "more than two decimals"),
        ("-5", "negative"),
        ("zwölf", "not an amount"),
        (Decimal("NaN"), "not an amount"),
        ("Infinity", "not an amount"),
        (None, "not an amount"),
    ],
)
def test_what_is_not_whole_cents_is_refused_with_the_reason(value, reason):
    with pytest.raises(AmountError, match=reason):
        euros(value)


def test_a_negative_amount_where_one_is_allowed():
    assert euros("-12.30", negative=True) == Decimal("-12.30")


def test_shares_round_half_up_to_the_cent():
    assert (rounded(Decimal("0.005")), rounded(Decimal("246.9100")), rounded(Decimal("2.675"))) == (
        Decimal("0.01"),
        Decimal("246.91"),
        Decimal("2.68"),
    )


@given(st.integers(min_value=0, max_value=10**12))
def test_any_number_of_cents_comes_back_unchanged(cents):
    amount = Decimal(cents).scaleb(-2)
    assert (euros(amount), euros(str(amount))) == (amount, amount)
