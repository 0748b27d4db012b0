"""Monthly trends of a few key measures per Treff, for the charts of /reports/ (issue 13:
"monthly trends over up to 5 years").

Span: the months of the chosen period, from its first day to its last (the first and last
month count only the days inside the period); a period of fewer than MIN_MONTHS calendar
months shows the TREND_MONTHS months up to its last day instead (whole months before the
period's last month, that month up to the period's end); never more than MAX_MONTHS (the
latest ones).

Each measure is a table of counts of persons, months × Treffs, published through the
suppression engine for the reader (engine.publish, with the audience of build.audience_of):
the chart draws only published figures, so a hidden month is a gap in the line, and the
data table shows it as "< k" or ".". Data come from the owning apps' monthly selectors, one
grouped query per measure whatever the number of Treffs.

Known limit: each trend table is published on its own. Where the trend's months are the
period's (or cover the period before), its Treff totals are the same figures as the totals
of the visitors and help tables of the report; publishing them in one engine report (a
"columns" link, as build.py links one population's tables) is what proves that no hidden
figure follows from the other table.
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
from .engine import Audience, Cell, PublishedTable, Report, Table, publish
from .engine.periods import Period
from .engine.suppress import check_k

MIN_MONTHS = 3
TREND_MONTHS = 12
MAX_MONTHS = 60
# More Treffs than chart colours: the chart draws the sum over all Treffs shown.
MAX_LINES = charts.MAX_SERIES


@dataclass(frozen=True)
class TrendMeasure:
    """key: stable, the chart's id; title: lazy text; monthly: (treff ids, first day, last
    day) -> {(treff id, first of month): count}, one query."""

    key: str
    title: Any
    monthly: Callable[[list[int], dt.date, dt.date], dict[tuple[int, dt.date], int]]


TREND_MEASURES = (
    TrendMeasure("visitors", _("Visitors per month"), operations.visitors_by_month),
    TrendMeasure("lunch_guests", _("Lunch guests per month"), operations.lunch_guests_by_month),
    TrendMeasure("contacts", _("Counselling contacts per month"), counselling.contacts_by_month),
    TrendMeasure("help", _("Help requests taken per month"), volunteers.help_requests_by_month),
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


def trend_span(period: Period) -> tuple[dt.date, dt.date, tuple[dt.date, ...]]:
    """(first day, last day, first of each month) the trends cover for `period` (see the
    module's docstring for the rule)."""
    months = _months(period.first, period.last)
    first = period.first
    if len(months) < MIN_MONTHS:
        months = _months(_add_months(period.last.replace(day=1), 1 - TREND_MONTHS), period.last)
        first = months[0]
    if len(months) > MAX_MONTHS:
        months = months[-MAX_MONTHS:]
        first = months[0]
    return first, period.last, tuple(months)


def build_trends(treffs: list, period: Period, *, k: int, audience: Audience) -> list[Trend]:
    """The trend of each of TREND_MEASURES for `treffs` (at least one) over `period`'s span.

    Raises engine.InvalidThreshold for a k below 2, like build.build.
    """
    check_k(k)
    first, last, months = trend_span(period)
    ids = [treff.pk for treff in treffs]
    names = tuple(treff.name for treff in treffs)
    labels = [date_format(month, "M Y") for month in months]
    ticks = _ticks(months)
    trends = []
    for measure in TREND_MEASURES:
        counts = measure.monthly(ids, first, last)
        # A correction can take a month's tally below zero; a count of persons cannot be.
        values = [[max(counts.get((pk, month), 0), 0) for pk in ids] for month in months]
        table = Table(measure.key, [m.isoformat() for m in months], names, values)
        published = publish(Report([table]), k, audience).tables[0]
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
            labels=labels,
            ticks=ticks,
            series=series,
        )
        trends.append(Trend(measure.key, measure.title, months, published, lines, svg))
    return trends


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


__all__ = ["MAX_MONTHS", "TREND_MEASURES", "Trend", "build_trends", "trend_span"]
