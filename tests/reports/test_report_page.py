"""/reports/: counts per Treff and period, suppressed for readers outside the Treff."""

import datetime as dt
import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from treff.operations.models import Tally, TallyEvent

URL = reverse("reports:report")
# The fourth quarter of 2026 (the tests' clock stands in it), and the two to compare with.
Q4 = {"period": "quarter", "day": "2026-11-30"}


def _visitors(treff, day, count, category="leisure"):
    with scopes_disabled():
        tally = Tally.objects.create(treff=treff, kind="occurrence", date=day, category=category)
        TallyEvent.objects.bulk_create(
            TallyEvent(treff=treff, tally=tally, key=uuid.uuid4(), delta=1) for _ in range(count)
        )


@pytest.fixture
def visits(world):
    _visitors(world.franztreff, dt.date(2026, 11, 2), 3)  # small: hidden outside the Treff
    _visitors(world.franztreff, dt.date(2026, 11, 3), 40, category="lunch")
    _visitors(world.rosseltreff, dt.date(2026, 11, 3), 30, category="lunch")
    _visitors(world.franztreff, dt.date(2026, 8, 3), 12, category="lunch")  # the quarter before
    _visitors(world.franztreff, dt.date(2025, 11, 3), 9, category="lunch")  # a year earlier
    return world


def _section(response, key):
    """The section of measure `key` on the report page."""
    return next(
        section
        for area in response.context["areas"]
        for section in area.sections
        if section.key == key
    )


def _row(section, label):
    return next((cells, total) for name, cells, total in section.rows if name == label)


def test_the_city_sees_small_counts_hidden_and_the_rule_printed(visits, client_for):
    response = client_for("city").get(URL, Q4)
    visitors = _section(response, "visitors")

    def shown(cell):
        return cell.reason or cell.value

    leisure, leisure_total = _row(visitors, "Freizeitangebote")
    lunch, lunch_total = _row(visitors, "Mittagstisch")
    assert visitors.table.column_labels == ("Franztreff", "Rosseltreff")
    # The 3 is hidden ("< 5"), and with it Franztreff's lunch and the lunch total, or the 3
    # would follow from 43 − 40; zeros and Rosseltreff's 30 stay.
    assert [*map(shown, leisure), shown(leisure_total)] == ["primary", 0, "primary"]
    assert [*map(shown, lunch), shown(lunch_total)] == ["secondary", 30, "secondary"]
    assert [shown(cell) for cell in visitors.totals] == [73, 12, 9]
    page = response.content.decode()
    assert "Zahlen von 1 bis 4 werden als „&lt; 5“ gezeigt" in page
    assert "Mit „.“ gezeigte Zahlen sind ebenfalls verborgen" in page
    # The trend charts' axis labels are numbers too; the figures are checked outside them.
    text = re.sub(r"<svg.*?</svg>", "", page, flags=re.DOTALL)
    assert (">40<" in text, ">3<" in text) == (False, False)


def test_the_coordinator_sees_the_own_treff_unsuppressed(visits, client_for):
    response = client_for("coordinator").get(URL, Q4)
    visitors = _section(response, "visitors")
    leisure, _ = _row(visitors, "Freizeitangebote")
    assert visitors.table.column_labels == ("Franztreff",)
    assert [c.value for c in leisure] == [3]
    assert [c.value for c in visitors.totals] == [43, 12, 9]
    assert visitors.table.note is None


def test_the_committee_always_gets_suppressed_figures(visits, client_for):
    response = client_for("committee").get(URL, {**Q4, "treff": visits.franztreff.pk})
    leisure, _ = _row(_section(response, "visitors"), "Freizeitangebote")
    assert [(c.value, c.reason) for c in leisure] == [(None, "primary")]


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        (
            {"period": "custom", "first": "2026-12-01", "last": "2026-11-01"},
            {"last": ["Der letzte Tag darf nicht vor dem ersten Tag liegen."]},
        ),
        (
            {"period": "custom", "first": "2022-01-01", "last": "2027-06-30"},
            {"last": ["Ein Bericht umfasst höchstens 5 Jahre."]},
        ),
        (
            # Twenty years: the report's own limit, not "too far back" for the first day.
            {"period": "custom", "first": "2006-01-01", "last": "2026-11-30"},
            {"last": ["Ein Bericht umfasst höchstens 5 Jahre."]},
        ),
        (
            {"period": "custom", "first": "2026-01-01"},
            {"__all__": ["Geben Sie den ersten und den letzten Tag des Zeitraums an."]},
        ),
        (
            {"period": "decade"},
            {"period": ["Bitte eine gültige Auswahl treffen. decade ist keine gültige Auswahl."]},
        ),
    ],
)
def test_a_bad_range_gets_a_message_and_no_figures(world, client_for, query, errors):
    response = client_for("city").get(URL, query)
    assert (
        response.status_code,
        response.context["form"].errors,
        "areas" in response.context,
    ) == (
        200,
        errors,
        False,
    )


def test_a_treff_outside_the_viewers_scope_is_not_a_choice(visits, client_for):
    response = client_for("coordinator").get(URL, {**Q4, "treff": visits.rosseltreff.pk})
    assert (response.status_code, "areas" in response.context) == (200, False)
    assert response.context["form"].errors == {
        "treff": ["Wählen Sie einen Ihrer Treffs aus der Liste."]
    }


def test_a_year_more_than_five_years_back_can_be_reported(world, client_for):
    """A whole year around a day of 2019: older than a plan is edited, not than a report."""
    response = client_for("city").get(URL, {"period": "year", "day": "2019-06-01"})
    assert (response.status_code, response.context["form"].errors, "areas" in response.context) == (
        200,
        {},
        True,
    )


@pytest.mark.parametrize("k", [0, 1])
def test_a_threshold_below_two_shows_no_figure(visits, client_for, settings, k):
    settings.TREFF_SMALL_CELL_K = k
    response = client_for("city").get(URL, Q4)
    page = response.content.decode()
    assert (response.status_code, "areas" in response.context) == (200, False)
    assert "TREFF_SMALL_CELL_K" in page
    assert ">40<" not in page


def test_a_period_without_data_shows_zeros(world, client_for):
    response = client_for("city").get(URL, {"period": "month", "day": "2022-02-10"})
    visitors = _section(response, "visitors")
    assert {c.value for row in visitors.table.cells for c in row} == {0}


@pytest.mark.parametrize("k", [0, 1, "5"])
def test_the_system_check_refuses_a_threshold_that_protects_nothing(settings, k):
    from treff.reports.checks import small_cell_threshold

    settings.TREFF_SMALL_CELL_K = k
    assert [error.id for error in small_cell_threshold(None)] == ["treff.E010"]


def test_the_default_threshold_passes_the_check(settings):
    from treff.reports.checks import small_cell_threshold

    assert (settings.TREFF_SMALL_CELL_K, small_cell_threshold(None)) == (5, [])


def test_the_report_reads_a_fixed_number_of_queries_however_many_treffs(visits, client_for):
    from tests.factories import TreffFactory

    client = client_for("city")
    with CaptureQueriesContext(connection) as two:
        client.get(URL, Q4)
    with scopes_disabled():
        for n in range(3):
            TreffFactory(name=f"Treff {n}", slug=f"treff-{n}", carrier=visits.drk)
    with CaptureQueriesContext(connection) as five:
        response = client.get(URL, Q4)
    # session, user, roles, Treffs; the four trends (a quarter); for the period one query
    # per table (or per selector that feeds several); for the two earlier periods the
    # tables that add up (their grand totals make the comparison line), not the statistics;
    # the room use and plan rules each read the Treffs' holiday states once per period
    assert (len(response.context["treffs"]), len(two), len(five)) == (5, 149, 149)


def test_help_requests_taken_in_the_period_are_counted_by_where_they_stand(help_world, client_for):
    """The fixture's one open request was taken today (30.11.2026): "< 5" for the city."""
    own = _section(client_for("coordinator").get(URL, Q4), "help")
    city = _section(client_for("city").get(URL, Q4), "help")
    open_own, _ = _row(own, "offen")
    open_city, _ = _row(city, "offen")
    assert (own.title, [c.value for c in open_own]) == (
        "Nachbarschaftshilfe: aufgenommene Anfragen nach ihrem heutigen Stand",
        [1],
    )
    assert [c.reason for c in open_city] == ["primary", None]
