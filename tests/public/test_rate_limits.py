"""Abuse limits of the three public forms (issue 15, item 2): a few posts per address and
form, then a clear page in the visitor's language (429) and nothing stored."""

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from treff.core.addresses import client_address
from treff.public.models import Suggestion
from treff.volunteers.models import HelpRequest, VolunteerApplication

IDEA = {"text": "Mehr Spieleabende", "category": ""}
VOLUNTEER = {
    "first_name": "Karin",
    "last_name": "Vogel",
    "phone": "0340 222333",
    "help_kinds": ["walk"],
    "district": "mitte",
    "consent": "on",
}
HELP = {
    "name": "Frau Czech",
    "phone": "0340 111222",
    "district": "mitte",
    "kind": "walk",
    "date": "2026-12-03",
    "start": "14:00",
    "end": "15:00",
    "language": "de",
    "consent": "on",
}
FORMS = {
    "public:idea": (IDEA, Suggestion),
    "public:volunteer": (VOLUNTEER, VolunteerApplication),
    "public:help": (HELP, HelpRequest),
}


def url(name, lang="en"):
    with translation.override(lang):
        return reverse(name, args=["franztreff"])


def count(model):
    with scopes_disabled():
        return model.objects.count()


@pytest.mark.parametrize("name", sorted(FORMS))
def test_fifty_posts_in_a_minute_from_one_address_are_limited(help_world, client, name):
    data, model = FORMS[name]
    before = count(model)
    statuses = [
        client.post(url(name), {**data, "key": f"k{n:02}" * 8}).status_code for n in range(50)
    ]
    assert statuses == [200] * 5 + [429] * 45
    assert count(model) == before + 5


def test_the_limited_page_speaks_the_visitors_language(world, client):
    for n in range(5):
        client.post(url("public:idea", "de"), {**IDEA, "key": f"k{n}" * 16})
    response = client.post(url("public:idea", "de"), {**IDEA, "key": "z" * 32})
    assert (response.status_code, response.templates[0].name) == (429, "public/rate_limited.html")
    assert response["Content-Language"] == "de"
    with translation.override("en"):
        english = client.post(url("public:idea"), {**IDEA, "key": "y" * 32})
    assert "Please try again in ten minutes." in english.content.decode()


def test_each_form_and_each_address_has_its_own_count(world, client):
    for n in range(5):
        client.post(url("public:idea"), {**IDEA, "key": f"a{n}" * 16})
    assert client.post(url("public:idea"), {**IDEA, "key": "b" * 32}).status_code == 429
    volunteer = client.post(url("public:volunteer"), {**VOLUNTEER, "key": "c" * 32})
    assert volunteer.status_code == 200
    other = client.post(url("public:idea"), {**IDEA, "key": "d" * 32}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_reading_the_form_is_not_limited(world, client):
    assert [client.get(url("public:idea")).status_code for _ in range(10)] == [200] * 10


def test_behind_the_proxy_the_last_forwarded_address_counts(rf, settings):
    settings.TREFF_BEHIND_PROXY = True
    request = rf.post("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7", REMOTE_ADDR="127.0.0.1")
    broken = rf.post("/", HTTP_X_FORWARDED_FOR="nonsense", REMOTE_ADDR="127.0.0.1")
    assert (client_address(request), client_address(broken)) == ("203.0.113.7", "127.0.0.1")
    settings.TREFF_BEHIND_PROXY = False
    assert client_address(request) == "127.0.0.1"


@pytest.mark.parametrize("name", sorted(FORMS))
def test_a_post_of_two_megabytes_is_refused_and_nothing_stored(help_world, client, name):
    """Issue 16: the help form took 2 MB in one post. The fields' own limits are a few
    thousand characters; a post over 256 KiB is refused before any view reads it."""
    data, model = FORMS[name]
    before = count(model)
    response = client.post(url(name), {**data, "key": "z" * 32, "padding": "x" * 2_000_000})
    assert (response.status_code, count(model)) == (400, before)
