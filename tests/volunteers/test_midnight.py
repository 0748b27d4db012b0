"""Time ranges of neighbourhood help may end at midnight (issue 10, item 4): 20:00–24:00 is
stored as 20:00–00:00 in shifts and their kinds, free times and help requests, counts 240
minutes, shows as 24:00, and the matcher sees a volunteer free until midnight as free then."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from treff.volunteers import matching, services_shifts
from treff.volunteers.models import (
    Availability,
    HelpRequest,
    HelpSeeker,
    Shift,
    ShiftTemplate,
)

MIDNIGHT = dt.time(0)


def test_an_evening_shift_until_midnight_is_laid_out_counted_and_shown(help_world, client_for):
    client = client_for("coordinator")
    response = client.post(
        reverse("volunteers:shift_template_create", args=["franztreff"]),
        {
            "title": "Spieleabend",
            "kind": "home_visit",
            "weekdays": ["4"],
            "start": "20:00",
            "end": "24:00",
            "min_volunteers": "1",
            "max_volunteers": "2",
            "required_qualification": "",
            "starts_on": "2026-12-01",
            "ends_on": "2026-12-07",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        shift = Shift.objects.get(template__title="Spieleabend")
    assert (shift.date, shift.start, shift.end, shift.minutes) == (
        dt.date(2026, 12, 4),
        dt.time(20),
        MIDNIGHT,
        240,
    )
    page = client.get(reverse("volunteers:shifts", args=["franztreff"])).content.decode()
    cells = re.findall(r'<td class="kern-table__cell" data-label="Wann">([^<]*)</td>', page)
    assert [cell for cell in cells if "20:00" in cell] == ["Fr, 04.12.2026 20:00–24:00"]


def test_a_shift_that_ends_before_it_starts_is_still_refused(help_world):
    with scopes_disabled():
        template = ShiftTemplate(
            treff=help_world.franztreff,
            title="Falsch",
            kind="lunch",
            weekdays=[0],
            start=dt.time(20),
            end=dt.time(19),
            starts_on=dt.date(2026, 12, 1),
            ends_on=dt.date(2026, 12, 7),
        )
        with pytest.raises(ValidationError) as refused:
            services_shifts.shift_template_save(
                template=template, treff=help_world.franztreff, user=help_world.users["coordinator"]
            )
    # On "end", as the form says it (issue 11), not without a field.
    assert refused.value.message_dict == {"end": ["Das Ende muss nach dem Beginn liegen."]}


def test_free_time_until_midnight_is_saved_from_the_form(help_world, client_for):
    volunteer = help_world.help.other_volunteer
    with scopes_disabled():
        existing = volunteer.availability.get()
    response = client_for("coordinator").post(
        reverse("volunteers:edit", args=["franztreff", volunteer.pk]),
        {
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
            "times-TOTAL_FORMS": "2",
            "times-INITIAL_FORMS": "1",
            "times-MIN_NUM_FORMS": "0",
            "times-MAX_NUM_FORMS": "21",
            "times-0-id": str(existing.pk),
            "times-0-weekday": "0",
            "times-0-start": "09:00",
            "times-0-end": "13:00",
            "times-1-weekday": "5",
            "times-1-start": "20:00",
            "times-1-end": "24:00",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        windows = list(volunteer.availability.values_list("weekday", "start", "end"))
    assert windows == [(0, dt.time(9), dt.time(13)), (5, dt.time(20), MIDNIGHT)]


def test_a_request_until_midnight_is_taken_and_matched_to_a_volunteer_free_until_midnight(
    help_world, client_for
):
    with scopes_disabled():
        Availability.objects.create(
            volunteer=help_world.help.volunteer, weekday=4, start=dt.time(20), end=MIDNIGHT
        )
    client = client_for("coordinator")
    response = client.post(
        reverse("volunteers:help_intake", args=["franztreff"]),
        {
            "seeker-name": "Herr Abend",
            "seeker-phone": "0340 654321",
            "seeker-address": "",
            "seeker-district": "mitte",
            "seeker-language": "de",
            "seeker-special_needs": "",
            "seeker-channel": "phone",
            "seeker-consent": "on",
            "request-kind": "reading",
            "request-date": "2026-12-04",
            "request-weekday": "",
            "request-start": "20:00",
            "request-end": "24:00",
            "request-urgency": "2",
            "request-prefers_gender": "",
            "request-notes": "",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        request = HelpRequest.objects.get(seeker__name="Herr Abend")
        ranked, refusal = matching.ranked_candidates(request, today=timezone.localdate())
    assert (request.start, request.end) == (dt.time(20), MIDNIGHT)
    assert ([str(c.volunteer) for c in ranked], refusal) == (["Gerda Neumann"], None)


def test_the_public_form_takes_24_00_as_the_end(help_world, client):
    response = client.post(
        reverse("public:help", args=["franztreff"]),
        {
            "name": "Frau Spät",
            "phone": "0340 111222",
            "district": "mitte",
            "kind": "reading",
            "date": "2026-12-04",
            "start": "21:00",
            "end": "24:00",
            "language": "de",
            "notes": "",
            "consent": "on",
            "key": "m" * 32,
        },
    )
    assert response.context["created"] is True
    with scopes_disabled():
        request = HelpRequest.objects.get(seeker__name="Frau Spät")
    assert (request.start, request.end) == (dt.time(21), MIDNIGHT)


def test_the_engine_window_reads_midnight_as_1440_minutes():
    window = matching.engine_window(4, dt.time(23, 45), MIDNIGHT)
    assert (window.end.hour * 60 + window.end.minute, window.end > window.start) == (1440, True)


def test_the_database_refuses_a_request_ending_before_it_starts(help_world):
    with scopes_disabled():
        seeker = HelpSeeker.objects.get()
        request = HelpRequest(
            treff=help_world.franztreff,
            seeker=seeker,
            kind="walk",
            date=dt.date(2026, 12, 4),
            start=dt.time(20),
            end=dt.time(1),
        )
        with pytest.raises(ValidationError) as refused:
            request.full_clean()
        evening = HelpRequest(
            treff=help_world.franztreff,
            seeker=seeker,
            kind="walk",
            date=dt.date(2026, 12, 4),
            start=dt.time(20),
            end=MIDNIGHT,
        )
        evening.full_clean()
        evening.save()
    # On "end", with the form's message for a range meant to run overnight (issue 11).
    assert refused.value.message_dict == {
        "end": [
            "Ein Termin endet spätestens um Mitternacht und kann nicht in den nächsten Tag "
            "hineinreichen. Geben Sie für ein Ende um Mitternacht 00:00 ein."
        ]
    }
