"""No server error on odd input: the occupancy plan's services refuse with a message.

The issue's examples — "move this date" with the start left empty on a series starting at
10:00 (the database's check offers_occurrence_positive failed: a 500), a weekly series without
a weekday through series_save (a ValueError), `?date=9999-12-31` on the week plan — and the
kind: every service validates what it is given (ValidationError with a message, never a
ValueError or IntegrityError), dates from addresses go through treff.core.params (400/404),
and every date, number and text a person enters has a plausible range.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from treff.offers import plans, services
from treff.offers.models import (
    BookingRequest,
    ClosureDay,
    Occurrence,
    Offer,
    PlanRules,
    PlanVersion,
    Series,
    SeriesChange,
)

FAR = dt.date(2099, 1, 1)
LATEST = "30/11/2031"  # five years after the pinned today, 30 Nov 2026
TOO_LATE = f"01/01/2099 lies too far in the future; enter a date up to {LATEST}."


@pytest.fixture(autouse=True)
def _english_and_unscoped():
    with translation.override("en"), scopes_disabled():
        yield


def _refused(call, **kwargs):
    with pytest.raises(ValidationError) as error:
        call(**kwargs)
    return error.value


def _series(world, **overrides):
    values = {
        "offer": Offer.objects.get_or_create(
            treff=world.franztreff, title="Beratung", category="crisis", provider=world.drk
        )[0],
        "kind": "weekly",
        "weekdays": [1],
        "starts_on": dt.date(2027, 1, 5),
        "ends_on": dt.date(2027, 2, 23),
        "start_time": dt.time(10),
        "end_time": dt.time(12),
        "room": world.room,
    }
    values.update(overrides)
    return Series(**values)


def _saved(world, **overrides):
    return services.series_save(series=_series(world, **overrides), user=world.users["coordinator"])


def test_a_move_with_the_start_left_empty_and_an_earlier_end_is_a_message(world):
    series = _saved(world)
    error = _refused(
        services.series_change_save,
        change=SeriesChange(
            series=series,
            original_date=dt.date(2027, 1, 12),
            new_date=dt.date(2027, 1, 13),
            new_end=dt.time(9),
            reason="Feiertag",
        ),
        cancel=False,
        user=world.users["coordinator"],
    )
    assert error.message_dict == {"new_end": ["The new end must be after the start (10:00)."]}
    assert Occurrence.objects.filter(series=series, moved=True).exists() is False


def test_the_same_move_on_the_form_is_a_message_not_a_500(plan_world, client_for):
    world = plan_world
    response = client_for("coordinator").post(
        reverse("offers:series_change", args=["franztreff", world.plan.series.pk, "2027-01-21"]),
        {"action": "move", "new_date": "2027-01-22", "new_end": "14:00", "reason": "Ausflug"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "new_end": ["Das neue Ende muss nach dem Beginn (14:30) liegen."]
    }


def test_a_weekly_series_without_a_weekday_is_a_message(world):
    error = _refused(
        services.series_save, series=_series(world, weekdays=[]), user=world.users["coordinator"]
    )
    assert error.message_dict == {"weekdays": ["Choose at least one weekday."]}
    assert Series.objects.exists() is False


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"weekdays": ["Tuesday"]}, {"weekdays": ["Choose weekdays from Monday to Sunday."]}),
        ({"weekdays": [7]}, {"weekdays": ["Choose weekdays from Monday to Sunday."]}),
        (
            {"interval": 13},
            {"interval": ["Ensure this value is less than or equal to 12."]},
        ),
        (
            {"kind": "monthly_day", "month_day": 31, "weekdays": []},
            {
                "month_day": [
                    "Not every month has a day 31; choose a day from 1 to 28 or use the last "
                    "weekday of the month."
                ]
            },
        ),
        (
            {"kind": "monthly_nth", "nth": 5},
            {"nth": ["Not every month has a 5th Tuesday; choose “last Tuesday” instead."]},
        ),
        ({"end_time": dt.time(9)}, {"end_time": ["The end time must be after the start time."]}),
        ({"starts_on": FAR, "ends_on": FAR}, {"starts_on": [TOO_LATE], "ends_on": [TOO_LATE]}),
        (
            {"starts_on": dt.date(2020, 1, 7)},
            {
                "starts_on": [
                    "07/01/2020 lies too far in the past; enter a date from 30/11/2021 on."
                ]
            },
        ),
        (
            {"ends_on": dt.date(2030, 3, 1)},
            {"ends_on": ["A series may run for at most three years; start a new one after that."]},
        ),
        ({"offer": None}, {"offer": ["Choose the offer."]}),
        ({"room": None}, {"room": ["This field cannot be null."]}),
        (
            {"expected_participants": 5000},
            {"expected_participants": ["Ensure this value is less than or equal to 1000."]},
        ),
    ],
    ids=lambda value: str(value)[:40],
)
def test_series_save_refuses_odd_values_with_a_message(world, overrides, expected):
    error = _refused(
        services.series_save,
        series=_series(world, **overrides),
        user=world.users["coordinator"],
    )
    assert error.message_dict == expected
    assert Series.objects.exists() is False


def test_single_date_changes_are_checked(world):
    series = _saved(world)
    user = world.users["coordinator"]

    def change(**values):
        values = {"series": series, "original_date": dt.date(2027, 1, 12), "reason": "x", **values}
        return _refused(
            services.series_change_save, change=SeriesChange(**values), cancel=False, user=user
        )

    assert change(original_date=dt.date(2027, 1, 13)).messages == [
        "13/01/2027 is not a date of this series."
    ]
    assert change().messages == [
        "Say where or when the date moves: a new date, a new time or another room."
    ]
    assert change(new_room=world.other_room).message_dict == {
        "new_room": ["This room belongs to another Treff."]
    }
    assert change(new_date=FAR).message_dict == {"new_date": [TOO_LATE]}
    assert change(reason="").message_dict["reason"] == ["This field cannot be blank."]
    assert SeriesChange.objects.exists() is False


def test_closure_days_plan_versions_and_plan_rules_have_plausible_values(world):
    user = world.users["coordinator"]
    error = _refused(
        services.closure_add,
        closure=ClosureDay(date=FAR, reason="Umbau"),
        treff=world.franztreff,
        user=user,
    )
    assert error.message_dict == {"date": [TOO_LATE]}
    error = _refused(
        plans.plan_create,
        plan=PlanVersion(title="Fern", valid_from=FAR, valid_to=dt.date(2027, 1, 1)),
        treff=world.franztreff,
        user=user,
    )
    assert error.message_dict == {"valid_from": [TOO_LATE]}
    error = _refused(
        services.plan_rules_save,
        rules=PlanRules(lunch_start=dt.time(13), lunch_end=dt.time(11)),
        treff=world.franztreff,
        user=user,
    )
    assert error.messages == ["The lunch hours must end after they start."]
    error = _refused(
        services.plan_rules_save,
        rules=PlanRules(presence_start=dt.time(17), presence_end=dt.time(9)),
        treff=world.franztreff,
        user=user,
    )
    assert error.messages == ["The coordinator's presence must end after it starts."]
    assert (ClosureDay.objects.count(), PlanVersion.objects.count()) == (0, 0)


def test_booking_requests_are_checked_when_made_and_when_decided(plan_world):
    world = plan_world
    request = BookingRequest(
        provider=world.partner,
        title="Suchtberatung",
        kind="weekly",
        weekdays=[],
        starts_on=dt.date(2027, 1, 5),
        ends_on=dt.date(2027, 6, 29),
        start_time=dt.time(12),
        end_time=dt.time(10),
        message="x" * 5001,
    )
    error = _refused(
        services.booking_request_create,
        booking_request=request,
        treff=world.franztreff,
        user=world.users["counsellor"],
    )
    assert error.message_dict == {
        "end_time": ["The end time must be after the start time."],
        "weekdays": ["Choose at least one weekday."],
        "message": ["Ensure this value has at most 5000 characters (it has 5001)."],
    }
    request.weekdays, request.starts_on, request.ends_on = [1], FAR, FAR
    request.end_time, request.message = dt.time(14), ""
    error = _refused(
        services.booking_request_create,
        booking_request=request,
        treff=world.franztreff,
        user=world.users["counsellor"],
    )
    assert error.message_dict == {"starts_on": [TOO_LATE], "ends_on": [TOO_LATE]}
    pending = world.plan.booking_request
    error = _refused(
        services.booking_request_accept,
        booking_request=pending,
        room=None,
        user=world.users["coordinator"],
    )
    assert error.message_dict == {"room": ["Choose a room."]}
    error = _refused(
        services.booking_request_decline,
        booking_request=pending,
        reason="x" * 5001,
        user=world.users["coordinator"],
    )
    assert error.message_dict == {
        "decision_reason": ["Ensure this value has at most 5000 characters (it has 5001)."]
    }
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_texts_have_a_maximum_length(plan_world):
    world = plan_world
    error = _refused(
        services.offer_save,
        offer=Offer(title="Lang", category="leisure", provider=world.drk, description="x" * 5001),
        treff=world.franztreff,
        user=world.users["coordinator"],
    )
    assert error.message_dict == {
        "description": ["Ensure this value has at most 5000 characters (it has 5001)."]
    }
    plans.plan_submit(plan=world.plan.plan_version, user=world.users["coordinator"])
    error = _refused(
        plans.plan_decide,
        plan=world.plan.plan_version,
        approve=False,
        comments="x" * 5001,
        user=world.users["city"],
    )
    assert error.message_dict == {
        "comments": ["Ensure this value has at most 5000 characters (it has 5001)."]
    }


# --- Addresses and query strings ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "query", "status"),
    [
        ("offers:week", {"date": "9999-12-31"}, 400),
        ("offers:week", {"date": "31.02."}, 400),
        ("offers:month", {"date": "2027-13-01"}, 400),
        ("offers:day", {"date": "0001-01-01"}, 400),
        ("offers:room_overview", {"date": "abc"}, 400),
        ("offers:week_pdf", {"date": "9999-12-31"}, 400),
        ("offers:week", {"room": "abc"}, 400),
        ("offers:week", {"room": "99999999999999999999"}, 400),
        ("offers:week", {"room": "999999"}, 404),
        ("offers:series_create", {"offer": "abc"}, 400),
        ("offers:week", {"date": "2099-12-31"}, 200),
    ],
)
def test_odd_dates_and_ids_in_the_query_are_a_400_or_404(
    plan_world, client_for, name, query, status
):
    response = client_for("coordinator").get(reverse(name, args=["franztreff"]), query)
    assert response.status_code == status


@pytest.mark.parametrize("bad", ["9999-12-31", "2027-02-30", "2027-6-1", "20270121"])
def test_a_bad_date_in_the_series_change_address_is_a_404(plan_world, client_for, bad):
    url = f"/treffs/franztreff/series/{plan_world.plan.series.pk}/dates/{bad}/"
    assert client_for("coordinator").get(url).status_code == 404


def test_a_bad_room_to_check_on_a_booking_request_is_a_400(plan_world, client_for):
    url = reverse("offers:booking_request_detail", args=[plan_world.plan.booking_request.pk])
    assert client_for("coordinator").get(url, {"room": "abc"}).status_code == 400


def test_a_private_feed_for_a_huge_room_id_is_not_found(plan_world, client_for):
    response = client_for("coordinator").post(
        reverse("offers:feeds", args=["franztreff"]), {"target": "room-99999999999999999999"}
    )
    assert response.status_code == 404
