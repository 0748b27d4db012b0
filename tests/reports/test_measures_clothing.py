"""/reports/ clothing store: pieces received, handed out and in stock, swap visitors."""

import datetime as dt

import pytest
from django_scopes import scopes_disabled

from treff.operations.models import Donation, Handout, SwapEvent
from treff.reports.engine.periods import Period
from treff.reports.measures import clothing

from .test_measures_lunch import grid, shown
from .test_report_page import Q4, URL, _section


@pytest.fixture
def clothes(world):
    franz, rossel = world.franztreff, world.rosseltreff
    with scopes_disabled():
        for model, treff, day, category, size, pieces in [
            (Donation, franz, dt.date(2026, 9, 10), "tops", "adult_sm", 20),  # the quarter before
            (Donation, franz, dt.date(2026, 11, 5), "tops", "adult_sm", 10),
            (Donation, franz, dt.date(2026, 11, 6), "shoes", "one_size", 4),
            (Handout, franz, dt.date(2026, 9, 20), "tops", "adult_sm", 3),  # the quarter before
            (Handout, franz, dt.date(2026, 11, 10), "tops", "adult_sm", 5),
            (Donation, rossel, dt.date(2026, 10, 1), "children", "children", 7),
        ]:
            model.objects.create(
                treff=treff, date=day, category=category, size_group=size, quantity=pieces
            )
        SwapEvent.objects.create(
            treff=franz, date=dt.date(2026, 11, 14), title="Tausch", visitors=3
        )
        SwapEvent.objects.create(
            treff=rossel, date=dt.date(2026, 10, 20), title="Tausch", visitors=12
        )
    return world


def _rows(section, *indexes):
    return [grid(section)[i] for i in indexes]


def test_the_city_sees_every_piece_and_few_swap_visitors_hidden(clothes, client_for):
    response = client_for("city").get(URL, Q4)
    received = _section(response, "clothing_received")
    # Rows in the order of ClothingCategory: tops 0, shoes 4, children 6; then the totals.
    assert _rows(received, 0, 4, 6, 11) == [[10, 0, 10], [4, 0, 4], [0, 7, 7], [14, 7, 21]]
    assert [shown(c) for c in received.totals] == [21, 20, 0]
    # SizeGroup: children 0, adult S–M 1, one size 4.
    assert _rows(_section(response, "clothing_received_sizes"), 0, 1, 4, 5) == [
        [0, 7, 7],
        [10, 0, 10],
        [4, 0, 4],
        [14, 7, 21],
    ]
    handed_out = _section(response, "clothing_handed_out")
    assert (_rows(handed_out, 0, 11), [shown(c) for c in handed_out.totals]) == (
        [[5, 0, 5], [5, 0, 5]],
        [5, 3, 0],
    )
    assert _rows(_section(response, "clothing_handed_out_sizes"), 1, 5) == [[5, 0, 5], [5, 0, 5]]
    # At 31.12.2026: 20 + 10 − 3 − 5 tops and 4 shoes at Franztreff, 7 at Rosseltreff.
    stock = _section(response, "clothing_stock")
    assert _rows(stock, 0, 4, 6, 11) == [[22, 0, 22], [4, 0, 4], [0, 7, 7], [26, 7, 33]]
    assert [shown(c) for c in stock.totals] == [33, 17, 0]
    assert grid(_section(response, "clothing_swaps")) == [
        ["primary", "secondary", 15],
        ["primary", "secondary", 15],
    ]


def test_the_coordinator_sees_the_own_swap_visitors(clothes, client_for):
    response = client_for("coordinator").get(URL, Q4)
    swaps = _section(response, "clothing_swaps")
    assert (grid(swaps), swaps.table.note) == ([[3, 3], [3, 3]], None)
    assert _rows(_section(response, "clothing_stock"), 11) == [[26, 26]]


def test_a_period_without_clothing_gives_zeros(clothes):
    treffs = [clothes.franztreff, clothes.rosseltreff]
    # Before the first donation: nothing received, handed out or in stock.
    span = Period(dt.date(2022, 2, 1), dt.date(2022, 2, 28))
    with scopes_disabled():
        figures = {m.key: m.compute(treffs, span).values for m in clothing.MEASURES}
    assert figures == {
        "clothing_received": [[0, 0]] * 11,
        "clothing_received_sizes": [[0, 0]] * 5,
        "clothing_handed_out": [[0, 0]] * 11,
        "clothing_handed_out_sizes": [[0, 0]] * 5,
        "clothing_stock": [[0, 0]] * 11,
        "clothing_swaps": [[0, 0]],
    }
