"""The planner in the app: planning requests, a proposal, applying it, explanations, progress."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from treff.offers import plans
from treff.offers.models import Offer, PlanVersion, Series
from treff.planner import services
from treff.planner.models import PlannerRun, PlanningRequest
from treff.treffs.models import Room

from .factories import RoomFactory


@pytest.fixture
def planner_world(world):
    with scopes_disabled():
        counselling = RoomFactory(
            treff=world.franztreff,
            name="Beratungsraum",
            kind=Room.Kind.VISITING_COUNSELLING,
            capacity=4,
        )
        draft = plans.plan_create(
            plan=PlanVersion(
                title="2. Halbjahr 2027",
                valid_from=dt.date(2027, 7, 1),
                valid_to=dt.date(2027, 12, 31),
            ),
            treff=world.franztreff,
            user=world.users["coordinator"],
        )
        offers = {
            title: Offer.objects.create(
                treff=world.franztreff,
                title=title,
                category="visiting_counselling",
                provider=world.drk,
            )
            for title in ("Schuldnerberatung", "Suchtberatung")
        }
    world.counselling = counselling
    world.draft = draft
    world.offers = offers
    return world


def _request(world, title, **overrides):
    values = {
        "offer": world.offers[title],
        "sessions": 1,
        "every_weeks": 1,
        "minutes": 120,
        "weekdays": [1],
        "window_start": dt.time(10),
        "window_end": dt.time(12),
        "room_kinds": ["visit_counselling"],
        "attendees": 2,
    }
    values.update(overrides)
    with scopes_disabled():
        return services.planning_request_save(
            planning_request=PlanningRequest(**values),
            treff=world.franztreff,
            user=world.users["coordinator"],
        )


def test_coordinator_proposes_and_applies_a_plan(
    planner_world, client_for, django_capture_on_commit_callbacks
):
    world = planner_world
    _request(world, "Schuldnerberatung")
    _request(
        world, "Suchtberatung", weekdays=[1, 3], window_start=dt.time(9), window_end=dt.time(17)
    )
    client = client_for("coordinator")
    with scopes_disabled():
        ids = list(PlanningRequest.objects.values_list("pk", flat=True))
    # The run is queued with the request's transaction; the tests' backend runs it on commit.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("planner:propose", args=["franztreff"]),
            {
                "requests": ids,
                "plan_version": world.draft.pk,
                "time_limit": "5",
                "slot_minutes": "30",
            },
        )
    with scopes_disabled():
        run = PlannerRun.objects.get()
    assert (response.status_code, response.url) == (
        302,
        f"/treffs/franztreff/planner/runs/{run.pk}/",
    )
    assert run.status == "optimal"
    page = client.get(response.url)
    assert sorted(row["offer"] for row in page.context["proposal"]) == [
        "Schuldnerberatung",
        "Suchtberatung",
    ]
    response = client.post(reverse("planner:run_apply", args=["franztreff", run.pk]))
    assert response.url == f"/treffs/franztreff/plans/{world.draft.pk}/"
    with scopes_disabled():
        created = {
            s.offer.title: (s.room.name, s.weekdays, f"{s.start_time:%H:%M}")
            for s in Series.objects.all()
        }
        run.refresh_from_db()
    assert created["Schuldnerberatung"] == ("Beratungsraum", [1], "10:00")
    assert created["Suchtberatung"][0] == "Beratungsraum"
    assert created["Suchtberatung"][1:] != ([1], "10:00")  # not on top of the other
    assert run.status == "applied"


def test_no_plan_is_explained_in_plain_words(planner_world):
    world = planner_world
    first = _request(world, "Schuldnerberatung")
    second = _request(world, "Suchtberatung")
    with scopes_disabled():
        run = services.run_create(
            treff=world.franztreff,
            plan_version=world.draft,
            planning_requests=[first, second],
            time_limit=5,
            slot_minutes=30,
            user=world.users["coordinator"],
        )
        run = services.run_execute(run, record_progress=False)
    assert run.status == "infeasible"
    assert run.proposal == []
    assert len(run.explanation) >= 1
    assert "Schuldnerberatung" in run.explanation[0]
    assert "Suchtberatung" in run.explanation[0]


def test_a_session_longer_than_its_window_is_refused_on_the_form(planner_world, client_for):
    world = planner_world
    response = client_for("coordinator").post(
        reverse("planner:planning_request_create", args=["franztreff"]),
        {
            "offer": world.offers["Schuldnerberatung"].pk,
            "sessions": "1",
            "every_weeks": "1",
            "minutes": "180",
            "weekdays": ["1"],
            "window_start": "10:00",
            "window_end": "12:00",
            "attendees": "2",
            "min_days": "0",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "minutes": ["Eine Sitzung passt nicht in das Zeitfenster."]
    }


def test_proposals_go_into_drafts_only(planner_world):
    world = planner_world
    request = _request(world, "Schuldnerberatung")
    with scopes_disabled():
        world.draft.status = PlanVersion.Status.APPROVED
        world.draft.save()
        with pytest.raises(services.ValidationError) as error, translation.override("en"):
            services.run_create(
                treff=world.franztreff,
                plan_version=world.draft,
                planning_requests=[request],
                time_limit=1,
                slot_minutes=30,
                user=world.users["coordinator"],
            )
    assert error.value.messages == ["Proposals can only go into a draft plan."]


def test_a_proposal_overtaken_by_a_new_booking_is_not_applied(planner_world):
    world = planner_world
    request = _request(world, "Schuldnerberatung")
    with scopes_disabled():
        run = services.run_create(
            treff=world.franztreff,
            plan_version=world.draft,
            planning_requests=[request],
            time_limit=5,
            slot_minutes=30,
            user=world.users["coordinator"],
        )
        run = services.run_execute(run, record_progress=False)
        # Meanwhile someone books the counselling room on Tuesdays 10–12.
        from treff.offers import services as offer_services

        offer_services.series_save(
            series=Series(
                offer=world.offers["Suchtberatung"],
                kind="weekly",
                weekdays=[1],
                starts_on=dt.date(2027, 7, 1),
                ends_on=dt.date(2027, 12, 31),
                start_time=dt.time(10),
                end_time=dt.time(12),
                room=world.counselling,
            ),
            user=world.users["coordinator"],
        )
        with pytest.raises(services.ValidationError):
            services.run_apply(run=run, user=world.users["coordinator"])
        assert Series.objects.filter(offer=world.offers["Schuldnerberatung"]).exists() is False
        run.refresh_from_db()
    assert run.status == "optimal"


def test_the_command_proposes_with_a_progress_bar_and_applies(planner_world):
    world = planner_world
    _request(world, "Schuldnerberatung")
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "plan_propose", "franztreff", "--time-limit", "5", "--apply", stdout=out, stderr=err
    )
    assert "[" in err.getvalue()
    assert out.getvalue().splitlines()[-1] == "1 series added to 2. Halbjahr 2027, 1."
    with scopes_disabled():
        assert Series.objects.get().offer.title == "Schuldnerberatung"
