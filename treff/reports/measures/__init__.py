"""What a report counts, per Treff, over a period (Fachkonzept §6).

A `Measure` turns a list of Treffs and a `Period` into `Figures`: one row per category
(an offer category, a counselling topic, a kind of help), one column per Treff, in the order
of the list. Each module of this package holds the measures of one area and lists them in
its `MEASURES`; `REGISTRY` keeps them in the order the report shows them.

Three kinds of figures, because they are protected differently:

- `PERSONS`: counts of persons or of their visits, contacts, requests. A reader outside the
  Treff gets them through the suppression engine. Measures with the same `population` count
  the same persons split another way (visitors by kind of offer and by weekday), so their
  Treff totals are the same figures: the report links them, and a total hidden in one table
  stays hidden in the other.
- `AMOUNTS`: quantities that are not persons (portions, kilograms, dates held, hours a room
  is used); shown as they are, with sums. A cell of None is "does not apply" (a room of
  another Treff), printed as a dash.
- `STATISTICS`: a median, a share or an average over a group of persons; each cell comes
  with its base (how many persons it rests on) and is hidden from readers outside the Treff
  when the base is 1 to k−1. Statistics do not add up, so there is no total column or row;
  `Figures.overall` may give the value over all Treffs of the selection per row (with its
  base in `overall_bases`).

Compute functions read through the apps' selectors only, in a fixed number of queries
whatever the number of Treffs (the query count of /reports/ is pinned in the tests).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from ..engine.periods import Period

PERSONS = "persons"
AMOUNTS = "amounts"
STATISTICS = "statistics"

# The report's areas in the order of the page, each a heading over its measures.
AREAS = {
    "visitors": _("Visitors"),
    "lunch": _("Lunch"),
    "clothing": _("Clothing store"),
    "help": _("Neighbourhood help"),
    "volunteers": _("Volunteers"),
    "counselling": _("Counselling"),
    "plan": _("The plan"),
}

Value = int | Decimal | None


@dataclass(frozen=True)
class Figures:
    """A measure's figures: `values[i][j]` for row `row_labels[i]` and the j-th Treff.

    `bases` (statistics only) has the same shape: the number of persons each value rests
    on. `overall` / `overall_bases` (statistics only, optional): per row, the value over all
    Treffs of the selection and its base.
    """

    row_labels: Sequence[str]
    values: Sequence[Sequence[Value]]
    bases: Sequence[Sequence[int]] | None = None
    overall: Sequence[Value] | None = None
    overall_bases: Sequence[int] | None = None


@dataclass(frozen=True)
class Measure:
    """One table of the report.

    key        unique, stable (used in URLs of charts, XLSX sheet names and tests)
    area       a key of AREAS
    title      the table's heading (lazy text); units go here: "Tafel deliveries (kg)"
    row_header the heading of the row labels ("Kind of offer")
    kind       PERSONS, AMOUNTS or STATISTICS
    compute    (treffs: list[Treff], period: Period) -> Figures
    population PERSONS only: measures with the same population have the same Treff totals
    note       an optional sentence printed under the table ("a contact with several
               topics counts under each")
    """

    key: str
    area: str
    title: Any
    row_header: Any
    kind: str
    compute: Callable[[list, Period], Figures]
    population: str | None = None
    note: Any = None

    def __post_init__(self) -> None:
        if self.area not in AREAS:
            raise ValueError(f"Measure {self.key!r}: unknown area {self.area!r}.")
        if self.kind not in (PERSONS, AMOUNTS, STATISTICS):
            raise ValueError(f"Measure {self.key!r}: unknown kind {self.kind!r}.")
        if self.population and self.kind != PERSONS:
            raise ValueError(f"Measure {self.key!r}: only counts of persons have a population.")


def _registry() -> dict[str, Measure]:
    from . import clothing, counselling, help, lunch, visitors, volunteers

    measures: dict[str, Measure] = {}
    for module in (visitors, lunch, clothing, help, volunteers, counselling):
        for measure in module.MEASURES:
            if measure.key in measures:
                raise ValueError(f"Two measures are called {measure.key!r}.")
            measures[measure.key] = measure
    order = list(AREAS)
    return dict(sorted(measures.items(), key=lambda item: order.index(item[1].area)))


REGISTRY = _registry()
