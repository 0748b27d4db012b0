"""Visitors (Fachkonzept §3, §6): the tallies of the drop-in hours and the offers."""

from django.utils.translation import gettext_lazy as _

from treff.offers.models import Category
from treff.operations import selectors as operations
from treff.operations.selectors import DROP_IN_LABEL

from . import PERSONS, Figures, Measure


def by_category(treffs, span) -> Figures:
    ids = [treff.pk for treff in treffs]
    visitors = operations.visitors_by_category(ids, first=span.first, last=span.last)
    categories = ["", *Category.values]
    return Figures(
        [DROP_IN_LABEL, *Category.labels],
        # A correction can take a tally below zero for a day; a count of persons cannot be.
        [[max(visitors.get((pk, c), 0), 0) for pk in ids] for c in categories],
    )


MEASURES = [
    Measure(
        "visitors",
        "visitors",
        _("Visitors by kind of offer"),
        _("Kind of offer"),
        PERSONS,
        by_category,
        population="visits",
    ),
]
