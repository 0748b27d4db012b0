"""The reads the dashboard and the city call: the day summary and the monthly aggregates."""

import datetime as dt
import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from treff.operations import selectors, services


def _taps(world, count, *, occurrence=None, day=None, user="coordinator"):
    with scopes_disabled():
        for _i in range(count):
            services.tally_tap(
                treff=world.franztreff,
                day=day or timezone.localdate(),
                occurrence=occurrence,
                key=uuid.uuid4(),
                user=world.users[user],
            )


def test_day_summary_lists_the_occurrences_with_their_counts(ops_world):
    occ = ops_world.operations.occurrence
    day = occ.original_date
    _taps(ops_world, 4, occurrence=occ, day=day)
    _taps(ops_world, 2, day=day)
    with scopes_disabled():
        summary = selectors.day_summary(ops_world.franztreff, day)
    assert [(row.title, row.total) for row in summary.rows] == [("Mittagstisch", 4)]
    assert (summary.drop_in, summary.visitors) == (2, 6)


def test_day_summary_has_the_lunch_day(ops_world):
    lunch = ops_world.operations.lunch
    with scopes_disabled():
        summary = selectors.day_summary(ops_world.franztreff, lunch.date)
    assert (summary.lunch, summary.lunch.portions_planned, summary.lunch.portions_served) == (
        lunch,
        30,
        28,
    )


def test_day_summary_takes_three_queries(ops_world):
    occ = ops_world.operations.occurrence
    _taps(ops_world, 3, occurrence=occ, day=occ.original_date)
    with scopes_disabled(), CaptureQueriesContext(connection) as queries:
        selectors.day_summary(ops_world.franztreff, occ.original_date)
    assert len(queries) == 3


def test_monthly_totals_per_treff_and_category(ops_world):
    occ = ops_world.operations.occurrence
    _taps(ops_world, 5, occurrence=occ, day=occ.original_date)
    _taps(ops_world, 2, day=occ.original_date)
    with scopes_disabled():
        rows = selectors.monthly_totals(occ.original_date.year)
        per_treff = selectors.monthly_treff_totals(occ.original_date.year)
    month = occ.original_date.month
    assert [(r.treff_name, r.month, r.category, r.visitors) for r in rows] == [
        ("Franztreff", month, "", 2),
        ("Franztreff", month, "lunch", 5),
    ]
    assert per_treff == {(ops_world.franztreff.pk, month): 7}


def test_the_city_sees_totals_of_every_treff_but_no_daily_pages(ops_world, client_for):
    _taps(ops_world, 1)
    with scope(treff=None):
        assert selectors.monthly_treff_totals(timezone.localdate().year) == {
            (ops_world.franztreff.pk, timezone.localdate().month): 1
        }
    day = reverse("operations:day", args=["franztreff"])
    assert client_for("city").get(day).status_code == 403


def test_the_outsiders_scope_has_no_franztreff_figures(ops_world):
    _taps(ops_world, 3)
    with scope(treff=[ops_world.rosseltreff.pk]):
        assert selectors.monthly_totals(timezone.localdate().year) == []


def test_monthly_lunch_and_clothing_totals(ops_world):
    lunch = ops_world.operations.lunch
    with scopes_disabled():
        lunches = selectors.monthly_lunch_totals(lunch.date.year)
        clothes = selectors.monthly_clothing_totals(ops_world.operations.donation.date.year)
    assert lunches[(ops_world.franztreff.pk, lunch.date.month)]["served"] == 28
    assert clothes[(ops_world.franztreff.pk, ops_world.operations.donation.date.month)] == {
        "received": 10,
        "handed_out": 0,
    }


def test_the_tally_page_and_day_view_do_not_grow_with_taps(ops_world, client_for):
    occ = ops_world.operations.occurrence
    url = reverse(
        "operations:tally", args=["franztreff", occ.series_id, occ.original_date.isoformat()]
    )
    day_url = reverse("operations:day", args=["franztreff"]) + f"?date={occ.original_date}"
    client = client_for("coordinator")
    _taps(ops_world, 1, occurrence=occ, day=occ.original_date)
    counts = []
    for _round in range(2):
        with CaptureQueriesContext(connection) as tally_queries:
            client.get(url)
        with CaptureQueriesContext(connection) as day_queries:
            client.get(day_url)
        counts.append((len(tally_queries), len(day_queries)))
        _taps(ops_world, 20, occurrence=occ, day=occ.original_date)
    assert counts[0] == counts[1]


def test_a_moved_day_is_not_a_problem_for_yesterdays_drop_in(ops_world):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    _taps(ops_world, 2, day=yesterday)
    with scopes_disabled():
        assert selectors.day_summary(ops_world.franztreff, yesterday).drop_in == 2
