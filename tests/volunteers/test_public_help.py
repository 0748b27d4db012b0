"""What a resident may ask for, and what the public form says (follow-up of issue 10, items 10,
18 and 19 of the new user's notes): only neighbourhood help (Fachkonzept §2) and digital help
are offered, on the public form, at intake and in corrections; a Treff service posted anyway
is refused with its own message; the start page links to each Treff's form; the consent box
and the phone number explain themselves; the public form has no midnight hint.

Messages are checked in English (the source language), so the German catalogue may word them
freely.
"""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from tests.conftest import TODAY
from treff.core.times import ENDS_BY_MIDNIGHT, EndTimeField
from treff.public.forms import PublicHelpForm
from treff.volunteers import services
from treff.volunteers.forms import (
    AvailabilityForm,
    HelpRequestForm,
    ShiftTemplateForm,
)
from treff.volunteers.models import HelpRequest, HelpRequestChange, HelpSeeker

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
NEIGHBOURHOOD_HELP = [
    "shopping",
    "handyman",
    "accompaniment",
    "walk",
    "reading",
    "home_visit",
    "digital",
]
LUNCH_REFUSAL = (
    "“Serving at the lunch table” is a shift at the Treff, not help a person can ask for. "
    "Choose one of the kinds of neighbourhood help."
)
CLOTHING_REFUSAL = (
    "“Clothing store” is a shift at the Treff, not help a person can ask for. "
    "Choose one of the kinds of neighbourhood help."
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
    "key": "p" * 32,
}


def _public_url():
    # The public site takes its language from the address: /en/franztreff/hilfe/.
    with translation.override("en"):
        return reverse("public:help", args=["franztreff"])


def _stored():
    with scopes_disabled():
        return (HelpSeeker.objects.count(), HelpRequest.objects.count())


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


# Item 10: neighbourhood help only -------------------------------------------------------------


def test_the_public_form_offers_only_neighbourhood_help(help_world, client):
    form = client.get(_public_url(), **EN).context["form"]
    assert [value for value, _label in form.fields["kind"].choices] == NEIGHBOURHOOD_HELP


@pytest.mark.parametrize(
    ("kind", "message"), [("lunch", LUNCH_REFUSAL), ("clothing", CLOTHING_REFUSAL)]
)
def test_a_treff_service_posted_to_the_public_form_is_refused_with_a_message(
    help_world, client, kind, message
):
    before = _stored()
    response = client.post(_public_url(), {**PUBLIC, "kind": kind}, **EN)
    assert response.status_code == 200
    assert response.context["form"].errors == {"kind": [message]}
    assert _stored() == before


def test_the_intake_offers_only_neighbourhood_help_and_refuses_a_service(help_world, client_for):
    client = client_for("coordinator")
    url = reverse("volunteers:help_intake", args=["franztreff"])
    form = client.get(url, **EN).context["request_form"]
    assert [value for value, _label in form.fields["kind"].choices] == ["", *NEIGHBOURHOOD_HELP]
    before = _stored()
    response = client.post(url, _intake(**{"request-kind": "lunch"}), **EN)
    assert response.status_code == 200
    assert response.context["request_form"].errors == {"kind": [LUNCH_REFUSAL]}
    assert _stored() == before


def test_the_services_refuse_a_treff_service_as_help(help_world):
    world = help_world
    refused = {}
    with scopes_disabled(), translation.override("en"):
        attempts = {
            "public": lambda: services.public_request_submit(
                treff=world.franztreff,
                data={
                    **PUBLIC,
                    "kind": "clothing",
                    "date": TODAY,
                    "start": dt.time(14),
                    "end": dt.time(15),
                    "consent": True,
                },
            ),
            "intake": lambda: services.help_request_intake(
                seeker=HelpSeeker(name="Herr Brandt", district="mitte", channel="phone"),
                help_request=HelpRequest(
                    kind="lunch", date=TODAY, start=dt.time(10), end=dt.time(11)
                ),
                consent=True,
                treff=world.franztreff,
                user=world.users["coordinator"],
            ),
        }
        for name, attempt in attempts.items():
            try:
                attempt()
            except ValidationError as error:
                refused[name] = error.message_dict
    assert refused == {
        "public": {"kind": [CLOTHING_REFUSAL]},
        "intake": {"kind": [LUNCH_REFUSAL]},
    }
    assert _stored() == (1, 1)  # the fixture's


def test_a_request_taken_as_a_service_before_the_rule_keeps_its_kind_but_none_becomes_one(
    help_world, client_for
):
    """An older request for "lunch" stays correctable; a request is never changed into one."""
    request = help_world.help.request
    with scopes_disabled():
        HelpRequest.objects.filter(pk=request.pk).update(kind="lunch")
    client = client_for("coordinator")
    url = reverse("volunteers:help_edit", args=["franztreff", request.pk])
    base = _intake(
        **{
            "seeker-name": "Frau Albrecht",
            "seeker-phone": "0340 123456",
            "request-kind": "lunch",
            "request-date": request.date.isoformat(),
        }
    )
    form = client.get(url, **EN).context["request_form"]
    assert [value for value, _label in form.fields["kind"].choices] == [
        "",
        "shopping",
        "handyman",
        "accompaniment",
        "walk",
        "reading",
        "home_visit",
        "lunch",
        "digital",
    ]
    base["request-notes"] = "Bitte klingeln"
    kept = client.post(url, base, **EN)
    assert kept.status_code == 302
    to_walk = client.post(url, {**base, "request-kind": "walk"}, **EN)
    assert to_walk.status_code == 302
    back = client.post(url, {**base, "request-kind": "lunch"}, **EN)
    assert back.context["request_form"].errors == {"kind": [LUNCH_REFUSAL]}
    with scopes_disabled():
        request.refresh_from_db()
        fields = list(HelpRequestChange.objects.order_by("pk").values_list("fields", flat=True))
    assert (request.kind, request.notes) == ("walk", "Bitte klingeln")
    assert fields == [["notes"], ["kind"]]


def test_the_start_page_links_to_the_help_form_of_each_treff(help_world, client):
    html = client.get("/en/").content.decode()
    assert re.findall(r'href="(/en/[^"/]+/hilfe/)"', html) == [
        "/en/franztreff/hilfe/",
        "/en/rosseltreff/hilfe/",
    ]
    assert re.findall(
        r'href="/en/franztreff/hilfe/">([^<]+)<span class="kern-sr-only">([^<]+)<', html
    ) == [("Ask for neighbourly help", " – Franztreff")]


# Item 18: consent and phone, said plainly --------------------------------------------------


def test_an_unticked_consent_box_says_why_it_is_needed(help_world, client):
    data = {key: value for key, value in PUBLIC.items() if key != "consent"}
    before = _stored()
    response = client.post(_public_url(), data, **EN)
    assert response.context["form"].errors == {
        "consent": ["Without your consent we cannot pass your request to a volunteer."]
    }
    assert _stored() == before


def test_the_phone_hint_names_every_accepted_character_and_they_are_accepted(help_world, client):
    with translation.override("en"):
        assert str(PublicHelpForm().fields["phone"].help_text) == (
            "We call you back to talk about the help. "
            "Digits, spaces, +, ( ), / and - are accepted, e.g. +49 340 123456."
        )
    created = []
    for number, key in (("+49 340 123456", "a"), ("(0340) 123456", "b"), ("0340/12-34 56", "c")):
        response = client.post(_public_url(), {**PUBLIC, "phone": number, "key": key * 32})
        created.append(response.context["created"])
    assert created == [True, True, True]
    with scopes_disabled():
        phones = sorted(
            HelpSeeker.objects.filter(name="Frau Czech").values_list("phone", flat=True)
        )
    assert phones == ["(0340) 123456", "+49 340 123456", "0340/12-34 56"]


# Item 19: midnight hints ----------------------------------------------------------------------


def test_end_times_carry_the_core_midnight_hint_and_the_public_form_none(help_world):
    with scopes_disabled():
        hints = {
            form.__name__: str(form().fields["end"].help_text)
            for form in (HelpRequestForm, AvailabilityForm, ShiftTemplateForm, PublicHelpForm)
        }
    core = str(EndTimeField.default_help_text)
    assert hints == {
        "HelpRequestForm": core,
        "AvailabilityForm": core,
        "ShiftTemplateForm": core,
        "PublicHelpForm": "",
    }


def test_an_evening_shift_past_midnight_is_told_it_ends_at_midnight(help_world, client_for):
    data = {
        "title": "Spieleabend",
        "kind": "home_visit",
        "weekdays": ["4"],
        "start": "20:00",
        "end": "00:30",
        "min_volunteers": "1",
        "max_volunteers": "2",
        "required_qualification": "",
        "starts_on": "2026-12-01",
        "ends_on": "2026-12-31",
    }
    client = client_for("coordinator")
    url = reverse("volunteers:shift_template_create", args=["franztreff"])
    overnight = client.post(url, data, **EN)
    backwards = client.post(url, {**data, "start": "14:00", "end": "13:00"}, **EN)
    with translation.override("en"):
        assert [overnight.context["form"].errors, backwards.context["form"].errors] == [
            {"end": [str(ENDS_BY_MIDNIGHT)]},
            {"end": ["The end must be after the start."]},
        ]
