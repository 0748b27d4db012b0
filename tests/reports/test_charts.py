"""The trend charts of /reports/: SVG drawn on the server, its figures suppressed like the
report's tables, with a data table beside each chart (issue 13 item 2)."""

import datetime as dt
import re
import time
import uuid
from xml.etree import ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from tests.colours import Tokens, contrast
from treff.operations.models import Tally, TallyEvent
from treff.reports import charts
from treff.reports.build import report
from treff.reports.engine import Audience, Report, publish
from treff.reports.engine.periods import Period
from treff.reports.trends import draw, trend_span, trend_tables

URL = reverse("reports:report")
Q4 = {"period": "quarter", "day": "2026-11-30"}
SVG = "{http://www.w3.org/2000/svg}"


def _visitors(treff, day, count):
    with scopes_disabled():
        tally = Tally.objects.create(treff=treff, kind="occurrence", date=day, category="leisure")
        TallyEvent.objects.bulk_create(
            TallyEvent(treff=treff, tally=tally, key=uuid.uuid4(), delta=1) for _ in range(count)
        )


@pytest.fixture
def months(world):
    """Q4 2026: Franztreff has 3 visitors in October (small), Rosseltreff 12."""
    for treff, counts in ((world.franztreff, (3, 40, 0)), (world.rosseltreff, (12, 30, 20))):
        for month, count in zip((10, 11, 12), counts, strict=True):
            if count:
                _visitors(treff, dt.date(2026, month, 5), count)
    return world


def _chart(**overrides):
    arguments = {
        "chart_id": "trend-test",
        "title": "Visitors per month",
        "labels": ["Oct 2026", "Nov 2026", "Dec 2026"],
        "ticks": [0, 1, 2],
        "series": [("Franztreff", [3, None, 0]), ("Rosseltreff", [12, 30, 20])],
    }
    return charts.line_chart(**{**arguments, **overrides})


def _points(svg, colour):
    """The points drawn in `colour`: matplotlib draws each as a <use> of the line's marker,
    and one more in the legend when the chart has several lines."""
    root = ET.fromstring(svg)  # noqa: S314 — the chart module's own output
    return len([use for use in root.iter(f"{SVG}use") if use.get("fill") == colour])


def _trend(response, key):
    return next(trend for trend in response.context["trends"] if trend.key == key)


def test_the_chart_is_valid_svg_with_role_img_and_a_title():
    svg = _chart()
    root = ET.fromstring(svg)  # noqa: S314 — the chart module's own output
    title = root.find(f"{SVG}title")
    assert (root.tag, root.get("role"), root.get("aria-labelledby")) == (
        f"{SVG}svg",
        "img",
        "trend-test-title",
    )
    assert (title.get("id"), title.text) == ("trend-test-title", "Visitors per month")
    # Scales with its column: a viewBox and no size of its own.
    assert (root.get("viewBox"), root.get("width"), root.get("height")) == (
        "0 0 396 207",
        None,
        None,
    )


def test_the_chart_needs_no_script_and_no_inline_style():
    svg = _chart()
    assert [word in svg for word in ("<script", "<style", "style=", "javascript:")] == [False] * 4
    # Every id inside carries the chart's prefix, so two charts on a page never clash.
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert (len(ids) > 0, [name for name in ids if not name.startswith("trend-test-")]) == (
        True,
        [],
    )


def test_a_missing_value_is_a_gap_not_a_zero():
    gap = _points(_chart(), charts.COLOURS[0])
    zero = _points(
        _chart(series=[("Franztreff", [3, 0, 0]), ("Rosseltreff", [12, 30, 20])]),
        charts.COLOURS[0],
    )
    # Two points and the legend's against three points and the legend's.
    assert (gap, zero) == (2 + 1, 3 + 1)


def test_labels_are_escaped():
    svg = _chart(
        title="<b>Besucher</b>",
        series=[("A<B & C", [1, 2, 3]), ("$x_1$", [1, 2, 3]), ("_hidden", [1, 2, 3])],
    )
    assert "A&lt;B &amp; C" in svg
    assert "<B" not in svg
    assert "&lt;b&gt;Besucher&lt;/b&gt;" in svg
    # A dollar sign is no TeX, a leading "_" does not drop a Treff from the legend.
    assert (">$x_1$<" in svg, ">_hidden<" in svg) == (True, True)


def test_the_line_colours_stand_out_from_the_page():
    tokens = Tokens.light()
    white = tokens.color("#ffffff")
    ratios = {colour: contrast(tokens.color(colour), white) for colour in charts.COLOURS}
    assert {colour: ratio >= 3.0 for colour, ratio in ratios.items()} == dict.fromkeys(
        charts.COLOURS, True
    )


@pytest.mark.parametrize(
    ("first", "last", "months"),
    [
        # A quarter: its own three months.
        ((2026, 10, 1), (2026, 12, 31), 3),
        # A month: no trend (its months would share figures the engine cannot link).
        ((2026, 11, 1), (2026, 11, 30), None),
        # A range that touches three calendar months: its own months.
        ((2026, 9, 20), (2026, 11, 10), 3),
        # A custom fortnight across two months: no trend.
        ((2026, 10, 25), (2026, 11, 8), None),
        # Five years that touch 61 calendar months: all of them.
        ((2021, 1, 15), (2026, 1, 14), 61),
        ((2021, 1, 1), (2025, 12, 31), 60),
    ],
)
def test_the_span_of_the_trends(first, last, months):
    period = Period(dt.date(*first), dt.date(*last))
    firsts = trend_span(period)
    if months is None:
        assert firsts is None
    else:
        assert (len(firsts), firsts[0], firsts[-1]) == (
            months,
            period.first.replace(day=1),
            period.last.replace(day=1),
        )


def test_a_hidden_month_is_a_gap_for_the_city_and_a_number_for_the_coordinator(months, client_for):
    city = client_for("city").get(URL, Q4)
    own = client_for("coordinator").get(URL, {**Q4, "treff": months.franztreff.pk})
    city_trend, own_trend = _trend(city, "visitors"), _trend(own, "visitors")
    october = [(c.value, c.reason) for c in city_trend.table.cells[0]]
    assert october[0] == (None, "primary")
    assert [c.value for c in own_trend.table.cells[0]] == [3]
    # Franztreff's line: no point for October for the city (a gap, not a zero); the
    # coordinator's line has all three months, December's 0 included.
    hidden = [c.hidden for c in _column(city_trend, 0)]
    assert (
        _points(own_trend.svg, charts.COLOURS[0]),
        _points(city_trend.svg, charts.COLOURS[0]),
    ) == (
        3,
        hidden.count(False) + 1,  # the city's chart has two lines, so a legend
    )
    city_page, own_page = city.content.decode(), own.content.decode()
    city_row = re.search(r"Oktober 2026</th>(.*?)</tr>", _details(city_page, "visitors"))
    own_row = re.search(r"Oktober 2026</th>(.*?)</tr>", _details(own_page, "visitors"))
    assert "&lt; 5" in city_row.group(1)
    assert re.findall(r'numeric">([^<]*)</td>', own_row.group(1)) == ["3"]


def _column(trend, j):
    return [row[j] for row in trend.table.cells]


def _details(page, key):
    start = page.index(f'id="trend-{key}-heading"')
    return page[start : page.index("</details>", start)]


def test_the_trends_section_comes_before_the_areas(months, client_for):
    page = client_for("city").get(URL, Q4).content.decode()
    assert page.index('id="area-trends"') < page.index('id="area-visitors"')
    assert (page.count('<svg xmlns="http://www.w3.org/2000/svg"'), page.count('role="img"')) == (
        4,
        4,
    )


def test_the_markup_does_not_depend_on_elementtree_s_prefixes(monkeypatch):
    """Another library registering the empty prefix once turned every chart into <ns0:svg>,
    which no browser draws."""
    # A copy of ElementTree's global registry, given back after the test.
    monkeypatch.setattr(ET, "_namespace_map", dict(ET._namespace_map))
    ET.register_namespace("", "http://example.org/another")
    svg = _chart()
    assert (svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" '), "ns0:" in svg) == (
        True,
        False,
    )


@pytest.mark.parametrize(("language", "label"), [("de", ">Okt 2026<"), ("en", ">Oct 2026<")])
def test_month_labels_follow_the_language(months, language, label):
    with translation.override(language), scopes_disabled():
        trends = report(
            [months.franztreff], Period(dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
            k=5, audience=Audience.OWN_TREFF,
        ).trends  # fmt: skip
    assert label in trends[0].svg


def test_the_trends_read_a_fixed_number_of_queries_however_many_treffs(months):
    from tests.factories import TreffFactory

    period = Period(dt.date(2022, 1, 1), dt.date(2026, 12, 31))
    with scopes_disabled(), translation.override("en"):
        two = [months.franztreff, months.rosseltreff]
        with CaptureQueriesContext(connection) as few:
            trend_tables(two, period)
        more = two + [TreffFactory(name=f"Treff {n}", slug=f"treff-x{n}") for n in range(7)]
        with CaptureQueriesContext(connection) as many:
            (measure, table), *_ = trend_tables(more, period)
        trend = draw(measure, publish(Report([table]), 5, Audience.OWN_TREFF).tables[0])
    # One per measure: visitors, lunch guests, counselling contacts, help requests. Nine
    # Treffs are more lines than colours: the chart draws their sum.
    assert (len(few), len(many), trend.lines) == (4, 4, ("All Treffs shown",))


def test_rendering_time_for_five_years_and_two_treffs():
    labels = [f"M{i}" for i in range(60)]
    series = [("Franztreff", list(range(60))), ("Rosseltreff", [60 - i for i in range(60)])]
    charts.line_chart(chart_id="warm", title="t", labels=labels, ticks=[0], series=series)
    start = time.perf_counter()
    svg = charts.line_chart(
        chart_id="trend", title="t", labels=labels, ticks=[0, 12, 24, 36, 48], series=series
    )
    took = time.perf_counter() - start
    print(f"60 months × 2 Treffs: {took * 1000:.0f} ms, {len(svg) / 1024:.0f} KiB of SVG")


def test_a_trend_shares_its_treff_totals_with_the_period_tables_and_hides_them_alike(
    months, client_for
):
    """The trend's months add up to the period's Treff totals: the same figures, published
    in one engine report, so a total hidden in one table is hidden in the other."""
    response = client_for("city").get(URL, Q4)
    trend = _trend(response, "visitors")
    table = next(
        section.table
        for area in response.context["areas"]
        for section in area.sections
        if section.key == "visitors"
    )

    def shown(cells):
        return [cell.reason or cell.value for cell in cells]

    # Franztreff 3 + 40 + 0 = 43, Rosseltreff 12 + 30 + 20 = 62: both shown; the trend's
    # grand total is the table's.
    assert (shown(trend.table.column_totals), shown([trend.table.total])) == (
        shown(table.column_totals),
        shown([table.total]),
    )
    assert shown(table.column_totals) == [43, 62]
