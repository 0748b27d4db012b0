"""Report periods (treff/reports/engine/periods.py): the one before and a year earlier."""

import datetime as dt

import pytest

from treff.reports.engine import periods
from treff.reports.engine.periods import Period

D = dt.date


def _span(text: str) -> tuple[dt.date, dt.date]:
    first, last = text.split("..")
    return dt.date.fromisoformat(first), dt.date.fromisoformat(last)


@pytest.mark.parametrize(
    ("preset", "day", "now", "before", "year_earlier"),
    [
        ("month", "2026-03-31", "2026-03-01..2026-03-31", "2026-02-01..2026-02-28",
         "2025-03-01..2025-03-31"),
        ("quarter", "2026-11-30", "2026-10-01..2026-12-31", "2026-07-01..2026-09-30",
         "2025-10-01..2025-12-31"),
        ("half_year", "2026-01-01", "2026-01-01..2026-06-30", "2025-07-01..2025-12-31",
         "2025-01-01..2025-06-30"),
        ("year", "2028-02-29", "2028-01-01..2028-12-31", "2027-01-01..2027-12-31",
         "2027-01-01..2027-12-31"),
    ],
)  # fmt: skip
def test_a_whole_period_compares_with_the_whole_one_before_and_a_year_earlier(
    preset, day, now, before, year_earlier
):
    period = periods.PRESETS[preset](dt.date.fromisoformat(day))
    assert (
        (period.first, period.last),
        (period.previous().first, period.previous().last),
        (period.year_earlier().first, period.year_earlier().last),
    ) == (_span(now), _span(before), _span(year_earlier))


def test_a_range_of_days_compares_with_as_many_days_before_and_29_february_moves_to_the_28th():
    period = Period(D(2028, 2, 20), D(2028, 2, 29))
    assert (period.days, period.previous(), period.year_earlier()) == (
        10,
        Period(D(2028, 2, 10), D(2028, 2, 19)),
        Period(D(2027, 2, 20), D(2027, 2, 28)),
    )


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        (D(2026, 2, 1), D(2026, 1, 31), "The end of the period lies before its start."),
        (D(2022, 1, 1), D(2027, 1, 1), "A report covers at most 5 years."),
        (D(2006, 1, 1), D(2026, 1, 1), "A report covers at most 5 years."),
    ],
)
def test_a_backwards_or_too_long_range_is_refused(first, last, message):
    with pytest.raises(ValueError, match=message) as refused:
        Period(first, last)
    assert str(refused.value) == message


def test_five_whole_years_are_allowed():
    assert Period(D(2022, 1, 1), D(2026, 12, 31)).days == 1826
