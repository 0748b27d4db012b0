"""Reads of quality development; every one runs in the caller's Treff scope."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet

from treff.treffs.models import Membership, Role, Treff

from .models import (
    ActionItem,
    DocumentVersion,
    Meeting,
    QualityStandard,
    StandardVersion,
    TreffDocument,
)


def meetings(treff: Treff) -> QuerySet:
    """The Treff's meetings, newest first, each with `open_items` (a count)."""
    return Meeting.objects.filter(treff=treff).annotate(
        open_items=Count("action_items", filter=Q(action_items__status=ActionItem.Status.OPEN))
    )


def meeting_full(treff: Treff, pk: int) -> Meeting:
    """One meeting with participants, decisions and action items (with owners) prefetched.

    Raises Meeting.DoesNotExist when it is not the Treff's (or out of scope)."""
    return (
        Meeting.objects.filter(treff=treff)
        .prefetch_related(
            "participants",
            "decisions",
            Prefetch(
                "action_items",
                queryset=ActionItem.objects.select_related("owner").order_by("due_on", "pk"),
            ),
        )
        .select_related("created_by", "updated_by")
        .get(pk=pk)
    )


def action_items(treff: Treff, *, status: str | None = None) -> QuerySet:
    """The Treff's action items by due date, with owner and meeting."""
    items = ActionItem.objects.filter(treff=treff).select_related("owner", "meeting")
    return items.filter(status=status) if status else items


def open_action_items_of(user) -> list[ActionItem]:
    """The open action items `user` owns, in every Treff of their scope, by due date (one
    query): the "My action items" block of the dashboard."""
    return list(
        ActionItem.objects.filter(owner=user, status=ActionItem.Status.OPEN)
        .select_related("treff", "meeting")
        .order_by("due_on", "pk")
    )


def owner_choices(treff: Treff) -> QuerySet:
    """Who may own an action item of `treff`: its members (any Treff role), the admins of
    its carrier and city staff — the people who meet about it (§6), active accounts only."""
    holders = Membership.objects.filter(
        Q(treff=treff)
        | Q(role=Role.CITY_STAFF)
        | Q(role=Role.CARRIER_ADMIN, organisation_id=treff.carrier_id)
    ).values("user_id")
    return (
        get_user_model()
        .objects.filter(pk__in=holders, is_active=True)
        .order_by("first_name", "last_name", "username")
    )


def standards(treff: Treff) -> list[QualityStandard]:
    """The Treff's standards by title, each with `current` (its highest version) and
    `superseded` (the older versions, newest first)."""
    found = list(
        QualityStandard.objects.filter(treff=treff).prefetch_related(
            Prefetch("versions", queryset=StandardVersion.objects.select_related("recorded_by"))
        )
    )
    for standard in found:
        versions = list(standard.versions.all())
        standard.current = versions[0] if versions else None
        standard.superseded = versions[1:]
    return found


def standard_get(treff: Treff, pk: int) -> QualityStandard:
    """One standard with current/superseded as in standards(); DoesNotExist if not found."""
    for standard in standards(treff):
        if standard.pk == pk:
            return standard
    raise QualityStandard.DoesNotExist


def documents(treff: Treff) -> list[TreffDocument]:
    """The Treff's documents, each with `latest` (its highest version) and `versions`."""
    found = list(
        TreffDocument.objects.filter(treff=treff).prefetch_related(
            Prefetch(
                "versions",
                queryset=DocumentVersion.objects.select_related("uploaded_by", "acknowledged_by"),
            )
        )
    )
    for document in found:
        versions = list(document.versions.all())
        document.latest = versions[0] if versions else None
    return found


def document_get(treff: Treff, pk: int) -> TreffDocument:
    for document in documents(treff):
        if document.pk == pk:
            return document
    raise TreffDocument.DoesNotExist


def document_version_get(treff: Treff, document_pk: int, pk: int) -> DocumentVersion:
    return DocumentVersion.objects.select_related("document").get(
        document__treff=treff, document_id=document_pk, pk=pk
    )
