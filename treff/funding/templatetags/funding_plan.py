"""`{{ amount|euros }}`: a Decimal of euros in the reader's format, "1.234,50 €" in German,
"1,234.50 €" in English (a no-break space before the sign); "–" for None."""

from django import template
from django.utils import formats

from ..display import amount_text

register = template.Library()


@register.filter
def euros(value) -> str:
    if value is None or value == "":
        return "–"
    return amount_text(value) + "\u00a0€"


@register.filter
def percent(share) -> str:
    """A share (Decimal 0.20) as a percentage ("20 %"); "–" for None."""
    if share is None:
        return "–"
    return formats.number_format(share * 100, 0, use_l10n=True) + "\u00a0%"
