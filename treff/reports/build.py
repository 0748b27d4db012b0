"""A report's tables from the measures (measures/), published for its reader.

Each measure is built for the period, the period before and the same period a year
earlier: different days, so different persons. Of the two earlier periods only the grand
total is printed (the comparison line), so it needs only the rule for a single figure.
Within the period, the count tables of one population (measures/) share their Treff totals
and are published together, linked, so that a figure hidden in one is not printed in
another (the trend tables of trends.py join their population's group the same way); every
other table is published on its own, which keeps the suppression small and fast. A reader
outside the Treff gets counts of persons suppressed and statistics on fewer than k persons
hidden (engine.publish); the coordinator of every Treff shown gets everything as it is.
Amounts that are not persons are shown as they are. Statistics are published after the
counts, so that one which gives a count back (a share, `Figures.follows`) is hidden
wherever that count is.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from treff.treffs.access import roles_of

from . import trends as trend_charts
from .engine import Audience, Cell, Link, Note, PublishedTable, Report, Table, publish
from .engine.periods import Period
from .engine.suppress import check_k
from .measures import (
    AMOUNTS,
    AREAS,
    PERSONS,
    REGISTRY,
    STATISTICS,
    Figures,
    Measure,
    shared_reads,
)

WHEN = ("now", "previous", "year_earlier")


@dataclass(frozen=True)
class Section:
    """One measure as shown: its table for the period and the three totals to compare
    (now, the period before, a year earlier) as engine Cells; `totals` is None where
    figures do not add up (statistics)."""

    measure: Measure
    table: PublishedTable
    totals: tuple[Cell, Cell, Cell] | None

    @property
    def key(self) -> str:
        return self.measure.key

    @property
    def title(self):
        return self.measure.title

    @property
    def row_header(self):
        return self.measure.row_header

    @property
    def kind(self) -> str:
        return self.measure.kind

    @property
    def additive(self) -> bool:
        return self.measure.kind != STATISTICS and self.measure.additive

    @property
    def rows(self):
        """(label, cells, row total) per row, for the template."""
        return zip(self.table.row_labels, self.table.cells, self.table.row_totals, strict=True)


@dataclass(frozen=True)
class Built:
    """A whole report page: its areas and its trend charts (trends.Trend, [] for a period
    shorter than trends.MIN_MONTHS)."""

    areas: list
    trends: list


@dataclass(frozen=True)
class Area:
    """A heading of the report and its sections."""

    key: str
    title: object
    sections: tuple[Section, ...]


def audience_of(user, treffs) -> Audience:
    """Only the coordinator of every Treff shown sees small counts (Fachkonzept §6)."""
    roles = roles_of(user)
    if treffs and all(treff.pk in roles.coordinator_of for treff in treffs):
        return Audience.OWN_TREFF
    if roles.city_staff:
        return Audience.CITY
    if roles.committee:
        return Audience.COMMITTEE
    return Audience.CARRIER


def build(treffs: list, period: Period, *, k: int, audience: Audience, measures=None) -> list[Area]:
    """The report's areas for `treffs` (at least one) over `period`.

    `measures`: the keys to build (default: all of measures.REGISTRY). Raises
    engine.InvalidThreshold for a k below 2: nothing is shown then.
    """
    check_k(k)
    with shared_reads():
        return _build(treffs, period, k=k, audience=audience, measures=measures).areas


def report(treffs: list, period: Period, *, k: int, audience: Audience) -> Built:
    """Every measure and the trend charts for `treffs` over `period`, published together:
    a trend table is linked with the period's tables of its population (trends.py says
    why). Raises engine.InvalidThreshold for a k below 2."""
    check_k(k)
    with shared_reads():
        return _build(treffs, period, k=k, audience=audience, measures=None, trends=True)


def _build(
    treffs: list, period: Period, *, k: int, audience: Audience, measures, trends=False
) -> Built:
    chosen = [REGISTRY[key] for key in (measures or REGISTRY)]
    periods = {"previous": period.previous(), "year_earlier": period.year_earlier()}
    names = tuple(treff.name for treff in treffs)
    published: dict[str, PublishedTable] = {}
    figures = {measure.key: measure.compute(treffs, period) for measure in chosen}
    groups: dict[str, list[Table]] = defaultdict(list)
    for measure in chosen:
        data = figures[measure.key]
        if measure.kind == PERSONS:
            table = Table(measure.key, [str(r) for r in data.row_labels], names, data.values)
            groups[_group(measure.population or measure.key, table)].append(table)
        elif measure.kind == AMOUNTS:
            published[measure.key] = _amounts(measure.key, data, names, measure.additive)
    trend_tables = trend_charts.trend_tables(treffs, period) if trends else []
    for measure, table in trend_tables:
        groups[_group(measure.population, table)].append(table)
    for tables in groups.values():
        linked = Report(tables, links=[Link(tables[0].name, t.name, "columns") for t in tables[1:]])
        for table in publish(linked, k, audience).tables:
            published[table.name] = table
    # Statistics after the counts: a share is hidden wherever the count it follows is.
    counts = dict(published)
    for measure in chosen:
        if measure.kind == STATISTICS:
            published[measure.key] = _statistics(
                measure.key, figures[measure.key], names, k, audience, counts
            )
    compared = [m for m in chosen if m.kind != STATISTICS and m.additive]
    earlier = {
        when: {measure.key: measure.compute(treffs, span) for measure in compared}
        for when, span in periods.items()
    }
    sections: dict[str, list[Section]] = defaultdict(list)
    for measure in chosen:
        totals = None
        if measure in compared:
            totals = (
                published[measure.key].total,
                *(
                    _grand_total(measure, earlier[when][measure.key], k, audience)
                    for when in WHEN[1:]
                ),
            )
        sections[measure.area].append(Section(measure, published[measure.key], totals))
    return Built(
        [Area(key, title, tuple(sections[key])) for key, title in AREAS.items() if sections[key]],
        [trend_charts.draw(measure, published[table.name]) for measure, table in trend_tables],
    )


def _grand_total(measure: Measure, data: Figures, k: int, audience: Audience) -> Cell:
    """An earlier period's grand total, the only figure of it the report prints: with no
    other figure of that period shown, the rule for a single figure is all it needs."""
    values = [v for row in data.values for v in row if v is not None]
    total = sum(values, start=type(values[0])(0)) if values else 0
    if measure.kind == PERSONS and audience is not Audience.OWN_TREFF and 0 < total < k:
        return Cell(None, hidden=True, reason="primary")
    return Cell(total)


def _group(population: str, table: Table) -> str:
    # Tables of one population are linked only when their Treff totals really agree; a
    # table whose totals differ shares no figure with the others and stands alone. A
    # measure without a population passes its own key: a group of its own.
    return f"{population}:{table.column_totals}"


def _amounts(name: str, data: Figures, names, additive: bool = True) -> PublishedTable:
    def add(values):
        present = [v for v in values if v is not None]
        if not additive:
            # A percentage does not add up; a row with one value has that as its whole.
            return Cell(present[0] if len(present) == 1 else None)
        return Cell(sum(present, start=type(present[0])(0)) if present else None)

    rows = [list(row) for row in data.values]
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in names]
    return PublishedTable(
        name=name,
        row_labels=tuple(str(label) for label in data.row_labels),
        column_labels=names,
        cells=tuple(tuple(Cell(v) for v in row) for row in rows),
        row_totals=tuple(add(row) for row in rows),
        column_totals=tuple(add(column) if additive else Cell(None) for column in columns),
        total=add([v for row in rows for v in row]) if additive else Cell(None),
        note=None,
    )


def _statistics(
    name: str, data: Figures, names, k: int, audience: Audience, counts=None
) -> PublishedTable:
    """`counts`: the published tables of the period by measure key, for `data.follows`."""
    protect = audience is not Audience.OWN_TREFF
    follows = data.follows or [None] * len(data.row_labels)

    def given_back(i: int, j: int) -> bool:
        # Whether the count row i follows (or the Treff total it is a share of) is hidden;
        # j == len(names): the overall value, whose count is the row total. A count table
        # not built for this report is taken as hidden: nothing says it would be shown.
        if not protect or follows[i] is None:
            return False
        table = (counts or {}).get(follows[i][0])
        if table is None:
            return True
        row, bottom = follows[i][1], len(table.row_labels)
        return table.cell(row, j).hidden or table.cell(bottom, j).hidden

    def cell(value, base, i: int, j: int) -> Cell:
        if protect and 0 < base < k:
            return Cell(None, hidden=True, reason="primary")
        if base and given_back(i, j):
            return Cell(None, hidden=True, reason="secondary")
        return Cell(value if base else None)

    cells = tuple(
        tuple(cell(v, b, i, j) for j, (v, b) in enumerate(zip(row, bases, strict=True)))
        for i, (row, bases) in enumerate(zip(data.values, data.bases, strict=True))
    )
    if data.overall is not None:
        overall = tuple(
            cell(v, b, i, len(names))
            for i, (v, b) in enumerate(zip(data.overall, data.overall_bases, strict=True))
        )
    else:
        overall = tuple(Cell(None) for _ in data.row_labels)
    shown = [c for row in cells for c in row] + list(overall)
    reasons = {c.reason for c in shown if c.hidden}
    return PublishedTable(
        name=name,
        row_labels=tuple(str(label) for label in data.row_labels),
        column_labels=names,
        cells=cells,
        row_totals=overall,
        column_totals=tuple(Cell(None) for _ in names),
        total=Cell(None),
        note=Note(k=k, secondary="secondary" in reasons) if reasons else None,
    )


__all__ = ["Area", "Section", "audience_of", "build"]
