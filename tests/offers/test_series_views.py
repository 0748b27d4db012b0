from django.urls import reverse
from django_scopes import scopes_disabled

from treff.offers.models import Series


def _data(world, **overrides):
    data = {
        "offer": world.plan.offer.pk,
        "kind": "weekly",
        "starts_on": "2027-01-07",
        "ends_on": "2027-03-25",
        "interval": "1",
        "weekdays": ["3"],
        "start_time": "14:30",
        "end_time": "16:30",
        "room": world.room.pk,
        "holiday_policy": "skip",
        "needs_barrier_free": "on",
        "version": str(world.plan.series.version),
    }
    data.update(overrides)
    return data


def test_an_end_before_the_start_is_refused_on_the_form(plan_world, client_for):
    client = client_for("coordinator")
    response = client.post(
        reverse("offers:series_create", args=["franztreff"]),
        _data(plan_world, starts_on="2027-03-01", ends_on="2027-02-01", version=""),
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "ends_on": ["Der letzte Tag liegt vor dem ersten Tag."]
    }
    with scopes_disabled():
        assert Series.objects.count() == 1


def test_a_stale_edit_form_is_refused_with_a_message(plan_world, client_for):
    client = client_for("coordinator")
    url = reverse("offers:series_edit", args=["franztreff", plan_world.plan.series.pk])
    first = client.post(url, _data(plan_world, start_time="15:00", end_time="17:00"))
    assert first.status_code == 302
    stale = client.post(url, _data(plan_world, start_time="09:00", end_time="10:00"))
    assert stale.status_code == 200
    assert stale.context["form"].non_field_errors() == [
        "Jemand anderes hat diese Serie geändert, während Sie sie bearbeitet haben. Es wurde "
        "nichts gespeichert; bitte laden Sie die Seite neu und geben Sie Ihre Änderung noch "
        "einmal ein."
    ]
    with scopes_disabled():
        series = Series.objects.get(pk=plan_world.plan.series.pk)
    assert f"{series.start_time:%H:%M}" == "15:00"


def test_an_outsider_cannot_edit_a_series(plan_world, client_for):
    url = reverse("offers:series_edit", args=["franztreff", plan_world.plan.series.pk])
    response = client_for("outsider").post(url, _data(plan_world, start_time="09:00"))
    assert response.status_code == 404
    with scopes_disabled():
        series = Series.objects.get(pk=plan_world.plan.series.pk)
    assert f"{series.start_time:%H:%M}" == "14:30"
