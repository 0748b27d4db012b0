"""Writes of quality development. Keyword-only, validated in full, atomic, logged by id.

Each raises ValidationError with a message for the person (never a 500); who wrote a row and
when is stored on the row itself (created_by/at, updated_by/at, uploaded_by/at, …).
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .files import content_type_of, validate_document
from .models import (
    ActionItem,
    DocumentVersion,
    Meeting,
    MeetingDecision,
    MeetingParticipant,
    QualityStandard,
    StandardVersion,
    TreffDocument,
)
from .selectors import owner_choices

logger = logging.getLogger(__name__)

MAX_PARTICIPANTS = 20
MAX_DECISIONS = 30


@transaction.atomic
def meeting_save(*, meeting: Meeting, treff, participants, decisions, user) -> Meeting:
    """Store a meeting with its participants [(role, name)] and decisions [text], replacing
    the ones it had. Blank decisions are left out."""
    meeting.treff = treff
    if meeting.pk is None:
        meeting.created_by = user
    meeting.updated_by = user
    meeting.full_clean()
    decisions = [text.strip() for text in decisions if text and text.strip()]
    if len(participants) > MAX_PARTICIPANTS:
        raise ValidationError(
            _("At most %(n)d participants can be recorded.") % {"n": MAX_PARTICIPANTS}
        )
    if len(decisions) > MAX_DECISIONS:
        raise ValidationError(
            {"decisions": _("At most %(n)d decisions per meeting.") % {"n": MAX_DECISIONS}}
        )
    meeting.save()
    rows = [
        MeetingParticipant(meeting=meeting, role=role, name=name) for role, name in participants
    ]
    rows += [
        MeetingDecision(meeting=meeting, position=number, text=text)
        for number, text in enumerate(decisions, start=1)
    ]
    for row in rows:
        try:
            row.full_clean()
        except ValidationError as error:
            field = "decisions" if isinstance(row, MeetingDecision) else None
            raise ValidationError({field or "__all__": error.messages}) from None
    MeetingParticipant.objects.filter(meeting=meeting).delete()
    MeetingDecision.objects.filter(meeting=meeting).delete()
    MeetingParticipant.objects.bulk_create(r for r in rows if isinstance(r, MeetingParticipant))
    MeetingDecision.objects.bulk_create(r for r in rows if isinstance(r, MeetingDecision))
    logger.info("quality meeting saved: meeting=%s by user=%s", meeting.pk, user.pk)
    return meeting


@transaction.atomic
def action_item_save(*, item: ActionItem, treff, user) -> ActionItem:
    """Store an action item of `treff`. Its owner must be one of owner_choices(treff); a
    status of done records when (done_at), any other status clears it."""
    item.treff = treff
    if item.pk is None:
        item.created_by = user
    item.updated_by = user
    if item.owner_id and not owner_choices(treff).filter(pk=item.owner_id).exists():
        raise ValidationError(
            {"owner": _("The owner must work in this Treff, for its carrier or for the city.")}
        )
    if item.status == ActionItem.Status.DONE:
        item.done_at = item.done_at or timezone.now()
    else:
        item.done_at = None
    item.full_clean()
    item.save()
    logger.info("action item saved: item=%s by user=%s", item.pk, user.pk)
    return item


@transaction.atomic
def action_item_complete(*, item: ActionItem, user) -> ActionItem:
    """Mark an open action item done now; one that is no longer open is refused."""
    if item.status != ActionItem.Status.OPEN:
        raise ValidationError(_("This action item is no longer open."))
    item.status = ActionItem.Status.DONE
    item.done_at = timezone.now()
    item.updated_by = user
    item.full_clean()
    item.save(update_fields=["status", "done_at", "updated_by", "updated_at"])
    logger.info("action item done: item=%s by user=%s", item.pk, user.pk)
    return item


@transaction.atomic
def standard_create(*, standard: QualityStandard, treff, text, agreed_on, user):
    """A new standard with its first version (number 1)."""
    standard.treff = treff
    standard.created_by = user
    standard.full_clean()
    version = StandardVersion(text=text, agreed_on=agreed_on, number=1, recorded_by=user)
    version.full_clean(exclude=["standard"])
    standard.save()
    version.standard = standard
    version.save()
    logger.info("quality standard created: standard=%s by user=%s", standard.pk, user.pk)
    return standard


@transaction.atomic
def standard_revise(*, standard: QualityStandard, text, agreed_on, user) -> StandardVersion:
    """A new version of `standard` that supersedes the others (which are kept). It cannot be
    agreed before the version it supersedes."""
    latest = StandardVersion.objects.filter(standard=standard).order_by("-number").first()
    version = StandardVersion(
        standard=standard,
        text=text,
        agreed_on=agreed_on,
        number=(latest.number + 1) if latest else 1,
        recorded_by=user,
    )
    version.full_clean()
    if latest and agreed_on < latest.agreed_on:
        raise ValidationError(
            {"agreed_on": _("A new version cannot be agreed before the version it replaces.")}
        )
    if latest and text.strip() == latest.text.strip():
        raise ValidationError({"text": _("The text is the same as the current version's.")})
    version.save()
    logger.info(
        "quality standard revised: standard=%s v%s by user=%s", standard.pk, version.number, user.pk
    )
    return version


def _version(document, upload, note, user, number) -> DocumentVersion:
    try:
        validate_document(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.error_list}) from None
    name = (upload.name or "document").rsplit("/", 1)[-1][-200:]
    version = DocumentVersion(
        document=document,
        number=number,
        file=upload,
        filename=name,
        content_type=content_type_of(name),
        size=upload.size,
        note=note,
        uploaded_by=user,
    )
    version.full_clean(exclude=["document"] if document.pk is None else None)
    return version


@transaction.atomic
def document_create(*, document: TreffDocument, treff, upload, note="", user) -> TreffDocument:
    """A new document of `treff` with its first version (the uploaded file)."""
    document.treff = treff
    document.created_by = user
    document.full_clean()
    version = _version(document, upload, note, user, 1)
    document.save()
    version.document = document
    version.save()
    logger.info("treff document created: document=%s by user=%s", document.pk, user.pk)
    return document


@transaction.atomic
def document_version_add(*, document: TreffDocument, upload, note="", user) -> DocumentVersion:
    """A new version of the document; it waits for the city's acknowledgement."""
    # Lock the document row, so two uploads at once cannot both take the same number.
    TreffDocument.objects.select_for_update(of=("self",)).filter(pk=document.pk).first()
    latest = DocumentVersion.objects.filter(document=document).aggregate(n=Max("number"))["n"]
    version = _version(document, upload, note, user, (latest or 0) + 1)
    version.save()
    logger.info("document version added: version=%s by user=%s", version.pk, user.pk)
    return version


@transaction.atomic
def document_version_acknowledge(*, version: DocumentVersion, user) -> DocumentVersion:
    """The city's acknowledgement of one version (§1, §4.3: the carrier submits, the city
    receives); a version acknowledged once stays so."""
    if version.acknowledged_at is not None:
        raise ValidationError(_("This version has already been acknowledged."))
    version.acknowledged_by = user
    version.acknowledged_at = timezone.now()
    version.full_clean()
    version.save(update_fields=["acknowledged_by", "acknowledged_at"])
    logger.info("document version acknowledged: version=%s by user=%s", version.pk, user.pk)
    return version
