import datetime as dt

from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from treff.offers import services
from treff.offers.models import ClosureDay, Occurrence, Offer, PlanRules, Series
from treff.treffs.models import OpeningHours


def test_coordinator_adds_a_closure_day_and_the_date_disappears(plan_world, client_for):
    client = client_for("coordinator")
    response = client.post(
        reverse("offers:plan_settings", args=["franztreff"]),
        {"form": "closure", "date": "2027-01-21", "reason": "Betriebsausflug"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert ClosureDay.objects.get().reason == "Betriebsausflug"
        dates = set(
            Occurrence.objects.filter(series=plan_world.plan.series).values_list(
                "original_date", flat=True
            )
        )
    assert dt.date(2027, 1, 21) not in dates


def test_a_closure_day_twice_is_a_message(plan_world, client_for):
    client = client_for("coordinator")
    url = reverse("offers:plan_settings", args=["franztreff"])
    client.post(url, {"form": "closure", "date": "2027-01-21", "reason": "Ausflug"})
    response = client.post(url, {"form": "closure", "date": "2027-01-21", "reason": "Nochmal"})
    assert response.status_code == 200
    message = "Dieser Tag ist bereits als Schließtag eingetragen."
    assert response.context["closure_form"].errors == {"__all__": [message]}
    # Once, in the form's error summary; not again above its fields.
    assert response.content.decode().count(message) == 1


def _lunch(world, weekdays, start=dt.time(11), end=dt.time(13)):
    offer = Offer.objects.create(
        treff=world.franztreff,
        title=f"Mittagstisch {weekdays}",
        category="lunch",
        provider=world.drk,
    )
    from tests.factories import RoomFactory

    room = RoomFactory(treff=world.franztreff, name=f"Speiseraum {weekdays}")
    return services.series_save(
        series=Series(
            offer=offer,
            kind="weekly",
            weekdays=weekdays,
            starts_on=dt.date(2027, 2, 1),
            ends_on=dt.date(2027, 2, 28),
            start_time=start,
            end_time=end,
            room=room,
        ),
        user=world.users["coordinator"],
    )


def _warnings(client, date="2027-02-08"):
    response = client.get(reverse("offers:week", args=["franztreff"]), {"date": date})
    with translation.override("en"):
        return sorted({warning.code for warning in response.context["warnings"]})


def test_four_lunch_days_and_a_missing_counselling_room_are_warned(plan_world, client_for):
    with scopes_disabled():
        _lunch(plan_world, [0, 1, 2, 3])
        for weekday in range(5):
            OpeningHours.objects.create(
                treff=plan_world.franztreff, weekday=weekday, opens=dt.time(9), closes=dt.time(17)
            )
    client = client_for("coordinator")
    assert _warnings(client) == ["lunch_too_many", "no_counselling_room"]


def test_the_checks_can_be_configured_per_treff(plan_world, client_for):
    with scopes_disabled():
        _lunch(plan_world, [0, 1, 2, 3], start=dt.time(12), end=dt.time(14))
    client = client_for("coordinator")
    assert _warnings(client) == [
        "coordinator_uncovered",
        "lunch_outside_hours",
        "lunch_too_many",
        "no_counselling_room",
    ]
    response = client.post(
        reverse("offers:plan_settings", args=["franztreff"]),
        {
            "form": "rules",
            "presence_start": "09:00",
            "presence_end": "17:00",
            "lunch_max_per_week": "4",
            "lunch_start": "11:00",
            "lunch_end": "14:00",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        rules = PlanRules.objects.get(treff=plan_world.franztreff)
    assert (rules.coordinator_presence, rules.require_visiting_counselling_room) == (False, False)
    assert _warnings(client) == []
