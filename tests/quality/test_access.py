"""Who sees quality development, and that its rows never leave their Treff's scope."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from django_scopes.exceptions import ScopeError

from treff.quality import services
from treff.quality.models import (
    ActionItem,
    DocumentVersion,
    Meeting,
    MeetingDecision,
    QualityStandard,
    StandardVersion,
    TreffDocument,
)


def _urls(quality, slug="franztreff"):
    return [
        reverse("quality:overview", args=[slug]),
        reverse("quality:meeting_detail", args=[slug, quality.meeting.pk]),
        reverse("quality:meeting_pdf", args=[slug, quality.meeting.pk]),
        reverse("quality:standard_detail", args=[slug, quality.standard.pk]),
        reverse("quality:document_detail", args=[slug, quality.document.pk]),
        reverse("quality:document_download", args=[slug, quality.document.pk, quality.version.pk]),
    ]


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("outsider", 404),
        ("other_carrier", 404),
        ("no_role", 404),
        ("committee", 403),
        ("counsellor", 403),
        ("volunteer", 403),
        ("city", 200),
        ("carrier", 200),
        ("coordinator", 200),
    ],
)
def test_franztreffs_quality_pages_by_role(quality, client_for, user, status):
    client = client_for(user)
    assert [client.get(url).status_code for url in _urls(quality)] == [status] * 6


def test_the_outsider_sees_rosseltreff_but_not_franztreffs_objects_under_its_address(
    quality, client_for
):
    client = client_for("outsider")
    overview = client.get(reverse("quality:overview", args=["rosseltreff"]))
    assert [m.title for m in overview.context["meetings"]] == ["Treffen Rosseltreff"]
    # Franztreff's ids under Rosseltreff's address: missing, like any unknown id.
    assert [client.get(url).status_code for url in _urls(quality, "rosseltreff")[1:]] == [404] * 5
    # And the other way round for Franztreff's coordinator.
    coordinator = client_for("coordinator")
    other = reverse("quality:meeting_detail", args=["franztreff", quality.other_meeting.pk])
    assert coordinator.get(other).status_code == 404


def test_queries_fail_loudly_outside_a_scope(quality):
    for model in (
        Meeting,
        MeetingDecision,
        ActionItem,
        QualityStandard,
        StandardVersion,
        TreffDocument,
        DocumentVersion,
    ):
        with pytest.raises(ScopeError):
            list(model.objects.all())


def test_rosseltreffs_scope_sees_only_its_own_rows(quality, world):
    with scope(treff=[world.rosseltreff.pk]):
        assert list(Meeting.objects.all()) == [quality.other_meeting]
        assert list(TreffDocument.objects.all()) == [quality.other_document]
        assert list(ActionItem.objects.all()) == []
        assert list(StandardVersion.objects.all()) == []
        assert DocumentVersion.objects.filter(pk=quality.version.pk).exists() is False


def test_services_refuse_what_the_forms_would(quality, world):
    with scopes_disabled():
        with pytest.raises(ValidationError) as owner:
            services.action_item_save(
                item=ActionItem(
                    title="x", owner=world.users["outsider"], due_on=quality.item.due_on
                ),
                treff=world.franztreff,
                user=world.users["coordinator"],
            )
        assert list(owner.value.message_dict) == ["owner"]
        with pytest.raises(ValidationError) as meeting:
            services.action_item_save(
                item=ActionItem(
                    title="x",
                    owner=world.users["coordinator"],
                    due_on=quality.item.due_on,
                    meeting=quality.other_meeting,
                ),
                treff=world.franztreff,
                user=world.users["coordinator"],
            )
        assert list(meeting.value.message_dict) == ["meeting"]
        version = DocumentVersion.objects.get(pk=quality.version.pk)
        services.document_version_acknowledge(version=version, user=world.users["city"])
        with pytest.raises(ValidationError):
            services.document_version_acknowledge(version=version, user=world.users["city"])
        assert ActionItem.objects.filter(title="x").count() == 0


def test_the_overview_query_count_does_not_grow_with_rows(quality, world, client_for):
    # session, user, memberships, the Treff, then meetings, open items, standards + versions,
    # documents + versions: ten, the same with more rows (the navigation costs none).
    client = client_for("coordinator")
    url = reverse("quality:overview", args=["franztreff"])
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    with scopes_disabled():
        for number in range(3):
            services.action_item_save(
                item=ActionItem(
                    title=f"Mehr {number}",
                    owner=world.users["carrier"],
                    due_on=quality.item.due_on,
                    meeting=quality.meeting,
                ),
                treff=world.franztreff,
                user=world.users["city"],
            )
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert [i.title for i in response.context["items"]][:1] == ["Einladung Ehrenamtsfest"]
    assert (len(before), len(after)) == (10, 10)
