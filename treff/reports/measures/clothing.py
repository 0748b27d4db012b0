"""The clothing store (Fachkonzept §3 no. 4, §6): pieces received, handed out, in stock.

Pieces are amounts, not persons, and are shown as they are. A hand-out is recorded as pieces
of one category and size group (operations.models.Handout), never with who took them: one
visitor's bag can be booked as several hand-outs, and several visitors' pieces as one. So
neither the hand-outs nor their number count persons, and the report does not pretend they
do. The only persons the store records are the visitors of the clothes swaps (each swap's
count), shown as persons and suppressed for readers outside the Treff.
"""

from django.utils.translation import gettext_lazy as _

from treff.operations import selectors_reports as operations
from treff.operations.models import ClothingCategory, SizeGroup

from . import AMOUNTS, PERSONS, Figures, Measure

GROUPINGS = {"category": ClothingCategory, "size_group": SizeGroup}


def _pieces(kind: str, by: str):
    choices = GROUPINGS[by]

    def compute(treffs, span) -> Figures:
        ids = [treff.pk for treff in treffs]
        pieces = operations.clothing_pieces(ids, kind=kind, by=by, first=span.first, last=span.last)
        return Figures(
            list(choices.labels),
            [[pieces.get((pk, value), 0) for pk in ids] for value in choices.values],
        )

    compute.__doc__ = f"Pieces of {kind} in the period by {by}, one row per choice."
    return compute


def stock(treffs, span) -> Figures:
    """Pieces in stock at the end of the period's last day, by category: all received up to
    then minus all handed out."""
    ids = [treff.pk for treff in treffs]
    pieces = operations.clothing_stock_on(ids, span.last)
    return Figures(
        list(ClothingCategory.labels),
        [[pieces.get((pk, value), 0) for pk in ids] for value in ClothingCategory.values],
    )


def swap_visitors(treffs, span) -> Figures:
    """The visitors the clothes swaps of the period recorded, added up: one row."""
    ids = [treff.pk for treff in treffs]
    visitors = operations.swap_visitors(ids, first=span.first, last=span.last)
    return Figures([_("visitors")], [[visitors.get(pk, 0) for pk in ids]])


CATEGORY, SIZE = _("Category"), _("Size")

MEASURES = [
    Measure(
        "clothing_received",
        "clothing",
        _("Pieces received, by category"),
        CATEGORY,
        AMOUNTS,
        _pieces("donations", "category"),
    ),
    Measure(
        "clothing_received_sizes",
        "clothing",
        _("Pieces received, by size"),
        SIZE,
        AMOUNTS,
        _pieces("donations", "size_group"),
    ),
    Measure(
        "clothing_handed_out",
        "clothing",
        _("Pieces handed out, by category"),
        CATEGORY,
        AMOUNTS,
        _pieces("handouts", "category"),
        note=_("Pieces, not persons: who takes clothes is not recorded."),
    ),
    Measure(
        "clothing_handed_out_sizes",
        "clothing",
        _("Pieces handed out, by size"),
        SIZE,
        AMOUNTS,
        _pieces("handouts", "size_group"),
    ),
    Measure(
        "clothing_stock",
        "clothing",
        _("Pieces in stock at the end of the period"),
        CATEGORY,
        AMOUNTS,
        stock,
    ),
    Measure(
        "clothing_swaps",
        "clothing",
        _("Visitors of the clothes swaps"),
        _("Clothes swaps"),
        PERSONS,
        swap_visitors,
        note=_("The visitors each swap counted, added up."),
    ),
]
