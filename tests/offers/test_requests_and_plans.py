import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from treff.offers import plans, services
from treff.offers.models import BookingRequest, Occurrence, Offer, PlanVersion, Series


def test_counsellor_asks_for_a_slot_and_the_coordinator_is_mailed(
    world, client_for, django_capture_on_commit_callbacks
):
    with scopes_disabled():
        world.users["coordinator"].email = "koordination@example.org"
        world.users["coordinator"].save()
    client = client_for("counsellor")
    data = {
        "title": "Schuldnerberatung",
        "category": "visiting_counselling",
        "room_kind": "visit_counselling",
        "kind": "weekly",
        "interval": "2",
        "weekdays": ["1"],
        "starts_on": "2027-01-05",
        "ends_on": "2027-06-29",
        "start_time": "10:00",
        "end_time": "12:00",
        "message": "Bitte alle zwei Wochen.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("offers:booking_request_create", args=["franztreff"]), data)
    assert (response.status_code, response.url) == (302, reverse("offers:booking_request_list"))
    with scopes_disabled():
        booking_request = BookingRequest.objects.get()
    assert (booking_request.provider, booking_request.requested_by, booking_request.weekdays) == (
        world.partner,
        world.users["counsellor"],
        [1],
    )
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["koordination@example.org"], "Neue Buchungsanfrage: Schuldnerberatung im Franztreff")
    ]


def test_a_fifth_weekday_is_refused_on_the_form(world, client_for):
    client = client_for("counsellor")
    data = {
        "title": "Suchtberatung",
        "category": "visiting_counselling",
        "room_kind": "visit_counselling",
        "kind": "monthly_nth",
        "nth": "5",
        "interval": "1",
        "weekdays": ["3"],
        "starts_on": "2027-01-01",
        "ends_on": "2027-06-30",
        "start_time": "14:00",
        "end_time": "16:00",
    }
    response = client.post(reverse("offers:booking_request_create", args=["franztreff"]), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "nth": [
            "Nicht jeder Monat hat einen 5. Donnerstag; wählen Sie stattdessen "
            "„letzter Donnerstag“."
        ]
    }
    with scopes_disabled():
        assert BookingRequest.objects.count() == 0


def test_the_coordinator_sees_conflicts_then_accepts_and_both_sides_are_mailed(
    plan_world, client_for, django_capture_on_commit_callbacks
):
    world = plan_world
    booking_request = world.plan.booking_request
    client = client_for("coordinator")
    page = client.get(
        reverse("offers:booking_request_detail", args=[booking_request.pk]), {"room": world.room.pk}
    )
    assert page.context["conflicts"] == []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("offers:booking_request_detail", args=[booking_request.pk]),
            {"decision": "accept", "accept-room": world.room.pk, "accept-reason": "Gern!"},
        )
    assert response.status_code == 302
    with scopes_disabled():
        booking_request.refresh_from_db()
        series = booking_request.series
        assert (booking_request.status, series.room, series.interval, series.offer.title) == (
            "accepted",
            world.room,
            2,
            "Schuldnerberatung",
        )
        assert Occurrence.objects.filter(series=series).count() == 13
    assert [m.subject for m in mail.outbox] == ["Buchungsanfrage angenommen: Schuldnerberatung"]
    assert mail.outbox[0].to == ["counsellor@example.org", "coordinator@example.org"]


def test_accepting_into_a_taken_slot_shows_the_conflict_and_changes_nothing(plan_world, client_for):
    world = plan_world
    booking_request = world.plan.booking_request
    with scopes_disabled():
        booking_request.weekdays = [3]  # Thursdays 10–12 would hit nothing, 14:30 would: move it
        booking_request.start_time, booking_request.end_time = dt.time(14), dt.time(16)
        booking_request.starts_on = dt.date(2027, 1, 7)
        booking_request.save()
    client = client_for("coordinator")
    page = client.get(
        reverse("offers:booking_request_detail", args=[booking_request.pk]), {"room": world.room.pk}
    )
    assert page.context["conflicts"][0] == (
        "Raum Gruppenraum ist am 07.01.2027 um 14:30 bereits durch „Seniorencafé“ belegt."
    )
    response = client.post(
        reverse("offers:booking_request_detail", args=[booking_request.pk]),
        {"decision": "accept", "accept-room": world.room.pk},
    )
    assert response.status_code == 200
    with scopes_disabled():
        booking_request.refresh_from_db()
        assert (booking_request.status, booking_request.series) == ("pending", None)


def test_declining_needs_a_reason(plan_world, client_for):
    booking_request = plan_world.plan.booking_request
    client = client_for("coordinator")
    response = client.post(
        reverse("offers:booking_request_detail", args=[booking_request.pk]),
        {"decision": "decline", "decline-reason": ""},
    )
    assert response.status_code == 200
    assert response.context["decline_form"].errors == {
        "reason": ["Dieses Feld ist zwingend erforderlich."]
    }
    response = client.post(
        reverse("offers:booking_request_detail", args=[booking_request.pk]),
        {"decision": "decline", "decline-reason": "Kein Raum frei."},
    )
    assert response.status_code == 302
    with scopes_disabled():
        booking_request.refresh_from_db()
    assert (booking_request.status, booking_request.decision_reason) == (
        "declined",
        "Kein Raum frei.",
    )


def test_a_volunteer_cannot_decide_a_request(plan_world, client_for):
    booking_request = plan_world.plan.booking_request
    response = client_for("volunteer").post(
        reverse("offers:booking_request_detail", args=[booking_request.pk]),
        {"decision": "decline", "decline-reason": "Nein"},
    )
    assert response.status_code == 403
    with scopes_disabled():
        booking_request.refresh_from_db()
    assert booking_request.status == "pending"


def test_plan_goes_from_draft_to_submitted_to_approved_and_the_next_version_shows_changes(
    plan_world, client_for
):
    world = plan_world
    plan = world.plan.plan_version
    coordinator = client_for("coordinator")
    coordinator.post(reverse("offers:plan_action", args=["franztreff", plan.pk, "submit"]))
    with scopes_disabled():
        plan.refresh_from_db()
    assert (plan.status, [e["offer"] for e in plan.snapshot]) == ("submitted", ["Seniorencafé"])

    city = client_for("city")
    response = city.post(
        reverse("offers:plan_detail", args=["franztreff", plan.pk]),
        {"decision": "approve", "comments": ""},
    )
    assert response.status_code == 302
    with scopes_disabled():
        plan.refresh_from_db()
        assert plan.status == "approved"
        # After approval the coordinator moves the series; the approved version is frozen.
        series = Series.objects.get(pk=world.plan.series.pk)
        series.start_time, series.end_time = dt.time(15), dt.time(17)
        from treff.offers import services

        services.series_save(series=series, user=world.users["coordinator"])
        plan.refresh_from_db()
        assert plan.snapshot[0]["time"] == "14:30–16:30"
    coordinator = client_for("coordinator")
    response = coordinator.post(
        reverse("offers:plan_action", args=["franztreff", plan.pk, "new-draft"])
    )
    with scopes_disabled():
        draft = PlanVersion.objects.get(status="draft")
    assert (draft.number, response.url) == (2, f"/treffs/franztreff/plans/{draft.pk}/")
    page = coordinator.get(response.url)
    assert page.context["diff"]["changed"][0]["fields"] == ["time"]
    assert page.context["diff"]["added"] == []


def test_returning_a_plan_needs_comments(plan_world, client_for):
    plan = plan_world.plan.plan_version
    with scopes_disabled():
        plans.plan_submit(plan=plan, user=plan_world.users["coordinator"])
    response = client_for("city").post(
        reverse("offers:plan_detail", args=["franztreff", plan.pk]),
        {"decision": "return", "comments": " "},
    )
    assert response.status_code == 200
    assert response.context["decision_form"].errors == {
        "comments": ["Sagen Sie, was sich ändern soll, wenn Sie einen Plan zurückgeben."]
    }


def test_only_the_city_decides_plans(plan_world, client_for):
    plan = plan_world.plan.plan_version
    with scopes_disabled():
        plans.plan_submit(plan=plan, user=plan_world.users["coordinator"])
    response = client_for("carrier").post(
        reverse("offers:plan_detail", args=["franztreff", plan.pk]), {"decision": "approve"}
    )
    assert response.status_code == 200
    assert response.context["decision_form"] is None
    with scopes_disabled():
        plan.refresh_from_db()
    assert plan.status == "submitted"


def test_an_empty_plan_cannot_be_submitted(world, client_for):
    with scopes_disabled():
        plan = plans.plan_create(
            plan=PlanVersion(
                title="Leer", valid_from=dt.date(2030, 1, 1), valid_to=dt.date(2030, 6, 30)
            ),
            treff=world.franztreff,
            user=world.users["coordinator"],
        )
    client = client_for("coordinator")
    response = client.post(
        reverse("offers:plan_action", args=["franztreff", plan.pk, "submit"]), follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Der Plan enthält für diesen Zeitraum noch keine Serien."
    ]


@pytest.mark.parametrize("bad", ["2027-02-30", "gestern"])
def test_a_bad_date_in_the_address_is_a_404_not_a_500(plan_world, client_for, bad):
    url = f"/treffs/franztreff/series/{plan_world.plan.series.pk}/dates/{bad}/"
    assert client_for("coordinator").get(url).status_code == 404


def test_accepting_into_another_treffs_room_is_refused_by_series_save_and_keeps_no_offer(
    plan_world,
):
    """The service alone (as a command would call it) refuses like the series form does."""
    world = plan_world
    booking_request = world.plan.booking_request
    with scopes_disabled():
        booking_request.title = "Mieterberatung"  # a new offer, created only if all is well
        booking_request.save()
        with pytest.raises(ValidationError) as refused:
            services.booking_request_accept(
                booking_request=booking_request,
                room=world.other_room,
                user=world.users["coordinator"],
            )
        booking_request.refresh_from_db()
        assert refused.value.message_dict == {
            "room": ["Dieser Raum gehört zu einem anderen Treff."]
        }
        assert (booking_request.status, booking_request.series) == ("pending", None)
        assert Offer.objects.filter(title="Mieterberatung").exists() is False
