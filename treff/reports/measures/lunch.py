"""The lunch table (Fachkonzept §3 no. 3, §4.5, §6): days, portions, guests, the Tafel.

Only lunch days that have happened count (operations.selectors_reports.lunch_days_held, the
rule of /figures/). Days, portions, kilograms and allergens are amounts, shown as they are;
the guests are persons (visits), suppressed for readers outside the Treff. Each table adds up
to one figure per Treff, so each quantity has its own table: portions planned beside
portions served would add up to nothing.
"""

from django.utils.translation import gettext_lazy as _

from treff.operations import selectors_reports as operations
from treff.operations.models import Allergen

from . import AMOUNTS, PERSONS, Figures, Measure, shared


def _totals(treffs, span):
    ids = [treff.pk for treff in treffs]
    return ids, shared(operations.lunch_totals, ids, first=span.first, last=span.last)


def days(treffs, span) -> Figures:
    """Lunch days held, split by whether food came from the Tafel that day: the
    first row is the number of Tafel deliveries (one a day at most), the total the days."""
    ids, totals = _totals(treffs, span)
    return Figures(
        [_("with a delivery from the Tafel"), _("without a delivery")],
        [
            [totals[pk].tafel_days for pk in ids],
            [totals[pk].days - totals[pk].tafel_days for pk in ids],
        ],
    )


def _one(field, label):
    def compute(treffs, span) -> Figures:
        ids, totals = _totals(treffs, span)
        return Figures([label], [[getattr(totals[pk], field) for pk in ids]])

    compute.__doc__ = f"The lunch days' {field}, added up per Treff: one row."
    return compute


def allergens(treffs, span) -> Figures:
    """Rows: the 14 allergens of the LMIV (Annex II); values: the lunch days held with it on
    the menu."""
    ids = [treff.pk for treff in treffs]
    counts = operations.lunch_allergen_days(ids, first=span.first, last=span.last)
    return Figures(
        list(Allergen.labels),
        [[counts.get((pk, code), 0) for pk in ids] for code in Allergen.values],
    )


LUNCH = _("Lunch table")

MEASURES = [
    Measure("lunch_days", "lunch", _("Lunch days held"), _("Tafel (food bank)"), AMOUNTS, days),
    Measure(
        "lunch_planned",
        "lunch",
        _("Portions planned"),
        LUNCH,
        AMOUNTS,
        _one("planned", _("portions planned")),
    ),
    Measure(
        "lunch_served",
        "lunch",
        _("Portions served"),
        LUNCH,
        AMOUNTS,
        _one("served", _("portions served")),
        note=_("A lunch day without the portions served recorded counts 0."),
    ),
    Measure(
        "lunch_guests",
        "lunch",
        _("Lunch guests"),
        LUNCH,
        PERSONS,
        _one("guests", _("guests")),
        population="lunch_guests",
        note=_(
            "The guests of each lunch day added up: "
            "someone who came on three days counts three times."
        ),
    ),
    Measure(
        "lunch_tafel_portions",
        "lunch",
        _("Portions from the Tafel"),
        LUNCH,
        AMOUNTS,
        _one("tafel_portions", _("portions")),
    ),
    Measure(
        "lunch_tafel_kg",
        "lunch",
        _("Food from the Tafel (kg)"),
        LUNCH,
        AMOUNTS,
        _one("tafel_kg", _("kilograms")),
    ),
    Measure(
        "lunch_allergens",
        "lunch",
        _("Allergens on the menu (lunch days)"),
        _("Allergen"),
        AMOUNTS,
        allergens,
        note=_("A lunch day with several allergens counts under each."),
    ),
]
