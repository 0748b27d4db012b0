"""The planner app refuses odd input with messages, and plans evenings until midnight.

Planning requests and runs are validated by their services (never a ValueError from the grid
or an IntegrityError from the database); a window ending at midnight (00:00 = 24:00) is a
window like any other, and one the weekly grid cannot hold is refused with a clear message.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from treff.offers import plans
from treff.offers.models import Offer, PlanVersion, Series
from treff.planner import bridge, services
from treff.planner.engine import Demand, FixedBooking, Grid, Problem, Room, Status, solve
from treff.planner.models import PlanningRequest
from treff.treffs.models import OpeningHours


@pytest.fixture(autouse=True)
def _english_and_unscoped():
    with translation.override("en"), scopes_disabled():
        yield


@pytest.fixture
def draft(world):
    return plans.plan_create(
        plan=PlanVersion(
            title="2. Halbjahr 2027", valid_from=dt.date(2027, 7, 1), valid_to=dt.date(2027, 12, 31)
        ),
        treff=world.franztreff,
        user=world.users["coordinator"],
    )


def _offer(world, title="Spieleabend", treff=None):
    return Offer.objects.get_or_create(
        treff=treff or world.franztreff,
        title=title,
        category="leisure",
        provider=world.drk if treff is None else world.awo,
    )[0]


def _request(world, **overrides):
    values = {
        "offer": _offer(world),
        "weekdays": [4],
        "minutes": 120,
        "window_start": dt.time(10),
        "window_end": dt.time(12),
    }
    values.update(overrides)
    return PlanningRequest(**values)


ENDS_BY_MIDNIGHT = (
    "A date ends at midnight at the latest: it cannot run into the next day. For an end at "
    "midnight enter 00:00."
)


def _save(world, **overrides):
    return services.planning_request_save(
        planning_request=_request(world, **overrides),
        treff=world.franztreff,
        user=world.users["coordinator"],
    )


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        (
            {"window_start": dt.time(12), "window_end": dt.time(10)},
            {"window_end": ["The window must end after it starts."]},
        ),
        ({"minutes": 180}, {"minutes": ["A session does not fit into the window."]}),
        ({"weekdays": ["Fri"]}, {"weekdays": ["Choose weekdays from Monday to Sunday."]}),
        ({"weekdays": []}, {"weekdays": ["This field cannot be blank."]}),
        ({"room_kinds": ["pool"]}, {"room_kinds": ["Choose kinds of room from the list."]}),
        (
            {"preferred_start": dt.time(10)},
            {"preferred_end": ["Give both ends of the preferred time, or none."]},
        ),
        (
            {"preferred_start": dt.time(11), "preferred_end": dt.time(10)},
            {"preferred_end": ["The preferred time must end after it starts."]},
        ),
        ({"sessions": 11}, {"sessions": ["Ensure this value is less than or equal to 10."]}),
        ({"attendees": 5000}, {"attendees": ["Ensure this value is less than or equal to 1000."]}),
        ({"every_weeks": 3}, {"every_weeks": ["Value 3 is not a valid choice."]}),
        (
            {"window_start": dt.time(20), "window_end": dt.time(1)},
            {"window_end": [ENDS_BY_MIDNIGHT]},
        ),
        (
            {
                "window_start": dt.time(18),
                "window_end": dt.time(0),
                "preferred_start": dt.time(20),
                "preferred_end": dt.time(0, 30),
            },
            {"preferred_end": [ENDS_BY_MIDNIGHT]},
        ),
    ],
    ids=lambda value: str(value)[:40],
)
def test_a_planning_request_with_odd_values_is_refused_with_a_message(world, overrides, expected):
    with pytest.raises(ValidationError) as error:
        _save(world, **overrides)
    assert error.value.message_dict == expected
    assert PlanningRequest.objects.exists() is False


def test_an_offer_of_another_treff_is_refused(world):
    with pytest.raises(ValidationError) as error:
        _save(world, offer=_offer(world, "Geheim", treff=world.rosseltreff))
    assert error.value.message_dict == {"offer": ["This offer belongs to another Treff."]}


def test_a_window_until_midnight_is_saved_from_the_form(world, client_for):
    with translation.override("de"):
        response = client_for("coordinator").post(
            reverse("planner:planning_request_create", args=["franztreff"]),
            {
                "offer": _offer(world).pk,
                "sessions": "1",
                "every_weeks": "1",
                "minutes": "240",
                "weekdays": ["4"],
                "window_start": "20:00",
                "window_end": "24:00",
                "attendees": "8",
                "min_days": "0",
            },
        )
    assert response.status_code == 302
    assert PlanningRequest.objects.get().window_end == dt.time(0)


def _run(world, draft, requests, **overrides):
    values = {
        "treff": world.franztreff,
        "plan_version": draft,
        "planning_requests": requests,
        "time_limit": 5,
        "slot_minutes": 30,
        "user": world.users["coordinator"],
    }
    values.update(overrides)
    return services.run_create(**values)


def test_a_run_with_odd_values_is_refused_with_a_message(world, draft):
    request = _save(world)
    for overrides, expected in (
        ({"slot_minutes": 7}, {"slot_minutes": ["Value 7 is not a valid choice."]}),
        ({"time_limit": 0}, {"time_limit": ["Ensure this value is greater than or equal to 1."]}),
        (
            {"time_limit": 500},
            {"time_limit": ["Ensure this value is less than or equal to 120."]},
        ),
        # The form's limit holds in the service too (issue 11: services own their rules).
        (
            {"time_limit": 121},
            {"time_limit": ["Ensure this value is less than or equal to 120."]},
        ),
    ):
        with pytest.raises(ValidationError) as error:
            _run(world, draft, [request], **overrides)
        assert error.value.message_dict == expected
    other = plans.plan_create(
        plan=PlanVersion(
            title="Rossel", valid_from=dt.date(2027, 7, 1), valid_to=dt.date(2027, 12, 31)
        ),
        treff=world.rosseltreff,
        user=world.users["outsider"],
    )
    with pytest.raises(ValidationError) as error:
        _run(world, other, [request])
    assert error.value.messages == ["This plan belongs to another Treff."]


def test_an_evening_window_outside_the_opening_hours_is_refused_clearly(world, draft):
    for weekday in range(5):
        OpeningHours.objects.create(
            treff=world.franztreff, weekday=weekday, opens=dt.time(9), closes=dt.time(17)
        )
    request = _save(world, minutes=240, window_start=dt.time(20), window_end=dt.time(0))
    with pytest.raises(ValidationError) as error:
        _run(world, draft, [request])
    assert error.value.messages == [
        "“Spieleabend” cannot be placed: its window (Friday, 20:00–24:00) leaves no room for a "
        "session of 240 minutes within the opening hours, which the planner uses as its grid "
        "(Monday, Tuesday, Wednesday, Thursday and Friday, 09:00–17:00). Change the window or "
        "the opening hours, or plan this offer by hand as a series."
    ]


def test_the_planner_places_an_evening_until_midnight_and_applies_it(world, draft):
    OpeningHours.objects.create(
        treff=world.franztreff, weekday=4, opens=dt.time(14), closes=dt.time(0)
    )
    assert bridge.grid_of(world.franztreff, 30) == Grid(
        days=(4,), start=dt.time(14), end=dt.time(0), slot_minutes=30
    )
    request = _save(world, minutes=240, window_start=dt.time(20), window_end=dt.time(0))
    run = _run(world, draft, [request])
    run = services.run_execute(run, record_progress=False)
    assert (run.status, run.proposal) == (
        "optimal",
        [
            {
                "request": f"request{request.pk}",
                "room": f"room{world.room.pk}",
                "day": 4,
                "start": "20:00",
                "end": "00:00",
                "week": 0,
            }
        ],
    )
    assert services.run_apply(run=run, user=world.users["coordinator"]) == 1
    series = Series.objects.get()
    assert (series.start_time, series.end_time, series.weekdays) == (dt.time(20), dt.time(0), [4])


def test_a_fixed_evening_until_midnight_blocks_its_room():
    grid = Grid(days=(4,), start=dt.time(18), end=dt.time(0), slot_minutes=60)
    problem = Problem(
        grid=grid,
        rooms=(Room("a", "A"), Room("b", "B")),
        demands=(Demand("late", "Nachtcafé", minutes=60),),
        fixed=(FixedBooking("games", "Spieleabend", 4, dt.time(18), dt.time(0), rooms=("a",)),),
    )
    solution = solve(problem, time_limit=5, workers=1)
    assert solution.status == Status.OPTIMAL
    assert [p.room for p in solution.placements] == ["b"]


def test_the_cycle_of_four_weeks_says_what_it_becomes(world, client_for):
    """Applied as the n-th weekday of the month (bridge.series_for), so it says so."""
    from treff.planner.models import Cycle

    with translation.override("en"):
        assert [str(label) for _value, label in Cycle.choices] == [
            "every week",
            "every second week",
            "once a month on the same weekday (e.g. the second Tuesday)",
        ]
    form = (
        client_for("coordinator")
        .get(
            reverse("planner:planning_request_create", args=["franztreff"]),
            HTTP_ACCEPT_LANGUAGE="en",
        )
        .context["form"]
    )
    assert form.fields["window_end"].help_text == "For midnight enter 00:00."


def _second_draft(world, treff=None, user="coordinator"):
    return plans.plan_create(
        plan=PlanVersion(
            title="Zweiter Entwurf", valid_from=dt.date(2028, 1, 1), valid_to=dt.date(2028, 6, 30)
        ),
        treff=treff or world.franztreff,
        user=world.users[user],
    )


def test_one_run_per_treff_at_a_time(world, draft):
    """Issue 16: a run takes a core for up to two minutes; a second draft's run waits."""
    request = _save(world)
    _run(world, draft, [request])
    with pytest.raises(ValidationError) as same_draft:
        _run(world, draft, [request])
    with pytest.raises(ValidationError) as other_draft:
        _run(world, _second_draft(world), [request])
    assert (same_draft.value.messages, other_draft.value.messages) == (
        [
            "The planner is already working on this draft. Wait for its proposal (at most the "
            "time limit and a minute), then start again if you need to."
        ],
        [
            "The planner is already working on another draft of this Treff. Wait for its "
            "proposal (at most the time limit and a minute), then start again."
        ],
    )


def test_the_installation_runs_at_most_its_cap_and_a_lost_run_does_not_count(
    world, draft, settings
):
    from treff.planner.models import LEASE_GRACE, PlannerRun

    settings.TREFF_PLANNER_MAX_RUNS = 1
    first = _run(world, draft, [_save(world)])
    rossel_request = services.planning_request_save(
        planning_request=_request(world, offer=_offer(world, "Schach", treff=world.rosseltreff)),
        treff=world.rosseltreff,
        user=world.users["outsider"],
    )
    rossel_draft = _second_draft(world, treff=world.rosseltreff, user="outsider")
    with pytest.raises(ValidationError) as busy:
        _run(
            world,
            rossel_draft,
            [rossel_request],
            treff=world.rosseltreff,
            user=world.users["outsider"],
        )
    assert busy.value.messages == [
        "The planner is busy with the plans of other Treffs. Please start again in a few minutes."
    ]
    # The first run's worker is gone (running past its lease): it no longer blocks anyone.
    lease = dt.timedelta(seconds=first.time_limit) + LEASE_GRACE + dt.timedelta(minutes=1)
    PlannerRun.objects.filter(pk=first.pk).update(
        status=PlannerRun.Status.RUNNING, started_at=timezone.now() - lease
    )
    run = _run(
        world, rossel_draft, [rossel_request], treff=world.rosseltreff, user=world.users["outsider"]
    )
    assert run.treff_id == world.rosseltreff.pk
