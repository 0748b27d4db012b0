"""Euro amounts: `Decimal` everywhere, whole cents, rounded half-up only at the edges.

A grant is accounted for in euros and cents (Fachkonzept §5: personnel, material and rent
costs; the Verwendungsnachweis states them to the cent). Binary floats cannot hold 0.10
exactly, so they are refused rather than converted; amounts come in as Decimal, int or text.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


class AmountError(ValueError):
    """An amount that is not a whole number of cents, negative where it must not be, or
    not a number at all; the message says which."""


def euros(value: object, *, negative: bool = False) -> Decimal:
    """`value` as a Decimal of whole cents (scale 2).

    Accepts Decimal, int and text ("1234.5", "1234,50" with a decimal comma). Raises
    AmountError for a float (say Decimal("0.1"), not 0.1), for more than two decimals
    ("12.345": give it in cents), for a negative amount unless `negative`, and for
    anything that is not a finite number.
    """
    if isinstance(value, bool | float):
        raise AmountError(f"An amount is given as Decimal, int or text, not {value!r}.")
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")  # 1.234,50 → 1234.50
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise AmountError(f"{value!r} is not an amount in euros.") from None
    if isinstance(value, int):
        value = Decimal(value)
    if not isinstance(value, Decimal) or not value.is_finite():
        raise AmountError(f"{value!r} is not an amount in euros.")
    if value != value.quantize(CENT, rounding=ROUND_HALF_UP):
        raise AmountError(f"{value} has more than two decimals: amounts are whole cents.")
    if value < 0 and not negative:
        raise AmountError(f"{value} is negative; an amount here is 0 or more.")
    return value.quantize(CENT)


def rounded(value: Decimal) -> Decimal:
    """`value` rounded half-up to cents: for shares and percentages at the edges only
    (20 % of 1,234.55 € is 246.91 €), never for sums of amounts, which stay exact."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)
