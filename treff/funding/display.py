"""Euro amounts as text for people: the one place that formats them for messages, warnings,
help texts and pages."""

from decimal import Decimal

from django.utils import formats


def amount_text(amount: Decimal) -> str:
    """`amount` in the active language's number format with two decimals and grouped
    thousands, without the currency sign: "1.234,50" in German, "1,234.50" in English."""
    return formats.number_format(amount, 2, use_l10n=True, force_grouping=True)
