"""Quality development (issue 13, item 5): meetings, action items, standards, documents."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

from django.urls import reverse
from django_scopes import scope, scopes_disabled
from pypdf import PdfReader

from treff.quality import selectors
from treff.quality.models import ActionItem, DocumentVersion, Meeting

from ..conftest import TODAY
from .world import PDF, pdf


def _people(*rows):
    data = {
        "people-TOTAL_FORMS": str(len(rows)),
        "people-INITIAL_FORMS": "0",
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "20",
    }
    for number, (role, name) in enumerate(rows):
        data[f"people-{number}-role"] = role
        data[f"people-{number}-name"] = name
    return data


def test_coordinator_records_a_meeting_with_action_items(world, client_for):
    client = client_for("coordinator")
    response = client.post(
        reverse("quality:meeting_create", args=["franztreff"]),
        {
            "date": "2026-11-26",
            "title": "Treffen mit der Stadt",
            "agenda": "1. Zahlen\n2. Ehrenamt",
            "minutes": "Alles gut.",
            "decisions": "Mehr Sprechzeiten\n\nNeuer Flyer\n",
            **_people(("city_staff", "Frau Lehmann"), ("coordinator", ""), ("", "")),
        },
    )
    with scopes_disabled():
        meeting = Meeting.objects.get(title="Treffen mit der Stadt")
        assert response.url == reverse("quality:meeting_detail", args=["franztreff", meeting.pk])
        assert [(p.role, p.name) for p in meeting.participants.all()] == [
            ("city_staff", "Frau Lehmann"),
            ("coordinator", ""),
        ]
        assert [d.text for d in meeting.decisions.all()] == ["Mehr Sprechzeiten", "Neuer Flyer"]
        assert (meeting.created_by, meeting.updated_by) == (world.users["coordinator"],) * 2
    url = reverse("quality:action_item_create", args=["franztreff"])
    form = client.get(f"{url}?meeting={meeting.pk}").context["form"]
    assert form.initial["meeting"] == meeting.pk
    response = client.post(
        url,
        {
            "title": "Flyer drucken",
            "owner": world.users["carrier"].pk,
            "due_on": "2026-12-15",
            "meeting": meeting.pk,
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        item = ActionItem.objects.get(title="Flyer drucken")
    assert (item.treff, item.meeting, item.owner, item.status, item.done_at) == (
        world.franztreff,
        meeting,
        world.users["carrier"],
        "open",
        None,
    )


def test_a_participant_without_a_role_and_odd_dates_are_refused(world, client_for):
    client = client_for("coordinator")
    response = client.post(
        reverse("quality:meeting_create", args=["franztreff"]),
        {"date": "1999-01-01", "title": "X", **_people(("", "Herr Ohne Rolle"))},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["date"]
    assert list(response.context["formset"][0].errors) == ["role"]
    for due in ("2099-12-31", "2001-01-01"):
        response = client.post(
            reverse("quality:action_item_create", args=["franztreff"]),
            {"title": "Zu spät", "owner": world.users["coordinator"].pk, "due_on": due},
        )
        assert (response.status_code, list(response.context["form"].errors)) == (200, ["due_on"])
    with scopes_disabled():
        assert Meeting.objects.filter(title="X").count() == 0
        assert ActionItem.objects.filter(title="Zu spät").count() == 0


def test_the_owner_marks_an_item_done_once(quality, client_for):
    client = client_for("coordinator")
    url = reverse("quality:action_item_done", args=["franztreff", quality.item.pk])
    assert client.post(url).url == reverse("quality:overview", args=["franztreff"])
    with scopes_disabled():
        item = ActionItem.objects.get(pk=quality.item.pk)
    assert (item.status, item.done_at.date()) == ("done", TODAY)
    response = client.post(url, follow=True)
    # The first answer was not followed: its success message shows with the refusal.
    assert [m.level_tag for m in response.context["messages"]] == ["success", "error"]
    with scopes_disabled():
        assert ActionItem.objects.get(pk=quality.item.pk).done_at == item.done_at


def test_marking_done_goes_back_to_the_page_of_the_button_but_never_off_the_site(
    quality, world, client_for
):
    client = client_for("coordinator")
    url = reverse("quality:action_item_done", args=["franztreff", quality.item.pk])
    assert client.post(url, {"next": "/dashboard/"}).url == "/dashboard/"
    with scopes_disabled():
        ActionItem.objects.filter(pk=quality.item.pk).update(status="open", done_at=None)
    overview = reverse("quality:overview", args=["franztreff"])
    for elsewhere in ("https://example.com/dashboard/", "//example.com/", "abc", "dashboard:home"):
        with scopes_disabled():
            ActionItem.objects.filter(pk=quality.item.pk).update(status="open", done_at=None)
        away = client.post(url, {"next": elsewhere})
        assert (elsewhere, away.status_code, away.url) == (elsewhere, 302, overview)


def test_overdue_items_are_flagged_on_the_owners_dashboard(quality, client_for, clock):
    client = client_for("coordinator")
    response = client.get(reverse("dashboard:home"))
    assert [i.pk for i in response.context["my_action_items"]] == [quality.item.pk]
    assert f'data-overdue="{quality.item.pk}"' not in response.content.decode()
    # Two weeks and a day later the item's day has passed.
    clock.move_to(dt.datetime(2026, 12, 15, 9, tzinfo=ZoneInfo("Europe/Berlin")))
    client = client_for("coordinator")  # the session of two weeks ago has run out
    response = client.get(reverse("dashboard:home"))
    assert f'data-overdue="{quality.item.pk}"' in response.content.decode()
    # Nobody else has it on their dashboard.
    assert client_for("carrier").get(reverse("dashboard:home")).context["my_action_items"] == []


def test_a_volunteer_owner_sees_and_completes_the_item_without_the_quality_pages(
    quality, world, client_for
):
    coordinator = client_for("coordinator")
    coordinator.post(
        reverse("quality:action_item_create", args=["franztreff"]),
        {
            "title": "Umfrage verteilen",
            "owner": world.users["volunteer"].pk,
            "due_on": "2026-12-01",
        },
    )
    volunteer = client_for("volunteer")
    items = volunteer.get(reverse("dashboard:home")).context["my_action_items"]
    assert [i.title for i in items] == ["Umfrage verteilen"]
    assert volunteer.get(reverse("quality:overview", args=["franztreff"])).status_code == 403
    done = volunteer.post(reverse("quality:action_item_done", args=["franztreff", items[0].pk]))
    assert done.url == reverse("dashboard:home")
    # Someone else's item is not the volunteer's to close.
    other = reverse("quality:action_item_done", args=["franztreff", quality.item.pk])
    assert volunteer.post(other).status_code == 403


def test_an_owner_from_outside_the_treff_is_refused(world, client_for):
    response = client_for("coordinator").post(
        reverse("quality:action_item_create", args=["franztreff"]),
        {"title": "Heimlich", "owner": world.users["outsider"].pk, "due_on": "2026-12-15"},
    )
    assert (response.status_code, list(response.context["form"].errors)) == (200, ["owner"])


def test_a_new_standard_version_supersedes_and_the_old_ones_stay(quality, world, client_for):
    client = client_for("city")
    url = reverse("quality:standard_revise", args=["franztreff", quality.standard.pk])
    refused = client.post(url, {"text": "Früher", "agreed_on": "2026-01-01"})
    assert list(refused.context["form"].errors) == ["agreed_on"]
    response = client.post(url, {"text": "Dritte Fassung", "agreed_on": "2026-11-30"})
    assert response.status_code == 302
    with scope(treff=[world.franztreff.pk]):
        standard = selectors.standard_get(world.franztreff, quality.standard.pk)
    assert (standard.current.number, standard.current.text) == (3, "Dritte Fassung")
    assert [v.number for v in standard.superseded] == [2, 1]
    page = client.get(reverse("quality:standard_detail", args=["franztreff", standard.pk]))
    assert [v.number for v in page.context["standard"].superseded] == [2, 1]


def test_document_upload_new_version_and_the_city_acknowledges(quality, world, client_for):
    coordinator = client_for("coordinator")
    response = coordinator.post(
        reverse("quality:document_create", args=["franztreff"]),
        {"kind": "hygiene", "title": "Hygienekonzept", "file": pdf("hygiene.pdf")},
    )
    with scopes_disabled():
        document = world.franztreff.quality_documents.get(title="Hygienekonzept")
    assert response.url == reverse("quality:document_detail", args=["franztreff", document.pk])
    second = PDF.replace(b"1.4", b"1.7")
    upload = reverse("quality:document_upload", args=["franztreff", document.pk])
    coordinator.post(upload, {"file": pdf("hygiene-2.pdf", second), "note": "RKI 2026"})
    with scopes_disabled():
        versions = list(document.versions.all())
    assert [(v.number, v.filename, v.size, v.note) for v in versions] == [
        (2, "hygiene-2.pdf", len(second), "RKI 2026"),
        (1, "hygiene.pdf", len(PDF), ""),
    ]
    ack = reverse("quality:document_acknowledge", args=["franztreff", document.pk, versions[0].pk])
    assert coordinator.post(ack).status_code == 403
    city = client_for("city")
    assert city.post(ack).status_code == 302
    with scopes_disabled():
        acknowledged = DocumentVersion.objects.get(pk=versions[0].pk)
    assert (acknowledged.acknowledged_by, acknowledged.acknowledged_at.date()) == (
        world.users["city"],
        TODAY,
    )
    download = city.get(
        reverse("quality:document_download", args=["franztreff", document.pk, versions[0].pk])
    )
    assert (download.status_code, b"".join(download.streaming_content)) == (200, second)
    assert download["Content-Type"] == "application/pdf"
    assert download["Cache-Control"] == "private, no-store"
    assert city.get(upload).status_code == 403  # the city acknowledges, the carrier submits


def test_wrong_huge_and_disguised_files_are_refused(quality, world, client_for, settings):
    client = client_for("coordinator")
    url = reverse("quality:document_upload", args=["franztreff", quality.document.pk])
    cases = {
        "note.txt": b"just text",
        "fake.pdf": b"MZ\x90\x00 not a pdf",
        "empty.pdf": b"",
        "big.pdf": b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024),
        "zip.docx": b"PK\x03\x04garbage",
    }
    for name, content in cases.items():
        response = client.post(url, {"file": pdf(name, content)})
        assert (name, response.status_code, list(response.context["form"].errors)) == (
            name,
            200,
            ["file"],
        )
    with scopes_disabled():
        assert quality.document.versions.count() == 1


def test_the_minutes_pdf_has_participants_decisions_and_action_items(quality, client_for):
    response = client_for("carrier").get(
        reverse("quality:meeting_pdf", args=["franztreff", quality.meeting.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in (
        "Quartalstreffen IV/2026",
        "Frau Krause",
        "Öffnungszeiten bleiben",
        "Ehrenamtsfest im März",
        "Einladung Ehrenamtsfest",
    ):
        assert (expected, expected in text) == (expected, True)
