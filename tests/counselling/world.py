"""Counselling objects on top of the shared `world` (tests/conftest.py).

`build_counselling(world)` can be called from any fixture (also the access matrix's):
Franztreff gets a second counsellor, a named client record created by the counsellor, a
contact of the counsellor with that client (referral, follow-up, the counsellor's and the
coordinator's notes), and an anonymous contact of the second counsellor with a note;
Rosseltreff gets a contact and a client record of its coordinator (the outsider).
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django_scopes import scopes_disabled

from treff.counselling import services
from treff.counselling.models import Client, Contact, Note
from treff.partners.models import PartnerService
from treff.treffs.models import Role

from ..factories import MembershipFactory

COUNSELLOR_NOTE = "Mahnung vom Stromversorger zum nächsten Termin mitbringen."
COORDINATOR_NOTE = "Termin bei der Schuldnerberatung ist vereinbart."
SECOND_NOTE = "Fragt nach Wohngeld, kommt mit Bescheid wieder."
CLIENT_NAME = "Frau Weber"


@dataclass
class CounsellingObjects:
    counsellor2: object  # a second visiting counsellor of Franztreff
    service: PartnerService
    closed_service: PartnerService  # inactive: no new referrals
    client: Client  # Franztreff, created by the counsellor, with consent
    contact: Contact  # by the counsellor, for the client
    note: Note  # the counsellor's note on `contact`
    coordinator_note: Note  # the coordinator's note on `contact`
    anonymous_contact: Contact  # by counsellor2, no client
    second_note: Note  # counsellor2's note on `anonymous_contact`
    other_client: Client  # Rosseltreff
    other_contact: Contact  # Rosseltreff, by the outsider (its coordinator)


def build_counselling(world) -> CounsellingObjects:
    today = timezone.localdate()
    counsellor = world.users["counsellor"]
    coordinator = world.users["coordinator"]
    outsider = world.users["outsider"]
    with scopes_disabled():
        counsellor2 = MembershipFactory(
            user__username="counsellor2", role=Role.COUNSELLOR, treff=world.franztreff
        ).user
        service = PartnerService.objects.create(name="Schuldnerberatung DRK", category="debt")
        closed_service = PartnerService.objects.create(
            name="Alte Beratungsstelle", category="housing", active=False
        )
        client = services.client_save(
            client=Client(
                name=CLIENT_NAME,
                phone="0340 123456",
                birth_year=1961,
                consent_on=today - dt.timedelta(days=30),
                consent_scope="referral",
            ),
            treff=world.franztreff,
            user=counsellor,
        )
        contact = services.contact_save(
            contact=Contact(
                date=today - dt.timedelta(days=7),
                minutes=45,
                client=client,
                referral=service,
                follow_up_on=today - dt.timedelta(days=1),
            ),
            topics=["debt", "benefits"],
            note=COUNSELLOR_NOTE,
            treff=world.franztreff,
            user=counsellor,
        )
        coordinator_note = services.note_save(
            note=Note(contact=contact, text=COORDINATOR_NOTE), user=coordinator
        )
        anonymous_contact = services.contact_save(
            contact=Contact(date=today - dt.timedelta(days=2), minutes=20, language="uk"),
            topics=["housing"],
            note=SECOND_NOTE,
            treff=world.franztreff,
            user=counsellor2,
        )
        other_client = services.client_save(
            client=Client(name="Herr Roß", consent_on=today, consent_scope="contact"),
            treff=world.rosseltreff,
            user=outsider,
        )
        other_contact = services.contact_save(
            contact=Contact(date=today, minutes=30, client=other_client),
            topics=["work"],
            treff=world.rosseltreff,
            user=outsider,
        )
        note = Note.objects.get(contact=contact, author=counsellor)
        second_note = Note.objects.get(contact=anonymous_contact)
    return CounsellingObjects(
        counsellor2,
        service,
        closed_service,
        client,
        contact,
        note,
        coordinator_note,
        anonymous_contact,
        second_note,
        other_client,
        other_contact,
    )
