"""A lunch day without a Mittagstisch date in the plan, and planned dates not recorded.

The clock stands at Monday 2026-11-30 10:00. The operations world's Mittagstisch series runs
on Mondays 11–13 in the Gruppenraum from 2 November to 28 December; its lunch day is
yesterday, a Sunday, which the plan does not have.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from treff.offers.models import Occurrence, Series
from treff.operations import lunch_plan, selectors
from treff.operations.models import LunchDay

SUNDAY = dt.date(2026, 11, 29)


def _url(day=SUNDAY):
    return reverse("operations:lunch_plan_add", args=["franztreff", day.isoformat()])


def _short(day):
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def test_the_lunch_list_shows_the_mismatch_both_ways(ops_world, client_for):
    response = client_for("coordinator").get(
        reverse("operations:lunch_list", args=["franztreff"]), {"month": "2026-11"}
    )
    lunch = response.context["lunch"]
    assert lunch.unplanned == {SUNDAY}
    # Today's date (30 November) has not happened yet: it is not "not recorded".
    assert lunch.not_recorded == [dt.date(2026, 11, day) for day in (2, 9, 16, 23)]
    html = response.content.decode()
    assert _url() in html
    assert _("not recorded") in html


def test_the_coordinator_adds_the_lunch_day_to_the_plan(ops_world, client_for):
    client = client_for("coordinator")
    confirm = client.get(_url())
    proposal = confirm.context["proposal"].series
    assert (confirm.status_code, proposal.start_time, proposal.end_time, proposal.room) == (
        200,
        dt.time(11),
        dt.time(13),
        ops_world.room,
    )
    response = client.post(_url())
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("operations:lunch_list", args=["franztreff"]) + "?month=2026-11"
    )
    with scopes_disabled():
        added = Series.objects.get(offer=ops_world.operations.offer, kind="once")
        dates = list(
            Occurrence.objects.filter(series=added).values_list("original_date", flat=True)
        )
        month = selectors.lunch_month(ops_world.franztreff, dt.date(2026, 11, 1))
    assert (added.starts_on, added.ends_on, dates) == (SUNDAY, SUNDAY, [SUNDAY])
    assert month.unplanned == set()


def test_saving_a_lunch_day_on_a_day_without_a_plan_date_says_so(ops_world, client_for):
    day = dt.date(2026, 11, 27)
    response = client_for("volunteer").post(
        reverse("operations:lunch_create", args=["franztreff"]),
        {"date": day.isoformat(), "menu": "Eintopf", "portions_planned": "20"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]][-1] == _(
        "The plan has no Mittagstisch date on %(date)s. The lunch list marks the day and "
        "offers to add it to the plan."
    ) % {"date": _short(day)}


def test_refused_without_a_lunch_day_or_when_the_plan_has_the_date(ops_world):
    monday = dt.date(2026, 11, 23)
    with scopes_disabled():
        with pytest.raises(ValidationError) as no_lunch:
            lunch_plan.lunch_date_proposal(ops_world.franztreff, monday)
        LunchDay.objects.create(treff=ops_world.franztreff, date=monday, portions_planned=20)
        with pytest.raises(ValidationError) as planned:
            lunch_plan.lunch_date_proposal(ops_world.franztreff, monday)
    assert no_lunch.value.messages == [
        _("No lunch day is recorded on %(date)s.") % {"date": _short(monday)}
    ]
    assert planned.value.messages == [
        _("The plan already has a Mittagstisch date on %(date)s.") % {"date": _short(monday)}
    ]


def test_refused_when_the_treff_has_no_lunch_offer(ops_world):
    with scopes_disabled():
        LunchDay.objects.create(treff=ops_world.rosseltreff, date=SUNDAY, portions_planned=20)
        with pytest.raises(ValidationError) as refused:
            lunch_plan.lunch_date_add(
                treff=ops_world.rosseltreff, day=SUNDAY, user=ops_world.users["outsider"]
            )
    assert refused.value.messages == [
        _(
            "The Treff has no active lunch offer with a series to take the time and room "
            "from; add one under Offers and series first."
        )
    ]


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("carrier", 200),
        ("volunteer", 403),
        ("city", 403),
        ("outsider", 404),
        ("other_carrier", 404),
        ("no_role", 404),
    ],
)
def test_only_those_who_plan_the_treff_add_dates(ops_world, client_for, user, status):
    client = client_for(user)
    assert client.get(_url()).status_code == status
    if status != 200:
        assert client.post(_url()).status_code == status
    with scopes_disabled():
        assert Series.objects.filter(kind="once").count() == 0
