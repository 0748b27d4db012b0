"""Client records with consent, the audit trail, and the rights of Art. 15 and 17 GDPR."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from treff.audit.models import AuditEvent
from treff.counselling.models import Client, Contact, Note

from .world import CLIENT_NAME, COORDINATOR_NOTE, COUNSELLOR_NOTE, SECOND_NOTE


def _url(world, name):
    return reverse(f"counselling:{name}", args=["franztreff", world.counselling.client.pk])


def _events(client_id):
    """The audit trail's events about one client record, oldest first."""
    return AuditEvent.objects.filter(
        object_type="counselling.client", object_id=str(client_id)
    ).order_by("pk")


def _trail(client_id):
    """(kind, username) of the record's events, oldest first; the trail's own "deleted" of
    the record (audit.tracking, before "erased" or "withdrawn") left out."""
    names = dict(get_user_model().objects.values_list("pk", "username"))
    return [
        (kind, names.get(user_id))
        for kind, user_id in _events(client_id).values_list("kind", "user_id")
        if kind != "deleted"
    ]


def _client_data(**overrides):
    data = {
        "name": "Herr Yilmaz",
        "phone": "",
        "email": "",
        "birth_year": "",
        "consent_on": timezone.localdate().isoformat(),
        "consent_scope": "contact",
        "consent_details": "",
    }
    data.update(overrides)
    return data


def test_a_counsellor_creates_a_record_with_consent(counselling, login):
    response = login("counsellor").post(
        reverse("counselling:client_create", args=["franztreff"]), _client_data()
    )
    with scopes_disabled():
        client = Client.objects.get(name="Herr Yilmaz")
    assert response.url == reverse("counselling:client_detail", args=["franztreff", client.pk])
    assert (client.created_by, client.treff) == (
        counselling.users["counsellor"],
        counselling.franztreff,
    )
    assert _trail(client.pk) == [("created", "counsellor")]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"consent_on": "2999-01-01"}, "consent_on", "The consent cannot be dated in the future."),
        ({"consent_on": ""}, "consent_on", None),
        ({"consent_scope": "other"}, "consent_details", "Describe what the person agreed to."),
        ({"birth_year": "2999"}, "birth_year", "This year lies in the future."),
        ({"phone": "call me"}, "phone", None),
    ],
)
def test_a_record_without_valid_consent_is_not_saved(counselling, login, overrides, field, message):
    response = login("counsellor").post(
        reverse("counselling:client_create", args=["franztreff"]), _client_data(**overrides)
    )
    errors = response.context["form"].errors
    assert list(errors) == [field]
    if message:
        with translation.override("de"):
            assert errors[field] == [gettext(message)]
    with scopes_disabled():
        assert Client.objects.filter(name="Herr Yilmaz").exists() is False


def test_reading_and_changing_a_record_is_audited(counselling, login):
    client = login("counsellor")
    client.get(_url(counselling, "client_detail"))
    client.get(_url(counselling, "client_edit"))
    client.post(_url(counselling, "client_edit"), _client_data(name=CLIENT_NAME))
    login("coordinator").get(_url(counselling, "client_detail"))
    assert _trail(counselling.counselling.client.pk)[-4:] == [
        ("read", "counsellor"),
        ("read", "counsellor"),
        ("changed", "counsellor"),
        ("read", "coordinator"),
    ]


def test_the_audit_never_holds_a_name_or_a_note(counselling, login):
    objects = counselling.counselling
    login("counsellor").get(_url(counselling, "client_detail"))
    login("coordinator").get(_url(counselling, "client_export_json"))
    login("outsider").get(_url(counselling, "client_detail"))
    login("coordinator").post(_url(counselling, "client_erase"), {"confirm": "on"})
    with scopes_disabled():
        rows = list(AuditEvent.objects.values())
    stored = repr(rows)
    for secret in (CLIENT_NAME, "Herr Roß", COUNSELLOR_NOTE, COORDINATOR_NOTE, "0340 123456"):
        assert secret not in stored
    mine = {"object_type": "counselling.client", "object_id": str(objects.client.pk)}
    assert {row["kind"] for row in rows if mine.items() <= row.items()} == {
        "created",
        "contact_added",
        "note_added",
        "read",
        "exported",
        "denied",
        "erased",
        "deleted",
    }


def test_the_export_holds_everything_about_the_person(counselling, login):
    objects = counselling.counselling
    response = login("coordinator").get(_url(counselling, "client_export_json"))
    data = json.loads(response.content)
    assert response["Content-Disposition"] == (
        f'attachment; filename="record-{objects.client.pk}.json"'
    )
    assert (data["record"]["name"], data["record"]["phone"], data["record"]["birth_year"]) == (
        CLIENT_NAME,
        "0340 123456",
        1961,
    )
    (contact,) = data["contacts"]
    assert (contact["minutes"], contact["referral"]["service"], contact["follow_up_done"]) == (
        45,
        "Schuldnerberatung DRK",
        False,
    )
    # Art. 15 covers every note about the person, whoever wrote it.
    assert [note["text"] for note in contact["notes"]] == [COUNSELLOR_NOTE, COORDINATOR_NOTE]
    assert SECOND_NOTE not in response.content.decode()
    assert [entry["action"] for entry in data["audit"]][:2] == [
        str(AuditEvent.Kind.EXPORTED.label),
        str(AuditEvent.Kind.NOTE_ADDED.label),
    ]


def test_the_readable_export_page_and_its_trail(counselling, login):
    page = login("coordinator").get(_url(counselling, "client_export"))
    assert (page.status_code, page.context["data"]["record"]["name"]) == (200, CLIENT_NAME)
    assert _trail(counselling.counselling.client.pk)[-1] == ("exported", "coordinator")


def test_erasure_needs_a_confirmation(counselling, login):
    client = login("coordinator")
    assert client.get(_url(counselling, "client_erase")).status_code == 200
    response = client.post(_url(counselling, "client_erase"), {})
    assert list(response.context["form"].errors) == ["confirm"]
    with scopes_disabled():
        assert Client.objects.filter(pk=counselling.counselling.client.pk).exists() is True


def test_erasure_keeps_the_contacts_anonymous_and_deletes_the_notes(counselling, login):
    objects = counselling.counselling
    response = login("coordinator").post(_url(counselling, "client_erase"), {"confirm": "on"})
    assert response.url == reverse("counselling:clients", args=["franztreff"])
    with scopes_disabled():
        assert Client.objects.filter(pk=objects.client.pk).exists() is False
        assert Contact.objects.get(pk=objects.contact.pk).client_id is None
        assert list(Note.objects.values_list("text", flat=True)) == [SECOND_NOTE]
    assert _trail(objects.client.pk)[-1] == ("erased", "coordinator")
    # The record's trail stays readable for the coordinator, by number, without a name.
    page = login("coordinator").get(
        reverse("counselling:audit", args=["franztreff"]), {"record": objects.client.pk}
    )
    assert page.context["page"].object_list[0].kind == "erased"
    assert CLIENT_NAME.encode() not in page.content


def test_a_counsellor_records_a_withdrawal_of_consent(counselling, login):
    objects = counselling.counselling
    client = login("counsellor")
    page = client.get(_url(counselling, "client_withdraw"))
    assert (page.context["contact_count"], page.context["note_count"]) == (1, 2)
    response = client.post(_url(counselling, "client_withdraw"), {"confirm": "on"})
    assert response.status_code == 302
    with scopes_disabled():
        assert Client.objects.filter(pk=objects.client.pk).exists() is False
        assert Contact.objects.get(pk=objects.contact.pk).client_id is None
        assert Note.objects.filter(contact=objects.contact).exists() is False
    assert _trail(objects.client.pk)[-1] == ("withdrawn", "counsellor")


def test_another_counsellor_cannot_withdraw_or_erase(counselling, login):
    objects = counselling.counselling
    client = login("counsellor2")
    statuses = (
        client.post(_url(counselling, "client_withdraw"), {"confirm": "on"}).status_code,
        client.post(_url(counselling, "client_erase"), {"confirm": "on"}).status_code,
    )
    assert statuses == (404, 404)
    with scopes_disabled():
        assert Client.objects.filter(pk=objects.client.pk).exists() is True
    assert _trail(objects.client.pk)[-2:] == [("denied", "counsellor2"), ("denied", "counsellor2")]


def test_the_treff_audit_page_lists_entries_of_its_own_treff_only(counselling, login):
    page = login("coordinator").get(reverse("counselling:audit", args=["franztreff"]))
    treffs = {entry.treff_id for entry in page.context["page"].object_list}
    assert treffs == {counselling.franztreff.pk}
