"""Monthly trends of a few key measures per Treff, for the charts of /reports/ (issue 13:
"monthly trends over up to 5 years").

Span: the months of the chosen period, from its first day to its last (the first and last
month count only the days inside the period). A period that touches fewer than MIN_MONTHS
calendar months has no trends: months before or after it would share figures with the
period's tables and its comparison line in ways the engine cannot link (a month's Treff
figures equal to a table's Treff totals), so they are not shown. A period is at most five
years, so a trend has at most 61 months.

Each measure is a table of counts of persons, months × Treffs. Its Treff totals are the
Treff totals of the period's table of the same population (visitors, lunch guests, contacts,
help requests taken), so build.report publishes it in the same engine report, linked by
"columns": a figure hidden in one is hidden in the other, and the audit proves it over both.
The chart draws only published figures, so a hidden month is a gap in the line, and the
data table shows it as "< k" or ".". Data come from the owning apps' monthly selectors, one
grouped query per measure whatever the number of Treffs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from treff.counselling import selectors as counselling
from treff.operations import selectors as operations
from treff.volunteers import selectors as volunteers

from . import charts
from .engine import Cell, PublishedTable, Table
from .engine.periods import Period

MIN_MONTHS = 3
# More Treffs than chart colours: the chart draws the sum over all Treffs shown.
MAX_LINES = charts.MAX_SERIES


@dataclass(frozen=True)
class TrendMeasure:
    """key: stable, the chart's id; title: lazy text; monthly: (treff ids, first day, last
    day) -> {(treff id, first of month): count}, one query; population: the measures'
    population (measures/) whose Treff totals the trend shares."""

    key: str
    title: Any
    monthly: Callable[[list[int], dt.date, dt.date], dict[tuple[int, dt.date], int]]
    population: str


TREND_MEASURES = (
    TrendMeasure("visitors", _("Visitors per month"), operations.visitors_by_month, "visits"),
    TrendMeasure(
        "lunch_guests",
        _("Lunch guests per month"),
        operations.lunch_guests_by_month,
        "lunch_guests",
    ),
    TrendMeasure(
        "contacts", _("Counselling contacts per month"), counselling.contacts_by_month, "contacts"
    ),
    TrendMeasure(
        "help",
        _("Help requests taken per month"),
        volunteers.help_requests_by_month,
        "help_requests",
    ),
)


@dataclass(frozen=True)
class Trend:
    """One measure's monthly series: `table` has a row per month (label: ISO first day) and
    a column per Treff; `svg` is the chart's markup; `lines` names what the chart draws
    (the Treffs, or "All Treffs shown" when there are more than MAX_LINES)."""

    key: str
    title: Any
    months: tuple[dt.date, ...]
    table: PublishedTable
    lines: tuple[str, ...]
    svg: str

    @property
    def chart_id(self) -> str:
        return f"trend-{self.key}"

    @property
    def rows(self):
        """(first of month, cells, row total) per month, for the data table."""
        return zip(self.months, self.table.cells, self.table.row_totals, strict=True)


def trend_span(period: Period) -> tuple[dt.date, ...] | None:
    """The first of each month the trends of `period` cover, or None when the period
    touches fewer than MIN_MONTHS calendar months (see the module's docstring)."""
    months = _months(period.first, period.last)
    return tuple(months) if len(months) >= MIN_MONTHS else None


def trend_tables(treffs: list, period: Period) -> list[tuple[TrendMeasure, Table]]:
    """(measure, months × Treffs table of counts) per trend measure; [] for a short period.
    Table names are "trend:<key>", row labels the months' first days (ISO)."""
    months = trend_span(period)
    if months is None:
        return []
    ids = [treff.pk for treff in treffs]
    names = tuple(treff.name for treff in treffs)
    tables = []
    for measure in TREND_MEASURES:
        counts = measure.monthly(ids, period.first, period.last)
        # A correction can take a month's tally below zero; a count of persons cannot be.
        values = [[max(counts.get((pk, month), 0), 0) for pk in ids] for month in months]
        tables.append(
            (measure, Table(f"trend:{measure.key}", [m.isoformat() for m in months], names, values))
        )
    return tables


def draw(measure: TrendMeasure, published: PublishedTable) -> Trend:
    """The chart of one published trend table (hidden figures are gaps)."""
    months = tuple(dt.date.fromisoformat(label) for label in published.row_labels)
    names = published.column_labels
    if len(names) <= MAX_LINES:
        lines = names
        series = [
            (name, [_shown(row[j]) for row in published.cells]) for j, name in enumerate(names)
        ]
    else:
        lines = (str(_("All Treffs shown")),)
        series = [(lines[0], [_shown(total) for total in published.row_totals])]
    svg = charts.line_chart(
        chart_id=f"trend-{measure.key}",
        title=str(measure.title),
        labels=[date_format(month, "M Y") for month in months],
        ticks=_ticks(months),
        series=series,
    )
    return Trend(measure.key, measure.title, months, published, lines, svg)


def _shown(cell: Cell) -> int | None:
    """A published figure, or None (a gap) for a hidden one."""
    return None if cell.hidden else cell.value


def _ticks(months) -> list[int]:
    """Which months get a label: every month up to 5, January only beyond two years, else
    evenly spread back from the last month (at most five labels: "Okt 2026" five times
    fits side by side on a 360 px phone)."""
    count = len(months)
    if count > 24:
        return [i for i, month in enumerate(months) if month.month == 1] or [0]
    step = -(-count // 5)
    return list(range(count - 1, -1, -step))[::-1]


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first day of every month from `first`'s to `last`'s, both included."""
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = _add_months(month, 1)
    return months


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


__all__ = ["TREND_MEASURES", "Trend", "draw", "trend_span", "trend_tables"]
