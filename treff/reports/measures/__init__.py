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
  base in `overall_bases`). A statistic that gives a count back (a share of a published
  total) names that count in `Figures.follows` and is hidden wherever it is.

Compute functions read through the apps' selectors only, in a fixed number of queries
whatever the number of Treffs (the query count of /reports/ is pinned in the tests).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
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
    Treffs of the selection and its base. `follows` (statistics only, optional): per row,
    None or (measure key, row index) of the PERSONS table whose count the statistic gives
    back together with that table's Treff totals (a share); a reader outside the Treff then
    sees the statistic only where both that count and its Treff total are published (the
    overall value: the row total and the grand total).
    """

    row_labels: Sequence[str]
    values: Sequence[Sequence[Value]]
    bases: Sequence[Sequence[int]] | None = None
    overall: Sequence[Value] | None = None
    overall_bases: Sequence[int] | None = None
    follows: Sequence[tuple[str, int] | None] | None = None


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
    additive   AMOUNTS only: False for figures that do not add up (a percentage): no sums
    """

    key: str
    area: str
    title: Any
    row_header: Any
    kind: str
    compute: Callable[[list, Period], Figures]
    population: str | None = None
    note: Any = None
    additive: bool = True

    def __post_init__(self) -> None:
        if self.area not in AREAS:
            raise ValueError(f"Measure {self.key!r}: unknown area {self.area!r}.")
        if self.kind not in (PERSONS, AMOUNTS, STATISTICS):
            raise ValueError(f"Measure {self.key!r}: unknown kind {self.kind!r}.")
        if self.population and self.kind != PERSONS:
            raise ValueError(f"Measure {self.key!r}: only counts of persons have a population.")
        if not self.additive and self.kind != AMOUNTS:
            raise ValueError(f"Measure {self.key!r}: only amounts are marked as not additive.")


_SHARED: ContextVar[dict | None] = ContextVar("report_shared_reads", default=None)


@contextmanager
def shared_reads() -> Iterator[None]:
    """Within the block, `shared()` runs each selector call once (build() opens one per
    report, so the reads of one page agree and are not repeated)."""
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def shared(selector: Callable, *args, **kwargs):
    """`selector(*args, **kwargs)`, read once per report when several measures need it (the
    lunch totals feed six tables). Lists among the arguments are keys by their items."""
    cache = _SHARED.get()
    if cache is None:
        return selector(*args, **kwargs)
    key = (selector, *map(_key, args), *sorted((k, _key(v)) for k, v in kwargs.items()))
    if key not in cache:
        cache[key] = selector(*args, **kwargs)
    return cache[key]


def _key(value):
    return tuple(value) if isinstance(value, list) else value


def _registry() -> dict[str, Measure]:
    from . import clothing, counselling, help, lunch, plan, visitors, volunteers

    measures: dict[str, Measure] = {}
    for module in (visitors, lunch, clothing, help, volunteers, counselling, plan):
        for measure in module.MEASURES:
            if measure.key in measures:
                raise ValueError(f"Two measures are called {measure.key!r}.")
            measures[measure.key] = measure
    order = list(AREAS)
    return dict(sorted(measures.items(), key=lambda item: order.index(item[1].area)))


REGISTRY = _registry()
