"""Odd input never becomes a server error (issue 10, item 3): every public and staff form of
neighbourhood help answers a bad value with a message on its field and stores nothing, every
service refuses it with a ValidationError, and numbers and dates from addresses are checked.

The example of the issue: the public help form with the phone number "abc" was a 500.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from tests.conftest import TODAY
from treff.volunteers import services, services_shifts
from treff.volunteers.models import (
    HelpRequest,
    HelpSeeker,
    ShiftTemplate,
    Volunteer,
    VolunteerQualification,
)

PUBLIC = {
    "name": "Frau Czech",
    "phone": "0340 111222",
    "district": "mitte",
    "kind": "walk",
    "date": "2026-12-03",
    "start": "14:00",
    "end": "15:00",
    "language": "de",
    "notes": "",
    "consent": "on",
    "key": "k" * 32,
}


def _public_url():
    with translation.override("en"):  # the public site's language is in its address
        return reverse("public:help", args=["franztreff"])


def _stored():
    with scopes_disabled():
        return (HelpSeeker.objects.count(), HelpRequest.objects.count())


def test_the_public_form_with_the_phone_number_abc_shows_the_message_on_the_field(
    help_world, client
):
    before = _stored()
    response = client.post(
        _public_url(),
        {**PUBLIC, "phone": "abc"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    # Every character the rule accepts is named (issue 10 follow-up, item 18).
    assert response.context["form"].errors == {
        "phone": [
            "Enter a phone number of digits; spaces, + at the start, ( ), / and - are allowed too."
        ]
    }
    assert _stored() == before


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "x" * 151),
        ("phone", "abc"),
        ("phone", "0" * 31),
        ("district", "Atlantis"),
        ("kind", "flying"),
        ("date", "9999-12-31"),
        ("date", "0001-01-01"),
        ("date", "2026-11-29"),  # yesterday
        ("date", "2027-12-31"),  # more than a year ahead
        ("date", "2027-02-30"),
        ("start", "25:00"),
        ("end", "13:00"),  # before the start
        ("language", "xx"),
        ("notes", "x" * 5001),
        ("key", "k" * 65),
        ("consent", ""),
    ],
)
def test_the_public_form_refuses_each_odd_value_on_its_field(help_world, client, field, value):
    before = _stored()
    response = client.post(_public_url(), {**PUBLIC, field: value})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert _stored() == before


def test_the_public_form_refuses_a_day_more_than_a_year_ahead_in_words(help_world, client):
    response = client.post(
        _public_url(),
        {**PUBLIC, "date": "2027-12-02"},  # 367 days ahead
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.context["form"].errors == {
        "date": ["Help can be arranged for at most a year ahead."]
    }


def _intake(**overrides):
    data = {
        "seeker-name": "Herr Brandt",
        "seeker-phone": "0340 654321",
        "seeker-address": "",
        "seeker-district": "sued_innenstadt",
        "seeker-language": "de",
        "seeker-special_needs": "",
        "seeker-channel": "phone",
        "seeker-consent": "on",
        "request-kind": "shopping",
        "request-date": "2026-12-07",
        "request-weekday": "",
        "request-start": "10:00",
        "request-end": "11:00",
        "request-urgency": "2",
        "request-prefers_gender": "",
        "request-notes": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("seeker-name", "x" * 151),
        ("seeker-phone", "abc"),
        ("seeker-address", "x" * 201),
        ("seeker-district", "Atlantis"),
        ("seeker-language", "xx"),
        ("seeker-special_needs", "x" * 201),
        ("seeker-channel", "fax"),
        ("request-kind", "flying"),
        ("request-date", "9999-12-31"),
        ("request-date", "2026-11-01"),
        ("request-date", "2028-01-01"),
        ("request-weekday", "7"),
        ("request-weekday", "2"),  # a date and a weekday: which one?
        ("request-start", "abc"),
        ("request-end", "09:00"),
        ("request-urgency", "9"),
        ("request-prefers_gender", "robot"),
        ("request-notes", "x" * 5001),
    ],
)
def test_the_intake_refuses_each_odd_value_on_its_field(help_world, client_for, field, value):
    before = _stored()
    response = client_for("coordinator").post(
        reverse("volunteers:help_intake", args=["franztreff"]), _intake(**{field: value})
    )
    assert response.status_code == 200
    prefix, name = field.split("-")
    errors = response.context[f"{prefix}_form"].errors
    assert list(errors) == [name]
    assert _stored() == before


def _volunteer_data(**overrides):
    data = {
        "first_name": "Bernd",
        "last_name": "Bauer",
        "gender": "",
        "phone": "",
        "email": "",
        "help_kinds": ["shopping"],
        "languages": ["de"],
        "district": "nord",
        "mobility": "bike",
        "reach_km": "",
        "max_open": "2",
        "started_on": "2024-01-01",
        "status": "active",
        "confidentiality_signed_on": "",
        "clearance_issued_on": "",
        "clearance_seen_on": "",
        "insured_on": "",
        "latitude": "",
        "longitude": "",
        "times-TOTAL_FORMS": "0",
        "times-INITIAL_FORMS": "0",
        "times-MIN_NUM_FORMS": "0",
        "times-MAX_NUM_FORMS": "21",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("values", "fields"),
    [
        ({"started_on": "1900-01-01"}, ["started_on"]),
        ({"started_on": "2026-12-01"}, ["started_on"]),
        ({"confidentiality_signed_on": "2027-01-01"}, ["confidentiality_signed_on"]),
        ({"insured_on": "9999-12-31"}, ["insured_on"]),
        (
            {"clearance_issued_on": "2026-06-01", "clearance_seen_on": "2026-05-01"},
            ["clearance_seen_on"],
        ),
        ({"clearance_issued_on": "2026-06-01"}, ["clearance_seen_on"]),
        (
            {"clearance_issued_on": "2026-06-01", "clearance_seen_on": "2026-12-24"},
            ["clearance_seen_on"],
        ),
        ({"reach_km": "0"}, ["reach_km"]),
        ({"reach_km": "51"}, ["reach_km"]),
        ({"max_open": "0"}, ["max_open"]),
        ({"max_open": "11"}, ["max_open"]),
        ({"max_open": "99999999999"}, ["max_open"]),
        ({"phone": "abc"}, ["phone"]),
        ({"email": "nobody"}, ["email"]),
        ({"mobility": "jet"}, ["mobility"]),
        ({"help_kinds": ["flying"]}, ["help_kinds"]),
        ({"languages": ["xx"]}, ["languages"]),
        ({"latitude": "95", "longitude": "12.2"}, ["latitude"]),
        ({"first_name": "x" * 101}, ["first_name"]),
    ],
)
def test_the_volunteer_form_refuses_each_odd_value_on_its_field(
    help_world, client_for, values, fields
):
    volunteer = help_world.help.other_volunteer
    response = client_for("coordinator").post(
        reverse("volunteers:edit", args=["franztreff", volunteer.pk]), _volunteer_data(**values)
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == fields
    with scopes_disabled():
        assert Volunteer.objects.get(pk=volunteer.pk).started_on == volunteer.started_on


@pytest.mark.parametrize(
    ("weekday", "start", "end", "field"),
    [
        ("7", "09:00", "10:00", "weekday"),
        ("0", "10:00", "09:00", "end"),
        ("0", "x", "10:00", "start"),
    ],
)
def test_a_free_time_row_with_odd_values_is_refused_on_its_field(
    help_world, client_for, weekday, start, end, field
):
    volunteer = help_world.help.other_volunteer
    data = _volunteer_data(
        **{
            "times-TOTAL_FORMS": "1",
            "times-0-weekday": weekday,
            "times-0-start": start,
            "times-0-end": end,
        }
    )
    response = client_for("coordinator").post(
        reverse("volunteers:edit", args=["franztreff", volunteer.pk]), data
    )
    assert response.status_code == 200
    assert [list(form.errors) for form in response.context["formset"]] == [[field]]
    with scopes_disabled():
        assert volunteer.availability.count() == 1


def test_the_own_profile_with_an_odd_stored_clearance_is_a_message_not_an_error(
    help_world, client_for
):
    """The profile form lacks the clearance fields; a model rule about them is form-wide."""
    with scopes_disabled():
        Volunteer.objects.filter(pk=help_world.help.volunteer.pk).update(
            clearance_issued_on=dt.date(2026, 6, 1), clearance_seen_on=dt.date(2026, 5, 1)
        )
    response = client_for("volunteer").post(
        reverse("volunteers:me"),
        {
            "phone": "",
            "email": "gerda@example.org",
            "help_kinds": ["shopping"],
            "languages": ["de"],
            "district": "mitte",
            "mobility": "foot",
            "reach_km": "",
            "max_open": "2",
            "times-TOTAL_FORMS": "0",
            "times-INITIAL_FORMS": "0",
            "times-MIN_NUM_FORMS": "0",
            "times-MAX_NUM_FORMS": "21",
        },
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["__all__"]


def _accepted(help_world):
    with scopes_disabled():
        HelpRequest.objects.filter(pk=help_world.help.request.pk).update(
            status="accepted", volunteer=help_world.help.volunteer
        )


@pytest.mark.parametrize(
    ("values", "fields"),
    [
        ({"minutes_spent": "99999"}, ["minutes_spent"]),
        ({"minutes_spent": "1441"}, ["minutes_spent"]),
        ({"minutes_spent": "-5"}, ["minutes_spent"]),
        ({"minutes_spent": "¹"}, ["minutes_spent"]),
        ({"minutes_spent": "abc"}, ["minutes_spent"]),
        ({"helped_on": "2026-12-24"}, ["helped_on"]),
        ({"helped_on": "1999-01-01"}, ["helped_on"]),
        ({"helped_on": ""}, ["helped_on"]),
    ],
)
def test_closing_with_odd_minutes_or_day_is_refused_on_the_field(
    help_world, client_for, values, fields
):
    _accepted(help_world)
    request = help_world.help.request
    data = {"action": "done", "helped_on": "2026-11-30", "minutes_spent": "60", **values}
    response = client_for("coordinator").post(
        reverse("volunteers:help_detail", args=["franztreff", request.pk]), data
    )
    assert response.status_code == 200
    assert list(response.context["close_form"].errors) == fields
    with scopes_disabled():
        request.refresh_from_db()
    assert (request.status, request.minutes_spent, request.helped_on) == ("accepted", None, None)


def _template_data(**overrides):
    data = {
        "title": "Mittagstisch-Ausgabe",
        "kind": "lunch",
        "weekdays": ["0"],
        "start": "10:30",
        "end": "13:30",
        "min_volunteers": "1",
        "max_volunteers": "2",
        "required_qualification": "",
        "starts_on": "2026-12-01",
        "ends_on": "2026-12-31",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("values", "fields"),
    [
        ({"starts_on": "9999-01-01", "ends_on": "9999-01-31"}, ["starts_on", "ends_on"]),
        ({"starts_on": "1900-01-01"}, ["starts_on", "ends_on"]),  # and 127 years of shifts
        ({"ends_on": "2028-12-31"}, ["ends_on"]),  # more than a year of shifts
        ({"weekdays": []}, ["weekdays"]),
        ({"weekdays": ["9"]}, ["weekdays"]),
        ({"end": "10:00"}, ["end"]),
        ({"max_volunteers": "21"}, ["max_volunteers"]),
        ({"min_volunteers": "0"}, ["min_volunteers"]),
        ({"required_qualification": "pilot"}, ["required_qualification"]),
        ({"title": "x" * 121}, ["title"]),
    ],
)
def test_the_shift_template_form_refuses_each_odd_value(help_world, client_for, values, fields):
    response = client_for("coordinator").post(
        reverse("volunteers:shift_template_create", args=["franztreff"]), _template_data(**values)
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == fields
    with scopes_disabled():
        assert ShiftTemplate.objects.count() == 1  # the fixture's


def test_min_above_max_is_a_message_and_nothing_is_stored(help_world, client_for):
    response = client_for("coordinator").post(
        reverse("volunteers:shift_template_create", args=["franztreff"]),
        _template_data(min_volunteers="3", max_volunteers="2"),
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Die Höchstzahl darf nicht unter der Mindestzahl liegen."
    ]
    with scopes_disabled():
        assert ShiftTemplate.objects.count() == 1


@pytest.mark.parametrize(
    ("values", "fields"),
    [
        ({"qualification-obtained_on": "2026-12-24"}, ["obtained_on"]),
        ({"qualification-obtained_on": "1900-01-01"}, ["obtained_on"]),
        ({"qualification-valid_until": "2026-01-01"}, ["valid_until"]),  # before obtained
        ({"qualification-valid_until": "9999-12-31"}, ["valid_until"]),
        ({"qualification-kind": "pilot"}, ["kind"]),
    ],
)
def test_a_qualification_with_odd_values_is_refused_on_its_field(
    help_world, client_for, values, fields
):
    volunteer = help_world.help.volunteer
    data = {
        "qualification-kind": "ifsg_43",
        "qualification-obtained_on": "2026-03-01",
        "qualification-valid_until": "",
        **values,
    }
    response = client_for("coordinator").post(
        reverse("volunteers:qualification_add", args=["franztreff", volunteer.pk]), data
    )
    assert response.status_code == 200
    assert list(response.context["qualification_form"].errors) == fields
    with scopes_disabled():
        assert VolunteerQualification.objects.count() == 0


@pytest.mark.parametrize("year", [1999, 2027, 99999, 123456789012345678])
def test_certificates_outside_the_years_with_hours_are_not_found(help_world, client_for, year):
    coordinator = client_for("coordinator").get(
        reverse("volunteers:certificate", args=["franztreff", help_world.help.volunteer.pk, year])
    )
    own = client_for("volunteer").get(reverse("volunteers:my_certificate", args=[year]))
    assert (coordinator.status_code, own.status_code) == (404, 404)


@pytest.mark.parametrize(
    "data", [{"action": "propose", "volunteer": "abc"}, {"action": "refer", "partner": "x"}]
)
def test_odd_ids_in_a_post_are_not_found(help_world, client_for, data):
    response = client_for("coordinator").post(
        reverse("volunteers:help_detail", args=["franztreff", help_world.help.request.pk]), data
    )
    assert response.status_code == 404


def test_an_odd_pair_in_assign_all_is_not_found(help_world, client_for):
    response = client_for("coordinator").post(
        reverse("volunteers:assign_all", args=["franztreff"]), {"pair": ["abc:def"]}
    )
    assert response.status_code == 404


def test_services_refuse_odd_values_with_a_validation_error(help_world):
    world = help_world
    coordinator = world.users["coordinator"]
    refused = {}
    _accepted(world)
    with scopes_disabled(), translation.override("en"):
        attempts = {
            "public": lambda: services.public_request_submit(
                treff=world.franztreff,
                data={
                    **PUBLIC,
                    "phone": "abc",
                    "date": dt.date(2026, 12, 3),
                    "start": dt.time(14),
                    "end": dt.time(15),
                    "consent": True,
                },
            ),
            "close": lambda: services.help_request_close(
                help_request=world.help.request,
                status="done",
                minutes=5000,
                helped_on=TODAY,
                user=coordinator,
            ),
            "template": lambda: services_shifts.shift_template_save(
                template=ShiftTemplate(
                    title="Nie",
                    kind="lunch",
                    weekdays=[0],
                    start=dt.time(10),
                    end=dt.time(9),
                    starts_on=dt.date(1900, 1, 1),
                    ends_on=dt.date(1900, 1, 2),
                ),
                treff=world.franztreff,
                user=coordinator,
            ),
            "qualification": lambda: services_shifts.qualification_record(
                volunteer=world.help.volunteer,
                kind="ifsg_43",
                obtained_on=TODAY + dt.timedelta(days=1),
                user=coordinator,
            ),
        }
        for name, attempt in attempts.items():
            try:
                attempt()
            except ValidationError as error:
                refused[name] = sorted(error.message_dict) if hasattr(error, "error_dict") else []
    assert refused == {
        "public": ["phone"],
        "close": ["minutes_spent"],
        "template": ["end", "ends_on", "starts_on"],
        "qualification": ["obtained_on"],
    }
    with scopes_disabled():
        assert (HelpSeeker.objects.count(), ShiftTemplate.objects.count()) == (1, 1)
        assert VolunteerQualification.objects.count() == 0
