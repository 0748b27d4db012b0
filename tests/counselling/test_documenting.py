"""Documenting contacts: anonymous by default, with topics, referral, follow-up and a note;
bad input is a message in the user's language and nothing is saved."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from treff.audit.models import AuditEvent
from treff.counselling import selectors
from treff.counselling.models import Contact, Note

from .world import CLIENT_NAME

CLIENT = "counselling.client"  # how the audit trail names a client record


def _data(**overrides):
    data = {
        "date": timezone.localdate().isoformat(),
        "minutes": "30",
        "topics": ["housing", "benefits"],
        "language": "ar",
        "client": "",
        "referral": "",
        "follow_up_on": "",
        "note": "",
    }
    data.update(overrides)
    return data


def _create(login, user="counsellor", **overrides):
    return login(user).post(
        reverse("counselling:contact_create", args=["franztreff"]), _data(**overrides)
    )


def _german(message: str) -> str:
    with translation.override("de"):
        return gettext(message)


def test_a_counsellor_documents_an_anonymous_contact(counselling, login):
    with scopes_disabled():
        audit_before = AuditEvent.objects.filter(object_type=CLIENT).count()
    response = _create(login)
    with scopes_disabled():
        contact = Contact.objects.latest("pk")
        topics = sorted(contact.topic_rows.values_list("topic", flat=True))
        audit_count = AuditEvent.objects.filter(object_type=CLIENT).count()
    assert response.status_code == 302
    assert (contact.client_id, contact.counsellor, contact.language, contact.minutes) == (
        None,
        counselling.users["counsellor"],
        "ar",
        30,
    )
    assert topics == ["benefits", "housing"]
    assert audit_count == audit_before  # an anonymous contact concerns no record


def test_a_contact_for_a_client_with_referral_follow_up_and_note(counselling, login):
    objects = counselling.counselling
    today = timezone.localdate()
    response = _create(
        login,
        client=str(objects.client.pk),
        referral=str(objects.service.pk),
        follow_up_on=(today + dt.timedelta(days=14)).isoformat(),
        note="Unterlagen zum Wohngeld mitbringen.",
        next="new",
    )
    assert response.status_code == 302
    assert response.url == reverse("counselling:contact_create", args=["franztreff"])
    with scopes_disabled():
        contact = Contact.objects.latest("pk")
        note = Note.objects.get(contact=contact)
        trail = list(
            AuditEvent.objects.filter(object_type=CLIENT, object_id=str(objects.client.pk))
            .order_by("-pk")
            .values_list("kind", "user_id")[:2]
        )
    assert (contact.client, contact.referral, contact.follow_up_on) == (
        objects.client,
        objects.service,
        today + dt.timedelta(days=14),
    )
    assert (note.author, note.text) == (
        counselling.users["counsellor"],
        "Unterlagen zum Wohngeld mitbringen.",
    )
    counsellor = counselling.users["counsellor"].pk
    assert trail == [("note_added", counsellor), ("contact_added", counsellor)]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"minutes": "-5"}, "minutes", None),
        ({"minutes": "0"}, "minutes", None),
        ({"date": "2999-01-01"}, "date", "A contact cannot be documented in advance."),
        (
            {"follow_up_on": "2000-01-01"},
            "follow_up_on",
            "The follow-up cannot be before the contact.",
        ),
        ({"topics": []}, "topics", None),
        ({"topics": ["astrology"]}, "topics", None),
        ({"date": "gestern"}, "date", None),
    ],
)
def test_bad_input_is_a_message_and_nothing_is_saved(counselling, login, overrides, field, message):
    with scopes_disabled():
        before = Contact.objects.count()
    response = _create(login, note="Darf nicht gespeichert werden.", **overrides)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    if message:
        assert errors[field] == [_german(message)]
    with scopes_disabled():
        assert Contact.objects.count() == before
        assert Note.objects.filter(text="Darf nicht gespeichert werden.").exists() is False


def test_a_referral_to_an_inactive_partner_is_refused(counselling, login):
    closed = counselling.counselling.closed_service
    response = _create(login, referral=str(closed.pk))
    assert list(response.context["form"].errors) == ["referral"]
    with scopes_disabled():
        assert Contact.objects.filter(referral=closed).exists() is False


@pytest.mark.parametrize("record", ["other_client", "client"])
def test_the_client_picker_offers_only_visible_records(counselling, login, record):
    """counsellor2 sees neither Franztreff's record (never worked with) nor Rosseltreff's."""
    client = getattr(counselling.counselling, record)
    response = _create(login, user="counsellor2", client=str(client.pk))
    assert list(response.context["form"].errors) == ["client"]


def test_the_author_changes_the_contact_and_the_record_is_audited(counselling, login):
    objects = counselling.counselling
    url = reverse("counselling:contact_edit", args=["franztreff", objects.contact.pk])
    response = login("counsellor").post(
        url,
        _data(
            date=objects.contact.date.isoformat(),
            minutes="60",
            topics=["debt"],
            language="de",
            client=str(objects.client.pk),
            referral=str(objects.service.pk),
            follow_up_on=objects.contact.follow_up_on.isoformat(),
            follow_up_done="on",
        ),
    )
    assert response.status_code == 302
    with scopes_disabled():
        contact = Contact.objects.get(pk=objects.contact.pk)
        topics = list(contact.topic_rows.values_list("topic", flat=True))
        last = AuditEvent.objects.filter(object_type=CLIENT).latest("pk")
    assert (contact.minutes, contact.follow_up_done, topics) == (60, True, ["debt"])
    assert (last.kind, last.object_id) == ("contact_changed", str(objects.client.pk))


def test_an_old_referral_to_a_partner_that_closed_stays(counselling, login):
    objects = counselling.counselling
    with scopes_disabled():
        type(objects.service).objects.filter(pk=objects.service.pk).update(active=False)
    url = reverse("counselling:contact_edit", args=["franztreff", objects.contact.pk])
    response = login("coordinator").post(
        url,
        _data(
            date=objects.contact.date.isoformat(),
            client=str(objects.client.pk),
            referral=str(objects.service.pk),
        ),
    )
    assert response.status_code == 302


def test_the_list_filters_by_month_and_topic(counselling, login):
    objects = counselling.counselling
    client = login("coordinator")
    url = reverse("counselling:contacts", args=["franztreff"])
    month = objects.contact.date.strftime("%Y-%m")
    debt = client.get(url, {"month": month, "topic": "debt"}).context["page"].object_list
    housing = client.get(url, {"topic": "housing"}).context["page"].object_list
    empty = client.get(url, {"month": "2001-01"}).context["page"].object_list
    assert ([c.pk for c in debt], [c.pk for c in housing], list(empty)) == (
        [objects.contact.pk],
        [objects.anonymous_contact.pk],
        [],
    )


def test_a_bad_month_filter_is_a_message(counselling, login):
    url = reverse("counselling:contacts", args=["franztreff"])
    response = login("coordinator").get(url, {"month": "2025-13"})
    assert (response.status_code, list(response.context["filters"].errors)) == (200, ["month"])


def test_the_contact_list_needs_a_fixed_number_of_queries(
    counselling, login, django_assert_max_num_queries
):
    client = login("coordinator")
    for _ in range(5):
        _create(login, user="coordinator")
    with django_assert_max_num_queries(12):
        client.get(reverse("counselling:contacts", args=["franztreff"]))


def test_follow_ups_due_for_the_dashboard(counselling, login):
    objects = counselling.counselling
    today = timezone.localdate()
    users = {
        "counsellor": counselling.users["counsellor"],
        "coordinator": counselling.users["coordinator"],
        "counsellor2": objects.counsellor2,
        "outsider": counselling.users["outsider"],
        "city": counselling.users["city"],
    }
    with scopes_disabled():
        due = {name: list(selectors.follow_ups_due(user, today)) for name, user in users.items()}
        tomorrow_for_none = list(
            selectors.follow_ups_due(users["counsellor"], today - dt.timedelta(days=2))
        )
    assert due == {
        "counsellor": [objects.contact],
        "coordinator": [objects.contact],
        "counsellor2": [],
        "outsider": [],
        "city": [],
    }
    assert tomorrow_for_none == []


def test_marking_a_follow_up_done(counselling, login):
    contact = counselling.counselling.contact
    url = reverse("counselling:follow_up_done", args=["franztreff", contact.pk])
    assert login("counsellor2").post(url).status_code == 404
    assert login("counsellor").post(url, {"next": "dashboard"}).url == reverse("dashboard:home")
    with scopes_disabled():
        assert (
            list(selectors.follow_ups_due(counselling.users["counsellor"], timezone.localdate()))
            == []
        )


def test_the_contact_page_shows_the_name_only_to_those_who_may_see_it(counselling, login):
    page = login("counsellor").get(
        reverse(
            "counselling:contact_detail", args=["franztreff", counselling.counselling.contact.pk]
        )
    )
    assert CLIENT_NAME.encode() in page.content
    with scopes_disabled():
        last = AuditEvent.objects.filter(object_type=CLIENT).latest("pk")
    assert (last.kind, last.user_id) == ("read", counselling.users["counsellor"].pk)
