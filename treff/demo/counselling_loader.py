"""About three months of counselling in both Treffs: 6–15 contacts a week each, mostly
anonymous, a few named clients with consent, referrals to the partner directory, follow-ups
due around today and a handful of short, harmless notes.

Deterministic (a fixed random seed per Treff) and idempotent (a Treff that already has
contacts is left alone). Partner services come from the partners loader, which runs first;
without any, the contacts simply have no referrals.
"""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django_scopes import scopes_disabled

from treff.counselling.models import (
    Client,
    ConsentScope,
    Contact,
    ContactTopic,
    Note,
    Topic,
)
from treff.partners.models import Category, PartnerService
from treff.treffs.models import Treff

DAYS = 91
# Who documents in each Treff: the visiting counsellor "beratung" works in Franztreff.
COUNSELLORS = {"franztreff": ["beratung", "franztreff"], "rosseltreff": ["rosseltreff"]}
# Two names as the clients write them (Cyrillic, Arabic), so lists show other scripts.
CLIENTS = {
    "franztreff": [
        ("Renate Krüger", "0340 2161733", 1958),
        ("Оксана Мельник", "0157 32145678", 1987),
        ("Dieter Hahn", "", 1964),
        ("ياسمين حداد", "0176 99887766", 1992),
        ("Marco Lehmann", "", None),
    ],
    "rosseltreff": [
        ("Gisela Conrad", "034901 62214", 1949),
        ("Sergej Wolf", "", 1975),
        ("Tanja Engel", "0151 11223344", 1983),
    ],
}
# How often each topic comes up (Bürgergeld, rent and debts lead in both Treffs).
TOPIC_WEIGHTS = {
    Topic.BENEFITS: 26,
    Topic.HOUSING: 18,
    Topic.DEBT: 14,
    Topic.AUTHORITIES: 12,
    Topic.HEALTH: 8,
    Topic.FAMILY: 7,
    Topic.WORK: 6,
    Topic.MIGRATION: 5,
    Topic.CRISIS: 2,
    Topic.OTHER: 2,
}
LANGUAGE_WEIGHTS = {"de": 72, "uk": 10, "ar": 7, "ru": 6, "tr": 3, "en": 2}
TOPIC_CATEGORY = {
    Topic.BENEFITS: Category.SOCIAL_BENEFITS,
    Topic.HOUSING: Category.HOUSING,
    Topic.DEBT: Category.DEBT,
    Topic.HEALTH: Category.HEALTH,
    Topic.FAMILY: Category.FAMILY,
    Topic.WORK: Category.WORK,
    Topic.MIGRATION: Category.MIGRATION,
    Topic.AUTHORITIES: Category.AUTHORITY,
    Topic.CRISIS: Category.CRISIS,
    Topic.OTHER: Category.OTHER,
}
NOTES = [
    "Bescheid vom Jobcenter mitgebracht, Widerspruchsfrist notiert; nächstes Mal Unterlagen.",
    "Nebenkostenabrechnung gemeinsam durchgesehen; Ratenzahlung beim Versorger anfragen.",
    "Antrag auf Wohngeld vorbereitet, fehlende Verdienstbescheinigung wird nachgereicht.",
    "Termin bei der Schuldnerberatung vereinbart, Kontoauszüge der letzten drei Monate mitnehmen.",
    "Formular zur Kita-Anmeldung ausgefüllt; Rückmeldung der Stadt abwarten.",
    "Wünscht Begleitung zur Behörde, Ehrenamt fragen.",
    "Sprachkurs-Anmeldung besprochen, Flyer mitgegeben.",
]


@transaction.atomic
def demo_counselling_load(today: dt.date) -> int:
    """Create the counselling history up to `today`; returns how many contacts it created."""
    created = 0
    with scopes_disabled():
        partners = list(PartnerService.objects.filter(active=True).order_by("pk"))
        users = {user.username: user for user in get_user_model().objects.all()}
        for slug, usernames in COUNSELLORS.items():
            treff = Treff.objects.filter(slug=slug).first()
            counsellors = [users[name] for name in usernames if name in users]
            if treff is None or not counsellors:
                continue
            if Contact.objects.filter(treff=treff).exists():
                continue  # loaded before: a second run changes nothing
            created += _load_treff(treff, counsellors, partners, today, random.Random(slug))
    return created


def _load_treff(treff, counsellors, partners, today, rng) -> int:
    start = today - dt.timedelta(days=DAYS)
    clients = []
    for number, (name, phone, birth_year) in enumerate(CLIENTS[treff.slug]):
        author = counsellors[number % len(counsellors)]
        client = Client.objects.create(
            treff=treff,
            name=name,
            phone=phone,
            birth_year=birth_year,
            consent_on=start + dt.timedelta(days=rng.randint(0, 50)),
            consent_scope=rng.choice([ConsentScope.CONTACT, ConsentScope.REFERRAL]),
            created_by=author,
        )
        clients.append(client)

    topics = list(TOPIC_WEIGHTS)
    languages = list(LANGUAGE_WEIGHTS)
    contacts, chosen = [], []
    day = start
    while day <= today:
        if day.weekday() < 5:  # the Treffs counsel on weekdays
            for _ in range(rng.choice([1, 1, 2, 2, 2, 3])):
                contact_topics = set(rng.choices(topics, weights=TOPIC_WEIGHTS.values(), k=2))
                if rng.random() < 0.55:
                    contact_topics = {next(iter(sorted(contact_topics)))}
                language = rng.choices(languages, weights=LANGUAGE_WEIGHTS.values())[0]
                named = [c for c in clients if c.consent_on <= day]
                client = rng.choice(named) if named and rng.random() < 0.15 else None
                referral = _referral(rng, partners, contact_topics)
                follow_up = None
                if rng.random() < 0.12:
                    follow_up = day + dt.timedelta(days=rng.randint(7, 21))
                contacts.append(
                    Contact(
                        treff=treff,
                        date=day,
                        counsellor=rng.choice(counsellors),
                        minutes=rng.choice([15, 20, 30, 30, 45, 45, 60, 90]),
                        language=language,
                        client=client,
                        referral=referral,
                        follow_up_on=follow_up,
                        # Older follow-ups are mostly done; the recent ones are still open.
                        follow_up_done=bool(follow_up and follow_up < today and rng.random() < 0.8),
                    )
                )
                chosen.append(contact_topics)
        day += dt.timedelta(days=1)

    # A few follow-ups due around today, so the coordinator's day has something to show.
    recent = [
        c
        for c in contacts
        if today - dt.timedelta(days=14) <= c.date <= today - dt.timedelta(days=3)
    ]
    for offset, contact in zip(
        (-1, 0, 0, 2), rng.sample(recent, min(4, len(recent))), strict=False
    ):
        contact.follow_up_on, contact.follow_up_done = today + dt.timedelta(days=offset), False

    Contact.objects.bulk_create(contacts)
    ContactTopic.objects.bulk_create(
        ContactTopic(contact=contact, topic=topic)
        for contact, contact_topics in zip(contacts, chosen, strict=True)
        for topic in sorted(contact_topics)
    )
    # Short notes without sensitive details, mostly on named contacts.
    with_notes = [c for c in contacts if c.client_id] + rng.sample(contacts, 3)
    for contact, text in zip(with_notes, rng.sample(NOTES, 5), strict=False):
        Note.objects.create(treff=treff, contact=contact, author=contact.counsellor, text=text)
    return len(contacts)


def _referral(rng, partners, topics):
    if not partners or rng.random() >= 0.18:
        return None
    matching = [p for p in partners if p.category in {TOPIC_CATEGORY[t] for t in topics}]
    return rng.choice(matching or partners)
