"""Report periods: a range of days, the one before it, the same one a year earlier.

Plain Python. A period is inclusive at both ends (first and last day). Fachkonzept §6 asks for
regular reports and comparisons over time; the range is limited to MAX_YEARS, the longest
trend the reports draw (issue 13: monthly trends over up to five years).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

MAX_YEARS = 5


@dataclass(frozen=True)
class Period:
    """Days `first` to `last`, both included. ValueError if last < first or longer than
    MAX_YEARS (the message names the rule)."""

    first: dt.date
    last: dt.date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError("The end of the period lies before its start.")
        if self.last > shift_years(self.first, MAX_YEARS) - dt.timedelta(days=1):
            raise ValueError(f"A report covers at most {MAX_YEARS} years.")

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def previous(self) -> Period:
        """The period of the same length that ends the day before this one starts; a whole
        month, quarter, half-year or year gives the whole one before."""
        whole = _whole_months(self)
        if whole:
            first = _add_months(self.first, -whole)
            return Period(first, self.first - dt.timedelta(days=1))
        last = self.first - dt.timedelta(days=1)
        return Period(last - dt.timedelta(days=self.days - 1), last)

    def year_earlier(self) -> Period:
        """The same days one year earlier (29 February becomes the 28th)."""
        return Period(shift_years(self.first, -1), shift_years(self.last, -1))


def shift_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _whole_months(period: Period) -> int:
    """How many whole calendar months the period is (0 if it is not whole months)."""
    if period.first.day != 1:
        return 0
    after = period.last + dt.timedelta(days=1)
    if after.day != 1:
        return 0
    return (after.year - period.first.year) * 12 + after.month - period.first.month


def month(day: dt.date) -> Period:
    return Period(day.replace(day=1), _add_months(day, 1) - dt.timedelta(days=1))


def quarter(day: dt.date) -> Period:
    first = dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return Period(first, _add_months(first, 3) - dt.timedelta(days=1))


def half_year(day: dt.date) -> Period:
    first = dt.date(day.year, 1 if day.month <= 6 else 7, 1)
    return Period(first, _add_months(first, 6) - dt.timedelta(days=1))


def year(day: dt.date) -> Period:
    return Period(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))


PRESETS = {"month": month, "quarter": quarter, "half_year": half_year, "year": year}
