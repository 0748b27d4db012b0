"""/reports/ lunch table: days, portions, guests, the Tafel, allergens (Fachkonzept §3, §6)."""

import datetime as dt
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled

from treff.operations.models import LunchDay
from treff.reports.engine.periods import Period
from treff.reports.measures import lunch

from .test_report_page import Q4, URL, _section


def shown(cell):
    return cell.reason if cell.hidden else cell.value


def grid(section):
    """Every row with its total (over Treffs), then the column totals and the grand total."""
    table = section.table
    rows = [[*map(shown, cells), shown(total)] for _label, cells, total in section.rows]
    return [*rows, [*map(shown, table.column_totals), shown(table.total)]]


@pytest.fixture
def lunches(world):
    with scopes_disabled():
        for treff, day, values in [
            (
                world.franztreff,
                dt.date(2026, 11, 2),
                {
                    "portions_planned": 40,
                    "portions_served": 38,
                    "guests": 3,
                    "tafel_portions": 10,
                    "tafel_kg": Decimal("12.5"),
                    "allergens": ["gluten", "milk"],
                },
            ),
            # Served and guests not recorded: a day held with 0 portions served.
            (
                world.franztreff,
                dt.date(2026, 11, 4),
                {"portions_planned": 30, "allergens": ["milk"]},
            ),
            # Today without portions served, and a day ahead: not held yet, not counted.
            (world.franztreff, dt.date(2026, 11, 30), {"portions_planned": 20}),
            (world.franztreff, dt.date(2026, 12, 2), {"portions_planned": 25}),
            (
                world.rosseltreff,
                dt.date(2026, 10, 5),
                {
                    "portions_planned": 50,
                    "portions_served": 45,
                    "guests": 40,
                    "tafel_kg": Decimal("3.3"),
                    "allergens": ["eggs", "gluten"],
                },
            ),
            # The quarter before.
            (
                world.franztreff,
                dt.date(2026, 8, 3),
                {"portions_planned": 10, "portions_served": 9, "guests": 9},
            ),
        ]:
            LunchDay.objects.create(treff=treff, date=day, **values)
    return world


def test_the_city_sees_the_amounts_and_the_few_guests_hidden(lunches, client_for):
    response = client_for("city").get(URL, Q4)
    sections = {key: _section(response, key) for key in ("lunch_days", "lunch_guests")}
    assert grid(sections["lunch_days"]) == [[1, 1, 2], [1, 0, 1], [2, 1, 3]]
    assert [shown(c) for c in sections["lunch_days"].totals] == [3, 1, 0]
    for key, rows in {
        "lunch_planned": [[70, 50, 120], [70, 50, 120]],
        "lunch_served": [[38, 45, 83], [38, 45, 83]],
        "lunch_tafel_portions": [[10, 0, 10], [10, 0, 10]],
        "lunch_tafel_kg": [
            [Decimal("12.5"), Decimal("3.3"), Decimal("15.8")],
            [Decimal("12.5"), Decimal("3.3"), Decimal("15.8")],
        ],
    }.items():
        assert (key, grid(_section(response, key))) == (key, rows)
    allergens = grid(_section(response, "lunch_allergens"))
    assert allergens[:3] == [[1, 1, 2], [0, 0, 0], [0, 1, 1]]  # gluten, crustaceans, eggs
    assert allergens[6] == [2, 0, 2]  # milk
    assert (len(allergens), allergens[-1]) == (15, [3, 2, 5])
    # 3 guests at Franztreff: "< 5", and the total 43 too, or 3 would follow from 43 − 40
    # (the page's monthly trend of guests shares these totals and is protected with them).
    guests = grid(sections["lunch_guests"])
    assert guests == [["primary", 40, "secondary"], ["primary", 40, "secondary"]]
    assert sections["lunch_guests"].table.note.k == 5


def test_the_coordinator_sees_the_own_guests(lunches, client_for):
    response = client_for("coordinator").get(URL, Q4)
    guests = _section(response, "lunch_guests")
    assert (grid(guests), [c.value for c in guests.totals]) == ([[3, 3], [3, 3]], [3, 9, 0])
    assert guests.table.note is None
    assert grid(_section(response, "lunch_tafel_kg")) == [
        [Decimal("12.5"), Decimal("12.5")],
        [Decimal("12.5"), Decimal("12.5")],
    ]


def test_a_period_without_lunch_days_gives_zeros(lunches):
    treffs = [lunches.franztreff, lunches.rosseltreff]
    span = Period(dt.date(2022, 2, 1), dt.date(2022, 2, 28))
    with scopes_disabled():
        figures = {m.key: m.compute(treffs, span).values for m in lunch.MEASURES}
    assert figures == {
        "lunch_days": [[0, 0], [0, 0]],
        "lunch_planned": [[0, 0]],
        "lunch_served": [[0, 0]],
        "lunch_guests": [[0, 0]],
        "lunch_tafel_portions": [[0, 0]],
        "lunch_tafel_kg": [[Decimal("0.0"), Decimal("0.0")]],
        "lunch_allergens": [[0, 0]] * 14,
    }
