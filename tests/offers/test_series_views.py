import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
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


# --- The last date (UX note 6), the rule in words (20) -----------------------------------------

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_a_repeating_series_without_a_last_date_gets_a_specific_message(plan_world, client_for):
    client = client_for("coordinator")
    url = reverse("offers:series_create", args=["franztreff"])
    form = client.get(url, **EN).context["form"]
    # Marked as needed (no "optional"): the page hides it for a single date.
    assert (form.fields["ends_on"].required, form.fields["ends_on"].help_text) == (
        True,
        "Not needed for a single date.",
    )
    response = client.post(url, _data(plan_world, ends_on="", version=""), **EN)
    assert response.context["form"].errors == {"ends_on": ["A repeating series needs a last date."]}
    with scopes_disabled():
        assert Series.objects.count() == 1


def test_a_single_date_needs_no_last_date(plan_world, client_for):
    response = client_for("coordinator").post(
        reverse("offers:series_create", args=["franztreff"]),
        _data(plan_world, kind="once", starts_on="2027-04-01", ends_on="", version=""),
    )
    assert response.status_code == 302
    with scopes_disabled():
        series = Series.objects.get(kind="once")
    assert (series.starts_on, series.ends_on) == (dt.date(2027, 4, 1), dt.date(2027, 4, 1))


def test_a_booking_request_without_a_last_date_gets_the_same_message(plan_world, client_for):
    response = client_for("counsellor").post(
        reverse("offers:booking_request_create", args=["franztreff"]),
        {
            "title": "Suchtberatung",
            "category": "visiting_counselling",
            "room_kind": "visit_counselling",
            "kind": "weekly",
            "interval": "1",
            "weekdays": ["2"],
            "starts_on": "2027-01-06",
            "ends_on": "",
            "start_time": "10:00",
            "end_time": "12:00",
        },
        **EN,
    )
    assert response.context["form"].errors == {"ends_on": ["A repeating series needs a last date."]}


def test_a_service_call_without_a_last_date_gets_the_same_message(plan_world):
    from treff.offers import services

    with scopes_disabled(), translation.override("en"):
        with pytest.raises(ValidationError) as error:
            services.series_save(
                series=Series(
                    offer=plan_world.plan.offer,
                    kind="weekly",
                    weekdays=[0],
                    starts_on=dt.date(2027, 4, 5),
                    start_time=dt.time(10),
                    end_time=dt.time(12),
                    room=plan_world.room,
                ),
                user=plan_world.users["coordinator"],
            )
        once = services.series_save(
            series=Series(
                offer=plan_world.plan.offer,
                kind="once",
                starts_on=dt.date(2027, 4, 5),
                start_time=dt.time(10),
                end_time=dt.time(12),
                room=plan_world.room,
            ),
            user=plan_world.users["coordinator"],
        )
        # Read inside the block: the message is lazy, so it speaks the language active then.
        assert error.value.message_dict == {"ends_on": ["A repeating series needs a last date."]}
    assert once.ends_on == dt.date(2027, 4, 5)


def test_the_series_page_states_the_rule_in_words_not_icalendar(plan_world, client_for):
    page = client_for("coordinator").get(
        reverse("offers:series_detail", args=["franztreff", plan_world.plan.series.pk]), **EN
    )
    html = page.content.decode()
    assert page.context["rule"] == "every week on Thursday"
    assert (
        '<dt class="kern-description-list-item__key">Rule</dt>'
        '<dd class="kern-description-list-item__value">Every week on Thursday</dd>'
    ) in html
    assert "FREQ=" not in html
    assert "iCalendar" not in html
