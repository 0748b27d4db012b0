"""Reads of counselling data. All run inside the request's Treff scope.

The visibility rules of rules.py are repeated here as query filters, so lists never show
what a detail page would refuse: one selector per kind of object, used by every view.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Sum, Value, When
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from treff.audit.models import AuditEvent
from treff.partners.models import Category
from treff.treffs.access import roles_of

from .models import Client, Contact, ContactTopic, Note, Topic

CLIENT_TYPE = Client._meta.label_lower  # how the audit trail names a client record


def contacts_visible_to(user, treff=None) -> QuerySet[Contact]:
    """The contacts the user documented (as a member of the Treff), or all of the Treffs
    they coordinate."""
    roles = roles_of(user)
    contacts = Contact.objects.filter(
        Q(treff_id__in=roles.coordinator_of)
        | Q(treff_id__in=roles.counsellor_of, counsellor_id=user.pk)
    )
    if treff is not None:
        contacts = contacts.filter(treff=treff)
    return contacts.select_related("client", "referral", "counsellor").prefetch_related(
        "topic_rows"
    )


def notes_visible_to(user) -> QuerySet[Note]:
    """The one rule for notes: their author (still a member of the Treff) and the
    Treff's coordinator; nobody else, not even another counsellor of the same Treff."""
    roles = roles_of(user)
    return Note.objects.filter(
        Q(treff_id__in=roles.coordinator_of)
        | Q(treff_id__in=roles.counsellor_of | roles.coordinator_of, author_id=user.pk)
    ).select_related("author")


def clients_visible_to(user, treff=None) -> QuerySet[Client]:
    """All client records of the Treffs the user coordinates; for a counsellor, the
    records they created or documented a contact for."""
    roles = roles_of(user)
    worked_with = Contact.objects.filter(client=OuterRef("pk"), counsellor_id=user.pk)
    clients = Client.objects.filter(
        Q(treff_id__in=roles.coordinator_of)
        | (
            Q(treff_id__in=roles.counsellor_of)
            & (Q(created_by_id=user.pk) | Q(Exists(worked_with)))
        )
    )
    if treff is not None:
        clients = clients.filter(treff=treff)
    return clients


def follow_ups_due(user, day: dt.date) -> QuerySet[Contact]:
    """Open follow-ups up to and including `day` among the contacts the user may see
    (for the coordinator's and the counsellor's day on the dashboard)."""
    return (
        contacts_visible_to(user)
        .filter(follow_up_on__lte=day, follow_up_done=False)
        .select_related("treff")
        .order_by("follow_up_on", "pk")
    )


def contact_filter(contacts, *, month: dt.date | None = None, topic: str = ""):
    if month is not None:
        contacts = contacts.filter(date__year=month.year, date__month=month.month)
    if topic:
        contacts = contacts.filter(topic_rows__topic=topic)
    return contacts


def audit_trail(treff, *, client_id: int | None = None) -> QuerySet[AuditEvent]:
    """The audit trail's events about the Treff's client records (all, or one record's by
    its number, also after erasure), newest first."""
    entries = AuditEvent.objects.filter(treff_id=treff.pk, object_type=CLIENT_TYPE)
    if client_id is not None:
        entries = entries.filter(object_id=str(client_id))
    return entries


def people_named(user_ids) -> dict[int, str]:
    """{user id: full name, else username} of the accounts that still exist."""
    users = get_user_model().objects.filter(pk__in=set(user_ids) - {None})
    return {user.pk: _person(user) for user in users}


def client_export_data(client: Client) -> dict:
    """Everything stored about one person (Art. 15 GDPR): the record, every contact
    with its topics and referral, every note (whoever wrote it) and the audit trail."""
    contacts = client.contacts.select_related("referral", "counsellor").prefetch_related(
        "topic_rows", "notes__author"
    )
    return {
        "record": {
            "number": client.pk,
            "treff": client.treff.name,
            "name": client.name,
            "phone": client.phone,
            "email": client.email,
            "birth_year": client.birth_year,
            "consent_on": client.consent_on.isoformat(),
            "consent_scope": str(client.get_consent_scope_display()),
            "consent_details": client.consent_details,
            "created_at": client.created_at.isoformat(),
        },
        "contacts": [
            {
                "number": contact.pk,
                "date": contact.date.isoformat(),
                "minutes": contact.minutes,
                "topics": [str(label) for label in contact.topic_labels()],
                "language": str(contact.get_language_display()),
                "counsellor": _person(contact.counsellor),
                "referral": (
                    {
                        "service": contact.referral.name,
                        "category": str(contact.referral.get_category_display()),
                    }
                    if contact.referral
                    else None
                ),
                "follow_up_on": contact.follow_up_on.isoformat() if contact.follow_up_on else None,
                "follow_up_done": contact.follow_up_done,
                "notes": [
                    {
                        "written": note.created_at.isoformat(),
                        "author": _person(note.author),
                        "text": note.text,
                    }
                    for note in contact.notes.all()
                ],
            }
            for contact in contacts
        ],
        "audit": _audit_export(client),
    }


def _audit_export(client: Client) -> list[dict]:
    entries = list(audit_trail(client.treff, client_id=client.pk))
    names = people_named(entry.user_id for entry in entries)
    return [
        {
            "when": entry.at.isoformat(),
            "who": names.get(entry.user_id, entry.user_label),
            "action": str(entry.get_kind_display()),
        }
        for entry in entries
    ]


def _person(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


# Statistics ---------------------------------------------------------------------------------


# A contact documented with a client record: one is linked, or was until the record was
# anonymised (Contact.had_record), so erasure and retention leave the counts as they were.
NAMED = Q(client__isnull=False) | Q(had_record=True)


@dataclass
class TreffStatistics:
    """Aggregates of one Treff: no names, no notes, no counsellors."""

    treff: object
    contacts: int = 0
    minutes: int = 0
    named: int = 0  # contacts with a client record (NAMED), as a count only
    by_month: list[tuple[dt.date, int]] = field(default_factory=list)
    # (Topic, count) in the fixed order of Topic, zeros included; a Topic is its str value.
    by_topic: list[tuple[Topic, int]] = field(default_factory=list)
    # (Category, count) for the partner categories referred to at least once.
    referrals_by_category: list[tuple[Category, int]] = field(default_factory=list)


def contact_statistics(treffs, *, first: dt.date, last: dt.date) -> list[TreffStatistics]:
    """Contacts per month and per topic, and referrals per partner category, per Treff.

    Four grouped queries whatever the number of Treffs or contacts; the reports and the
    dashboard read these figures, never the contacts.
    """
    treffs = list(treffs)
    stats = {treff.pk: TreffStatistics(treff) for treff in treffs}
    contacts = Contact.objects.filter(treff_id__in=stats, date__range=(first, last))
    for row in contacts.values("treff_id").annotate(
        n=Count("pk"), total=Sum("minutes"), named=Count("pk", filter=NAMED)
    ):
        entry = stats[row["treff_id"]]
        entry.contacts, entry.minutes, entry.named = row["n"], row["total"] or 0, row["named"]
    for row in (
        contacts.annotate(month=TruncMonth("date"))
        .values("treff_id", "month")
        .annotate(n=Count("pk"))
        .order_by("treff_id", "month")
    ):
        stats[row["treff_id"]].by_month.append((row["month"], row["n"]))
    topics: dict[int, Counter] = {pk: Counter() for pk in stats}
    for row in (
        ContactTopic.objects.filter(contact__in=contacts)
        .values("contact__treff_id", "topic")
        .annotate(n=Count("pk"))
    ):
        topics[row["contact__treff_id"]][row["topic"]] = row["n"]
    categories: dict[int, Counter] = {pk: Counter() for pk in stats}
    for row in (
        contacts.filter(referral__isnull=False)
        .values("treff_id", "referral__category")
        .annotate(n=Count("pk"))
    ):
        categories[row["treff_id"]][row["referral__category"]] = row["n"]
    for pk, entry in stats.items():
        # Every topic and category in their fixed order, zeros included: comparable tables.
        entry.by_topic = [(topic, topics[pk][topic]) for topic in Topic]
        referred = categories[pk]
        entry.referrals_by_category = [
            (category, referred[category]) for category in Category if referred[category]
        ]
    return [stats[treff.pk] for treff in treffs]


# For the reports: one grouped count per table ------------------------------------------------

# The partner categories a referral is counted by, in their fixed order (the reports do not
# import the partners app; they read its categories here).
REFERRAL_CATEGORIES = Category


class Duration(models.TextChoices):
    """Buckets of a contact's length in minutes (both ends included)."""

    SHORT = "15", _("up to 15 minutes")
    MEDIUM = "30", _("16 to 30 minutes")
    LONG = "60", _("31 to 60 minutes")
    LONGER = "more", _("more than 60 minutes")


CONTACT_GROUPS = ("topic", "duration", "language", "named", "referral")


def contacts_by(treff_ids, by: str, *, first: dt.date, last: dt.date) -> dict[tuple[int, str], int]:
    """Counselling contacts from `first` to `last` (both included) per (Treff id, group).

    `by` (one of CONTACT_GROUPS) and its groups:
    - "topic": a Topic value; a contact with several topics counts under each;
    - "duration": a Duration value;
    - "language": a Language value of the conversation;
    - "named": "named" (a client record is linked, or was until it was anonymised: NAMED)
      or "anonymous";
    - "referral": the partner Category of the service referred to; contacts without a
      referral are not counted.
    One grouped query whatever the number of Treffs; counts only. Raises ValueError for
    another `by`.
    """
    contacts = Contact.objects.filter(treff_id__in=treff_ids, date__range=(first, last))
    if by == "topic":
        rows = (
            ContactTopic.objects.filter(contact__in=contacts)
            .values_list("contact__treff_id", "topic")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return {(pk, topic): n for pk, topic, n in rows}
    if by == "duration":
        group = Case(
            When(minutes__lte=15, then=Value(Duration.SHORT.value)),
            When(minutes__lte=30, then=Value(Duration.MEDIUM.value)),
            When(minutes__lte=60, then=Value(Duration.LONG.value)),
            default=Value(Duration.LONGER.value),
        )
    elif by == "language":
        group = F("language")
    elif by == "named":
        group = Case(When(NAMED, then=Value("named")), default=Value("anonymous"))
    elif by == "referral":
        contacts = contacts.filter(referral__isnull=False)
        group = F("referral__category")
    else:
        raise ValueError(f"Contacts cannot be grouped by {by!r}.")
    rows = (
        contacts.annotate(group=group)
        .values_list("treff_id", "group")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(pk, value): n for pk, value, n in rows}


def contacts_by_month(treff_ids, first: dt.date, last: dt.date) -> dict[tuple[int, dt.date], int]:
    """Counselling contacts per (Treff id, first day of the month) from `first` to `last`
    (both included). One grouped query; counts only, for the reports' trends. A month
    without contacts is missing."""
    rows = (
        Contact.objects.filter(treff_id__in=treff_ids, date__range=(first, last))
        .annotate(month=TruncMonth("date"))
        .values("treff_id", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(row["treff_id"], row["month"]): row["n"] for row in rows}
