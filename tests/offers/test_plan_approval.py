"""Approval governs the live plan.

After the city approves a version, every change of a series in its period is flagged on the
plan list and the plan ("changed since approval", with the difference to the approved
snapshot); a version whose live plan changed after submission cannot be approved as it is;
a booking request accepted after submission is in the next version.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from treff.offers import plans, services
from treff.offers.models import Offer, PlanVersion, Series, SeriesChange

from ..factories import RoomFactory


def _approve(world):
    plan = world.plan.plan_version
    with scopes_disabled():
        plans.plan_submit(plan=plan, user=world.users["coordinator"])
        plans.plan_decide(plan=plan, approve=True, comments="", user=world.users["city"])
        plan.refresh_from_db()
    return plan


def _change_time(world):
    series = Series.objects.get(pk=world.plan.series.pk)
    series.start_time, series.end_time = dt.time(15), dt.time(17)
    services.series_save(series=series, user=world.users["coordinator"])


def _change_room(world):
    series = Series.objects.get(pk=world.plan.series.pk)
    series.room = RoomFactory(treff=world.franztreff, name="Küche")
    services.series_save(series=series, user=world.users["coordinator"])


def _cancel_a_date(world):
    services.series_change_save(
        change=SeriesChange(
            series=world.plan.series, original_date=dt.date(2027, 1, 21), reason="Krank"
        ),
        cancel=True,
        user=world.users["coordinator"],
    )


def _move_a_date(world):
    services.series_change_save(
        change=SeriesChange(
            series=world.plan.series,
            original_date=dt.date(2027, 1, 28),
            new_date=dt.date(2027, 1, 29),
            reason="Ausflug",
        ),
        cancel=False,
        user=world.users["coordinator"],
    )


def _add_a_series(world):
    offer = Offer.objects.create(
        treff=world.franztreff, title="Spieleabend", category="leisure", provider=world.drk
    )
    services.series_save(
        series=Series(
            offer=offer,
            kind="monthly_nth",
            nth=2,
            weekdays=[4],
            starts_on=dt.date(2027, 1, 1),
            ends_on=dt.date(2027, 6, 30),
            start_time=dt.time(20),
            end_time=dt.time(0),
            room=world.room,
        ),
        user=world.users["coordinator"],
    )


def _accept_the_booking_request(world):
    services.booking_request_accept(
        booking_request=world.plan.booking_request,
        room=world.room,
        user=world.users["coordinator"],
    )


def _summary(changes):
    """(kind, offer, fields or None, the after-side's time and single dates) per change."""
    rows = [("added", e["offer"], None, e["time"], e["dates_text"]) for e in changes["added"]]
    rows += [("removed", e["offer"], None, e["time"], e["dates_text"]) for e in changes["removed"]]
    rows += [
        (
            "changed",
            c["after"]["offer"],
            c["fields"],
            f"{c['before']['time']} → {c['after']['time']}",
            c["after"]["dates_text"],
        )
        for c in changes["changed"]
    ]
    return rows


CANCELLED_14 = "14.01.2027 abgesagt"
CHANGES = {
    "time": (
        _change_time,
        [("changed", "Seniorencafé", ["time"], "14:30–16:30 → 15:00–17:00", [CANCELLED_14])],
    ),
    "room": (
        _change_room,
        [("changed", "Seniorencafé", ["room"], "14:30–16:30 → 14:30–16:30", [CANCELLED_14])],
    ),
    "cancel": (
        _cancel_a_date,
        [
            (
                "changed",
                "Seniorencafé",
                ["dates"],
                "14:30–16:30 → 14:30–16:30",
                [CANCELLED_14, "21.01.2027 abgesagt"],
            )
        ],
    ),
    "move": (
        _move_a_date,
        [
            (
                "changed",
                "Seniorencafé",
                ["dates"],
                "14:30–16:30 → 14:30–16:30",
                [CANCELLED_14, "28.01.2027 verlegt auf 29.01.2027, 14:30–16:30, Gruppenraum"],
            )
        ],
    ),
    "add": (_add_a_series, [("added", "Spieleabend", None, "20:00–24:00", [])]),
    "booking request": (
        _accept_the_booking_request,
        [("added", "Schuldnerberatung", None, "10:00–12:00", [])],
    ),
}


@pytest.mark.parametrize("kind", list(CHANGES))
def test_a_change_after_approval_is_flagged_with_its_difference(plan_world, client_for, kind):
    world = plan_world
    plan = _approve(world)
    client = client_for("coordinator")
    detail_url = reverse("offers:plan_detail", args=["franztreff", plan.pk])
    list_url = reverse("offers:plan_list", args=["franztreff"])
    assert client.get(detail_url).context["live_changes"] is None
    assert client.get(list_url).context["plans"] == [(plan, None)]

    change, expected = CHANGES[kind]
    with scopes_disabled():
        change(world)

    detail = client.get(detail_url)
    assert _summary(detail.context["live_changes"]) == expected
    assert "Seit der Genehmigung geändert" in detail.content.decode()
    ((listed, changes),) = client.get(list_url).context["plans"]
    assert (listed, _summary(changes)) == (plan, expected)
    # The approved snapshot itself stays as the city approved it.
    assert [e["time"] for e in detail.context["entries"]] == ["14:30–16:30"]


# Only what changed, once: the unchanged rule is not repeated on both sides of an arrow.
SUMMARIES = {
    "time": "Seniorencafé: 14:30–16:30 → 15:00–17:00",
    "room": "Seniorencafé: Gruppenraum → Küche",
    "cancel": "Seniorencafé: 21.01.2027 abgesagt",
    "move": "Seniorencafé: 28.01.2027 verlegt auf 29.01.2027, 14:30–16:30, Gruppenraum",
}


@pytest.mark.parametrize("kind", list(SUMMARIES))
def test_the_difference_names_only_what_changed(plan_world, client_for, kind):
    world = plan_world
    plan = _approve(world)
    with scopes_disabled():
        CHANGES[kind][0](world)
    detail = client_for("coordinator").get(
        reverse("offers:plan_detail", args=["franztreff", plan.pk])
    )
    ((offer, summary),) = [
        (c["after"]["offer"], c["summary"]) for c in detail.context["live_changes"]["changed"]
    ]
    assert f"{offer}: {'; '.join(summary)}" == SUMMARIES[kind]
    assert f"<li>{SUMMARIES[kind]}</li>" in detail.content.decode()


def test_a_restored_date_is_named_as_planned_again(plan_world):
    world = plan_world
    plan = _approve(world)
    with scopes_disabled():
        services.series_change_restore(change=world.plan.change, user=world.users["coordinator"])
        changes = plans.live_changes(plan)
    with translation.override("en"):
        described = plans.described_diff(changes)
    assert [c["summary"] for c in described["changed"]] == [["14/01/2027 as planned again"]]


def test_a_change_outside_the_period_is_not_flagged(plan_world, client_for):
    world = plan_world
    plan = _approve(world)
    with scopes_disabled():
        offer = Offer.objects.create(
            treff=world.franztreff, title="Herbstfest", category="leisure", provider=world.drk
        )
        services.series_save(
            series=Series(
                offer=offer,
                kind="once",
                starts_on=dt.date(2027, 9, 4),
                ends_on=dt.date(2027, 9, 4),
                start_time=dt.time(14),
                end_time=dt.time(18),
                room=world.room,
            ),
            user=world.users["coordinator"],
        )
    page = client_for("city").get(reverse("offers:plan_detail", args=["franztreff", plan.pk]))
    assert page.context["live_changes"] is None


def test_a_plan_changed_after_submission_cannot_be_approved(plan_world, client_for):
    world = plan_world
    plan = world.plan.plan_version
    with scopes_disabled():
        plans.plan_submit(plan=plan, user=world.users["coordinator"])
        _change_time(world)
    city = client_for("city")
    url = reverse("offers:plan_detail", args=["franztreff", plan.pk])
    page = city.get(url)
    assert _summary(page.context["live_changes"]) == CHANGES["time"][1]
    assert "Seit dem Einreichen geändert" in page.content.decode()
    response = city.post(
        url,
        {
            "decision": "approve",
            "comments": "",
            "seen": page.context["decision_form"]["seen"].value(),
        },
    )
    assert response.status_code == 200
    assert response.context["decision_form"].non_field_errors() == [
        "Der Plan wurde seit dem Einreichen geändert (siehe „Seit dem Einreichen geändert“); "
        "die eingereichte Fassung ist veraltet und kann nicht genehmigt werden. Geben Sie sie "
        "mit Anmerkungen zurück oder bitten Sie die Koordination, sie erneut einzureichen."
    ]
    with scopes_disabled():
        plan.refresh_from_db()
    assert (plan.status, plan.snapshot[0]["time"]) == ("submitted", "14:30–16:30")


def test_the_coordinator_submits_the_changed_plan_again_and_the_city_approves_it(
    plan_world, client_for
):
    world = plan_world
    plan = world.plan.plan_version
    with scopes_disabled():
        plans.plan_submit(plan=plan, user=world.users["coordinator"])
        _change_time(world)
    city = client_for("city")
    url = reverse("offers:plan_detail", args=["franztreff", plan.pk])
    seen_before = city.get(url).context["decision_form"]["seen"].value()
    coordinator = client_for("coordinator")
    response = coordinator.post(
        reverse("offers:plan_action", args=["franztreff", plan.pk, "submit"])
    )
    assert response.status_code == 302
    with scopes_disabled():
        plan.refresh_from_db()
    assert (plan.status, plan.snapshot[0]["time"]) == ("submitted", "15:00–17:00")
    city = client_for("city")
    # The city decides on what it saw: a page opened before the new submission is refused.
    stale = city.post(url, {"decision": "approve", "comments": "", "seen": seen_before})
    assert stale.context["decision_form"].non_field_errors() == [
        "Der Plan wurde erneut eingereicht, während Sie ihn gelesen haben. Bitte sehen Sie ihn "
        "sich noch einmal an, bevor Sie entscheiden."
    ]
    page = city.get(url)
    assert page.context["live_changes"] is None
    seen = page.context["decision_form"]["seen"].value()
    response = city.post(url, {"decision": "approve", "comments": "", "seen": seen})
    assert response.status_code == 302
    with scopes_disabled():
        plan.refresh_from_db()
    assert plan.status == "approved"


def test_a_stale_plan_can_still_be_returned(plan_world, client_for):
    world = plan_world
    plan = world.plan.plan_version
    with scopes_disabled():
        plans.plan_submit(plan=plan, user=world.users["coordinator"])
        _cancel_a_date(world)
    response = client_for("city").post(
        reverse("offers:plan_detail", args=["franztreff", plan.pk]),
        {"decision": "return", "comments": "Bitte neu einreichen."},
    )
    assert response.status_code == 302
    with scopes_disabled():
        plan.refresh_from_db()
    assert plan.status == "returned"


def test_a_booking_request_accepted_after_submission_is_in_the_next_version(plan_world, client_for):
    world = plan_world
    plan = _approve(world)
    with scopes_disabled():
        _accept_the_booking_request(world)
    coordinator = client_for("coordinator")
    response = coordinator.post(
        reverse("offers:plan_action", args=["franztreff", plan.pk, "new-draft"])
    )
    with scopes_disabled():
        draft = PlanVersion.objects.get(status="draft")
    page = coordinator.get(response.url)
    assert [e["offer"] for e in page.context["entries"]] == ["Schuldnerberatung", "Seniorencafé"]
    assert [e["offer"] for e in page.context["diff"]["added"]] == ["Schuldnerberatung"]
    assert draft.number == 2
    # The approved version now points to its successor instead of offering another draft.
    approved = coordinator.get(reverse("offers:plan_detail", args=["franztreff", plan.pk]))
    assert approved.context["next_version"] == draft


def test_an_old_snapshot_without_single_dates_compares_as_none():
    entry = {"id": 1, "offer": "A", "rule": {}, "time": "10:00–12:00", "room": "R", "period": "p"}
    assert plans.diff([entry], [{**entry, "dates": []}]) == {
        "added": [],
        "removed": [],
        "changed": [],
    }


@pytest.mark.parametrize(
    ("user", "status"),
    [("outsider", 404), ("other_carrier", 404), ("carrier", 200), ("coordinator", 200)],
)
def test_only_the_city_decides_and_others_do_not_see_the_plan(plan_world, client_for, user, status):
    world = plan_world
    plan = world.plan.plan_version
    with scopes_disabled():
        plans.plan_submit(plan=plan, user=world.users["coordinator"])
    url = reverse("offers:plan_detail", args=["franztreff", plan.pk])
    response = client_for(user).post(url, {"decision": "approve", "comments": ""})
    assert response.status_code == status
    list_status = client_for(user).get(reverse("offers:plan_list", args=["franztreff"]))
    assert list_status.status_code == status
    with scopes_disabled():
        plan.refresh_from_db()
    assert plan.status == "submitted"


def test_an_outsider_cannot_submit_or_start_a_version(plan_world, client_for):
    plan = plan_world.plan.plan_version
    for user in ("outsider", "other_carrier"):
        response = client_for(user).post(
            reverse("offers:plan_action", args=["franztreff", plan.pk, "submit"])
        )
        assert (user, response.status_code) == (user, 404)
    with scopes_disabled():
        plan.refresh_from_db()
    assert plan.status == "draft"
