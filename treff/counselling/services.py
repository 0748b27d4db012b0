"""Writes for counselling documentation: contacts, notes, client records, erasure, retention.

Every write is atomic and validated with full_clean; every read or change of a named client
record writes an event of the audit trail (treff.audit: the record's id, never a name or a
note's text) in the same transaction, so there is no change without its trace. Creating,
changing and deleting the record itself is also seen by the trail's own signals
(audit.tracking, with the field names). Log lines name ids only.
"""

import datetime as dt
import logging

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from treff.audit.models import AuditEvent
from treff.audit.services import record

from .models import Client, Contact, ContactTopic, Note, Topic

logger = logging.getLogger(__name__)


class Action:
    """What happened to a client record, as kinds of the audit trail."""

    CREATED = AuditEvent.Kind.CREATED
    VIEWED = AuditEvent.Kind.READ
    CHANGED = AuditEvent.Kind.CHANGED
    CONTACT_ADDED = AuditEvent.Kind.CONTACT_ADDED
    CONTACT_CHANGED = AuditEvent.Kind.CONTACT_CHANGED
    NOTE_ADDED = AuditEvent.Kind.NOTE_ADDED
    EXPORTED = AuditEvent.Kind.EXPORTED
    WITHDRAWN = AuditEvent.Kind.WITHDRAWN
    ERASED = AuditEvent.Kind.ERASED
    EXPIRED = AuditEvent.Kind.EXPIRED
    DENIED = AuditEvent.Kind.DENIED


def audit(*, client_id: int, treff_id: int, action: str, user=None) -> AuditEvent:
    """One audit event about one client record: the kind, the record's type and id (a plain
    number: it survives erasure), its Treff; who is `user` (None: the request's user, if
    any — the retention job has none), from where the request being answered."""
    # An unsaved record carrying the id: the record may be gone already (erasure).
    return record(action, user=user, treff_id=treff_id, obj=Client(pk=client_id))


@transaction.atomic
def contact_save(
    *, contact: Contact, topics: list[str], note: str = "", treff=None, user
) -> Contact:
    """Save a new or changed contact with its topics and, optionally, a first note."""
    created = contact.pk is None
    if treff is not None:
        contact.treff = treff
    if created:
        contact.counsellor = user
    topics = sorted(set(topics))
    if not topics:
        raise ValidationError({"topics": _("Choose at least one topic.")})
    if set(topics) - set(Topic.values):
        raise ValidationError({"topics": _("Choose topics from the list.")})
    previous_referral, previous_client = (
        (None, None)
        if created
        else Contact.objects.filter(pk=contact.pk).values_list("referral_id", "client_id")[0]
    )
    # A partner that closed cannot be chosen any more, but old contacts keep their referral.
    changed_referral = contact.referral_id and contact.referral_id != previous_referral
    if changed_referral and not contact.referral.active:
        raise ValidationError({"referral": _("This partner service is no longer active.")})
    contact.full_clean()
    contact.save()
    ContactTopic.objects.filter(contact=contact).exclude(topic__in=topics).delete()
    existing = set(contact.topic_rows.values_list("topic", flat=True))
    ContactTopic.objects.bulk_create(
        ContactTopic(contact=contact, topic=topic) for topic in topics if topic not in existing
    )
    # Both records, when a contact moves from one to another (or becomes anonymous).
    for client_id in sorted({contact.client_id, previous_client} - {None}):
        audit(
            client_id=client_id,
            treff_id=contact.treff_id,
            action=Action.CONTACT_ADDED if created else Action.CONTACT_CHANGED,
            user=user,
        )
    if note.strip():
        note_save(note=Note(contact=contact, text=note), user=user)
    logger.info(
        "counselling contact %s: contact=%s by user=%s",
        "created" if created else "changed",
        contact.pk,
        user.pk,
    )
    return contact


@transaction.atomic
def follow_up_done(*, contact: Contact, user) -> Contact:
    Contact.objects.filter(pk=contact.pk).update(follow_up_done=True)
    contact.follow_up_done = True
    logger.info("counselling follow-up done: contact=%s by user=%s", contact.pk, user.pk)
    return contact


@transaction.atomic
def note_save(*, note: Note, user) -> Note:
    created = note.pk is None
    if created:
        note.author = user
        note.treff_id = note.contact.treff_id
    note.full_clean()
    note.save()
    if created and note.contact.client_id:
        audit(
            client_id=note.contact.client_id,
            treff_id=note.treff_id,
            action=Action.NOTE_ADDED,
            user=user,
        )
    logger.info("counselling note saved: note=%s by user=%s", note.pk, user.pk)
    return note


@transaction.atomic
def note_delete(*, note: Note, user) -> None:
    pk = note.pk
    note.delete()
    logger.info("counselling note deleted: note=%s by user=%s", pk, user.pk)


@transaction.atomic
def client_save(*, client: Client, treff=None, user) -> Client:
    created = client.pk is None
    if treff is not None:
        client.treff = treff
    if created:
        client.created_by = user
    client.full_clean()
    client.save()  # the audit trail's signals record "created" or "changed" (field names)
    logger.info("counselling client saved: client=%s by user=%s", client.pk, user.pk)
    return client


def client_viewed(*, client: Client, user, action: str = Action.VIEWED) -> None:
    """Record a read of a named record (detail page, export)."""
    audit(client_id=client.pk, treff_id=client.treff_id, action=action, user=user)


def _anonymise(client: Client) -> int:
    """Delete the record and every note about the person; the contacts stay, anonymous,
    so the counts by month, topic and referral do not change. Returns the record's id."""
    pk = client.pk
    Note.objects.filter(contact__client=client).delete()
    # had_record: the statistics keep counting these contacts as named (selectors.NAMED).
    Contact.objects.filter(client=client).update(client=None, had_record=True)
    client.delete()
    return pk


@transaction.atomic
def client_erase(*, client: Client, user, action: str = Action.ERASED) -> int:
    """Erasure (Art. 17 GDPR), or the same after the consent was withdrawn."""
    treff_id = client.treff_id
    pk = _anonymise(client)
    audit(client_id=pk, treff_id=treff_id, action=action, user=user)
    logger.info("counselling client anonymised (%s): client=%s by user=%s", action, pk, user.pk)
    return pk


def client_withdraw_consent(*, client: Client, user) -> int:
    # Without consent there is no ground to keep the name: withdrawal is erasure.
    return client_erase(client=client, user=user, action=Action.WITHDRAWN)


def retention_months() -> int:
    """How long a record without contact is kept; set per installation."""
    return settings.TREFF_COUNSELLING_RETENTION_MONTHS


def retention_cutoff(today: dt.date, months: int) -> dt.date:
    return today - relativedelta(months=months)


def clients_expired(*, today: dt.date, months: int) -> list[Client]:
    """Records whose last contact (or creation, without contacts) lies before the cutoff.

    Runs in whatever scope the caller opened (the command opens none: every Treff)."""
    cutoff = retention_cutoff(today, months)
    # Without contacts, the creation counts: created before local midnight of the cutoff day.
    created_before = timezone.make_aware(dt.datetime.combine(cutoff, dt.time()))
    return list(
        Client.objects.annotate(last_contact=Max("contacts__date"))
        .filter(
            Q(last_contact__lt=cutoff) | Q(last_contact__isnull=True, created_at__lt=created_before)
        )
        .order_by("pk")
    )


@transaction.atomic
def clients_anonymise_expired(*, today: dt.date, months: int, dry_run: bool = False) -> int:
    """The nightly retention job: anonymise every expired record; returns how many."""
    if months < 1:
        raise ValueError("The retention period must be at least one month.")
    expired = clients_expired(today=today, months=months)
    if dry_run:
        return len(expired)
    for client in expired:
        treff_id = client.treff_id
        pk = _anonymise(client)
        audit(client_id=pk, treff_id=treff_id, action=Action.EXPIRED)
        logger.info("counselling client anonymised (retention): client=%s", pk)
    return len(expired)


def retention_run(*, now: dt.datetime) -> int:
    """The client records' rule of the deletion concept for the nightly job: anonymise the
    records past TREFF_COUNSELLING_RETENTION_MONTHS on the local day of `now`."""
    return clients_anonymise_expired(today=timezone.localdate(now), months=retention_months())
