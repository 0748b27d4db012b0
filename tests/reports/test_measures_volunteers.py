"""/reports/ volunteers: active, began and left, hours, police clearances due (§4.1, §6)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled

from treff.reports.engine.periods import Period
from treff.reports.measures import volunteers
from treff.volunteers.models import (
    HelpRequest,
    HelpSeeker,
    Shift,
    ShiftSignup,
    ShiftTemplate,
    Volunteer,
)
from treff.volunteers.services import volunteer_save

from .test_measures_lunch import grid, shown
from .test_report_page import Q4, URL, _section

TODAY = dt.date(2026, 11, 30)
Q4_DAYS = (dt.date(2026, 10, 1), dt.date(2026, 12, 31))


def _volunteer(treff, name, started, **fields):
    return Volunteer.objects.create(
        treff=treff,
        first_name=name,
        last_name="Test",
        help_kinds=["shopping"],
        district="mitte",
        started_on=started,
        **fields,
    )


def _help_done(treff, volunteer, day, minutes):
    seeker = HelpSeeker.objects.create(
        treff=treff, name="Frau X", district="mitte", channel="phone"
    )
    HelpRequest.objects.create(
        treff=treff,
        seeker=seeker,
        kind="shopping",
        date=day,
        start=dt.time(10),
        end=dt.time(11),
        status="done",
        volunteer=volunteer,
        minutes_spent=minutes,
        helped_on=day,
    )


@pytest.fixture
def team(world):
    franz, rossel = world.franztreff, world.rosseltreff
    with scopes_disabled():
        # Gave 90 minutes of help; clearance due on 15.11.2026, in the quarter.
        anna = _volunteer(
            franz,
            "Anna",
            dt.date(2020, 1, 1),
            clearance_issued_on=dt.date(2021, 11, 15),
            clearance_seen_on=dt.date(2021, 11, 20),
        )
        _help_done(franz, anna, dt.date(2026, 11, 10), 90)
        # Began in the quarter, attended one 3-hour shift; clearance due since 1.5.2026.
        ben = _volunteer(
            franz,
            "Ben",
            dt.date(2026, 10, 15),
            clearance_issued_on=dt.date(2021, 5, 1),
            clearance_seen_on=dt.date(2021, 5, 3),
        )
        template = ShiftTemplate.objects.create(
            treff=franz,
            title="Kleiderkammer",
            kind="clothing",
            weekdays=[0],
            start=dt.time(13),
            end=dt.time(16),
            starts_on=dt.date(2026, 11, 9),
            ends_on=dt.date(2026, 12, 7),
        )
        for day, signup in [
            (dt.date(2026, 11, 16), {}),
            (dt.date(2026, 11, 9), {"cancelled_at": dt.datetime(2026, 11, 8, tzinfo=dt.UTC)}),
            (dt.date(2026, 11, 23), {"attended": False}),
            (dt.date(2026, 12, 7), {}),  # ahead: not attended yet
        ]:
            shift = Shift.objects.create(
                treff=franz, template=template, date=day, start=dt.time(13), end=dt.time(16)
            )
            ShiftSignup.objects.create(shift=shift, volunteer=ben, **signup)
        # Left in the quarter: active in it, but no clearance of theirs is due any more.
        _volunteer(
            franz,
            "Carl",
            dt.date(2019, 1, 1),
            status="left",
            ended_on=dt.date(2026, 11, 20),
            clearance_issued_on=dt.date(2020, 1, 1),
            clearance_seen_on=dt.date(2020, 1, 2),
        )
        _volunteer(franz, "Dora", dt.date(2018, 3, 1), status="paused")  # on the list
        _volunteer(franz, "Emil", dt.date(2015, 1, 1), status="left", ended_on=dt.date(2025, 6, 1))
        _volunteer(franz, "Fritz", dt.date(2016, 1, 1), status="left")  # left, day unknown
        for n in range(6):
            helper = _volunteer(rossel, f"R{n}", dt.date(2024, 1, 1))
            _help_done(rossel, helper, dt.date(2026, 10, 5 + n), 60)
    return world


def test_the_city_sees_few_volunteers_hidden(team, client_for):
    response = client_for("city").get(URL, Q4)
    active = _section(response, "volunteers_active")
    assert grid(active) == [
        ["primary", "secondary", "secondary"],
        ["primary", 0, "primary"],
        ["primary", "secondary", 10],
    ]
    # The quarter before and a year earlier: Anna, Carl, Dora and Rosseltreff's six.
    assert [shown(c) for c in active.totals] == [10, 9, 9]
    for key in ("volunteers_new", "volunteers_left"):
        comings = _section(response, key)
        assert (key, grid(comings)) == (key, [["primary", 0, "primary"]] * 2)
    # Ben began; nobody began or left in the quarter before or a year earlier.
    assert [shown(c) for c in _section(response, "volunteers_new").totals] == ["primary", 0, 0]
    hours = _section(response, "volunteers_hours")
    assert (grid(hours)[0], hours.totals) == (["primary", Decimal("6.0"), None], None)
    assert grid(_section(response, "volunteers_clearances")) == [
        ["primary", 0, "primary"],
        ["primary", 0, "primary"],
        ["primary", 0, "primary"],
    ]


def test_the_coordinator_sees_the_own_volunteers(team, client_for):
    response = client_for("coordinator").get(URL, Q4)
    figures = {
        key: grid(_section(response, key))
        for key in (
            "volunteers_active",
            "volunteers_new",
            "volunteers_left",
            "volunteers_hours",
            "volunteers_clearances",
        )
    }
    assert figures == {
        # Anna and Ben gave help or took a shift; Carl (left on 20.11.) and Dora (paused)
        # were on the list; Emil left earlier and Fritz on an unknown day.
        "volunteers_active": [[2, 2], [2, 2], [4, 4]],
        "volunteers_new": [[1, 1], [1, 1]],  # Ben
        "volunteers_left": [[1, 1], [1, 1]],  # Carl
        # 90 minutes of help and one attended 3-hour shift.
        "volunteers_hours": [[Decimal("4.5"), None], [None, None]],
        "volunteers_clearances": [[1, 1], [1, 1], [2, 2]],
    }
    assert [c.value for c in _section(response, "volunteers_active").totals] == [4, 3, 3]


def test_the_hours_are_a_statistic_on_the_volunteers_who_gave_them(team):
    with scopes_disabled():
        figures = volunteers.hours([team.franztreff, team.rosseltreff], Period(*Q4_DAYS))
    assert (figures.values, figures.bases, figures.overall) == (
        [[Decimal("4.5"), Decimal("6.0")]],
        [[2, 6]],
        None,
    )


def test_a_period_before_anyone_began_gives_zeros(team):
    treffs = [team.franztreff, team.rosseltreff]
    span = Period(dt.date(2014, 2, 1), dt.date(2014, 2, 28))
    with scopes_disabled():
        figures = {
            m.key: (m.compute(treffs, span).values, m.compute(treffs, span).bases)
            for m in volunteers.MEASURES
        }
    assert figures == {
        "volunteers_active": ([[0, 0], [0, 0]], None),
        "volunteers_new": ([[0, 0]], None),
        "volunteers_left": ([[0, 0]], None),
        "volunteers_hours": ([[Decimal("0.0"), Decimal("0.0")]], [[0, 0]]),
        "volunteers_clearances": ([[0, 0], [0, 0]], None),
    }


def test_leaving_stamps_the_day_and_coming_back_clears_it(team):
    user = team.users["coordinator"]
    with scopes_disabled():
        dora = Volunteer.objects.get(first_name="Dora")
        dora.status = "left"
        assert volunteer_save(volunteer=dora, user=user).ended_on == TODAY
        dora.status, dora.ended_on = "left", dt.date(2026, 11, 2)
        assert volunteer_save(volunteer=dora, user=user).ended_on == dt.date(2026, 11, 2)
        dora.status = "active"
        assert volunteer_save(volunteer=dora, user=user).ended_on is None


def test_an_engagement_cannot_end_before_it_began(team):
    with scopes_disabled():
        dora = Volunteer.objects.get(first_name="Dora")
        dora.status, dora.ended_on = "left", dt.date(2017, 1, 1)
        with pytest.raises(ValidationError) as refused:
            volunteer_save(volunteer=dora, user=team.users["coordinator"])
    # The message is translated later; the field it lands on is the point here.
    assert list(refused.value.message_dict) == ["ended_on"]
