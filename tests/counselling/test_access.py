"""Who sees counselling data: notes, contacts, client records; refusals are 404s, logged."""

import logging

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from treff.audit.models import AuditEvent
from treff.counselling import selectors

from .world import CLIENT_NAME, COORDINATOR_NOTE, COUNSELLOR_NOTE, SECOND_NOTE

OUTSIDERS = ["city", "carrier", "volunteer", "committee", "outsider", "other_carrier", "no_role"]


def _contact_url(world, contact=None):
    contact = contact or world.counselling.contact
    return reverse("counselling:contact_detail", args=[contact.treff.slug, contact.pk])


def _client_url(world, name="client_detail"):
    return reverse(f"counselling:{name}", args=["franztreff", world.counselling.client.pk])


# Notes ----------------------------------------------------------------------------------------


def test_the_author_reads_their_own_note_but_not_the_coordinators(counselling, login):
    page = login("counsellor").get(_contact_url(counselling))
    assert page.status_code == 200
    assert [note.text for note in page.context["notes"]] == [COUNSELLOR_NOTE]


def test_the_coordinator_reads_every_note_of_the_contact(counselling, login):
    page = login("coordinator").get(_contact_url(counselling))
    assert [note.text for note in page.context["notes"]] == [COUNSELLOR_NOTE, COORDINATOR_NOTE]


@pytest.mark.parametrize("user", ["counsellor2", *OUTSIDERS])
def test_nobody_else_opens_the_contact_or_its_notes(counselling, login, user):
    response = login(user).get(_contact_url(counselling))
    assert response.status_code == 404
    assert COUNSELLOR_NOTE.encode() not in response.content


def test_the_note_selector_applies_the_rule_even_without_a_scope(counselling):
    """The selector itself filters: the scope is a second wall, not the only one."""
    objects = counselling.counselling
    users = {**counselling.users, "counsellor2": objects.counsellor2}
    expected = {
        "counsellor": {COUNSELLOR_NOTE},
        "counsellor2": {SECOND_NOTE},
        "coordinator": {COUNSELLOR_NOTE, COORDINATOR_NOTE, SECOND_NOTE},
        "city": set(),
        "carrier": set(),
        "volunteer": set(),
        "committee": set(),
        "outsider": set(),
        "other_carrier": set(),
        "no_role": set(),
    }
    with scopes_disabled():
        actual = {
            name: {note.text for note in selectors.notes_visible_to(users[name])}
            for name in expected
        }
    assert actual == expected


@pytest.mark.parametrize(
    ("user", "status"),
    [("counsellor", 200), ("coordinator", 404), ("counsellor2", 404), ("outsider", 404)],
)
def test_only_the_author_changes_a_note(counselling, login, user, status):
    note = counselling.counselling.note
    url = reverse("counselling:note_edit", args=["franztreff", note.pk])
    assert login(user).get(url).status_code == status


def test_another_counsellor_cannot_change_or_delete_a_note(counselling, login):
    note = counselling.counselling.note
    url = reverse("counselling:note_edit", args=["franztreff", note.pk])
    response = login("counsellor2").post(url, {"action": "delete"})
    assert response.status_code == 404
    with scopes_disabled():
        assert type(note).objects.get(pk=note.pk).text == COUNSELLOR_NOTE


# Contacts and client records -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "expected"),
    [("counsellor", ["contact"]), ("counsellor2", ["anonymous_contact"])],
)
def test_a_counsellor_lists_only_their_own_contacts(counselling, login, user, expected):
    objects = counselling.counselling
    page = login(user).get(reverse("counselling:contacts", args=["franztreff"]))
    assert [c.pk for c in page.context["page"].object_list] == [
        getattr(objects, name).pk for name in expected
    ]


def test_the_coordinator_lists_all_contacts_of_the_treff(counselling, login):
    objects = counselling.counselling
    page = login("coordinator").get(reverse("counselling:contacts", args=["franztreff"]))
    assert [c.pk for c in page.context["page"].object_list] == [
        objects.anonymous_contact.pk,
        objects.contact.pk,
    ]


@pytest.mark.parametrize("user", OUTSIDERS)
def test_the_contact_list_is_not_found_for_anyone_else(counselling, login, user):
    assert login(user).get(reverse("counselling:contacts", args=["franztreff"])).status_code == 404


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("counsellor", 200),  # created the record
        ("coordinator", 200),
        ("counsellor2", 404),  # same Treff, never worked with the person
        *[(user, 404) for user in OUTSIDERS],
    ],
)
def test_who_opens_a_client_record(counselling, login, user, status):
    assert login(user).get(_client_url(counselling)).status_code == status


def test_a_counsellor_who_documented_a_contact_sees_the_record(counselling, login):
    objects = counselling.counselling
    response = login("counsellor2").post(
        reverse("counselling:contact_create", args=["franztreff"]),
        {
            "date": objects.contact.date.isoformat(),
            "minutes": "30",
            "topics": ["debt"],
            "language": "de",
        },
    )
    assert response.status_code == 302
    # Not yet: the picker only offers records counsellor2 may already see.
    assert login("counsellor2").get(_client_url(counselling)).status_code == 404
    with scopes_disabled():
        counselling.counselling.anonymous_contact.client = objects.client
        counselling.counselling.anonymous_contact.save()
    assert login("counsellor2").get(_client_url(counselling)).status_code == 200


@pytest.mark.parametrize("user", ["counsellor", "counsellor2"])
def test_only_the_coordinator_exports_erases_and_reads_the_audit(counselling, login, user):
    client = login(user)
    statuses = [
        client.get(_client_url(counselling, name)).status_code
        for name in ("client_export", "client_export_json", "client_erase")
    ]
    statuses.append(client.get(reverse("counselling:audit", args=["franztreff"])).status_code)
    assert statuses == [404, 404, 404, 404]


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("coordinator", 200),
        ("carrier", 200),
        ("city", 200),
        ("counsellor", 404),
        ("volunteer", 404),
        ("committee", 404),
        ("outsider", 404),
        ("other_carrier", 404),
        ("no_role", 404),
    ],
)
def test_who_sees_the_statistics(counselling, login, user, status):
    url = reverse("counselling:statistics", args=["franztreff"])
    assert login(user).get(url).status_code == status


def test_statistics_show_no_names_and_no_notes(counselling, login):
    content = login("city").get(reverse("counselling:statistics", args=["franztreff"])).content
    for secret in (CLIENT_NAME, COUNSELLOR_NOTE, "0340 123456"):
        assert secret.encode() not in content


# Refusals ------------------------------------------------------------------------------------


def test_a_refused_record_is_logged_and_audited_without_names(counselling, login, caplog):
    outsider = counselling.users["outsider"]
    client_pk = counselling.counselling.client.pk
    with caplog.at_level(logging.WARNING, logger="treff.security"):
        response = login("outsider").get(_client_url(counselling))
    assert response.status_code == 404
    assert [r.getMessage() for r in caplog.records if r.name == "treff.security"] == [
        f"counselling access refused: user={outsider.pk} url=client_detail object={client_pk}"
    ]
    with scopes_disabled():
        denied = list(
            AuditEvent.objects.filter(kind="denied", object_type="counselling.client").values_list(
                "user_id", "object_id", "treff_id"
            )
        )
    assert denied == [(outsider.pk, str(client_pk), counselling.franztreff.pk)]


def test_a_refused_contact_of_a_named_client_is_audited_for_the_record(counselling, login):
    login("counsellor2").get(_contact_url(counselling))
    with scopes_disabled():
        denied = list(
            AuditEvent.objects.filter(kind="denied", object_type="counselling.client").values_list(
                "user_id", "object_id"
            )
        )
    assert denied == [
        (counselling.counselling.counsellor2.pk, str(counselling.counselling.client.pk))
    ]


def test_missing_and_forbidden_answer_the_same(counselling, login):
    client = login("counsellor2")
    missing = client.get(reverse("counselling:client_detail", args=["franztreff", 999999]))
    forbidden = client.get(_client_url(counselling))
    assert (missing.status_code, forbidden.status_code) == (404, 404)
    assert _main(missing) == _main(forbidden)


def _main(response) -> bytes:
    # The page minus the footer, whose language form carries the requested path.
    return response.content.split(b"<main", 1)[1].split(b"</main>", 1)[0]


@pytest.mark.parametrize(
    "url",
    [
        "/treffs/franztreff/counselling/contacts/999999/",
        "/treffs/franztreff/counselling/contacts/99999999999999999999999/",
        "/treffs/franztreff/counselling/clients/0/",
        "/treffs/franztreff/counselling/notes/123456789/",
        "/treffs/unknown/counselling/",
        "/treffs/franztreff/counselling/clients/abc/",
    ],
)
def test_bad_ids_answer_404(counselling, login, url):
    assert login("coordinator").get(url).status_code == 404


def test_an_unknown_record_number_on_the_audit_page_shows_no_entries(counselling, login):
    url = reverse("counselling:audit", args=["franztreff"])
    response = login("coordinator").get(url, {"record": "99999999999999999"})
    assert (response.status_code, response.context["record"], len(response.context["page"])) == (
        200,
        99999999999999999,
        0,
    )


@pytest.mark.parametrize("value", ["abc", "-1", "²", "1" * 19])
def test_a_record_filter_that_is_no_number_is_a_bad_request(counselling, login, value):
    url = reverse("counselling:audit", args=["franztreff"])
    response = login("coordinator").get(url, {"record": value})
    assert response.status_code == 400


def test_the_outsider_sees_the_other_treffs_record_nowhere(counselling, login):
    client = login("outsider")
    other = counselling.counselling.other_client
    own = client.get(reverse("counselling:client_detail", args=["rosseltreff", other.pk]))
    via_own_treff = client.get(
        reverse(
            "counselling:client_detail", args=["rosseltreff", counselling.counselling.client.pk]
        )
    )
    assert (own.status_code, via_own_treff.status_code) == (200, 404)


def test_a_note_added_by_the_coordinator_stays_hidden_from_the_counsellor(counselling, login):
    url = _contact_url(counselling)
    response = login("coordinator").post(url, {"text": "Rückruf mit dem Jobcenter."})
    assert response.status_code == 302
    page = login("counsellor").get(url)
    assert [note.text for note in page.context["notes"]] == [COUNSELLOR_NOTE]


def test_another_counsellor_cannot_add_a_note_to_a_foreign_contact(counselling, login):
    response = login("counsellor2").post(_contact_url(counselling), {"text": "Eingeschleust"})
    assert response.status_code == 404
    with scopes_disabled():
        assert (
            type(counselling.counselling.note).objects.filter(text="Eingeschleust").exists()
            is False
        )


def test_the_author_changes_their_note(counselling, login):
    note = counselling.counselling.note
    url = reverse("counselling:note_edit", args=["franztreff", note.pk])
    assert login("counsellor").post(url, {"text": "Neu."}).status_code == 302
    with scopes_disabled():
        assert type(note).objects.get(pk=note.pk).text == "Neu."
