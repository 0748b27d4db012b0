"""The open-data API's world: plan_world plus what must never show, and what must.

Franztreff gets opening hours (one ending at midnight), a moved date of the Seniorencafé,
and a non-public offer with its own dates; Rosseltreff an offer of its own; a third Treff
is inactive and has a public offer; the partner directory one public and one internal entry.
"""

import datetime as dt

import pytest
from django_scopes import scopes_disabled

from tests.factories import RoomFactory, TreffFactory
from treff.offers import services
from treff.offers.models import Offer, Series, SeriesChange
from treff.partners.models import PartnerService
from treff.treffs.models import OpeningHours


def add_offer(treff, room, user, title, *, public=True, weekday=0, provider=None):
    """A public (or internal) offer with a weekly series at 10–12 in January 2027."""
    offer = services.offer_save(
        offer=Offer(
            title=title, category="information", provider=provider or treff.carrier, public=public
        ),
        treff=treff,
        user=user,
    )
    services.series_save(
        series=Series(
            offer=offer,
            kind="weekly",
            weekdays=[weekday],
            starts_on=dt.date(2027, 1, 4),
            ends_on=dt.date(2027, 1, 31),
            start_time=dt.time(10),
            end_time=dt.time(12),
            room=room,
        ),
        user=user,
    )
    return offer


@pytest.fixture
def api_world(plan_world):
    world = plan_world
    coordinator = world.users["coordinator"]
    with scopes_disabled():
        franz = world.franztreff
        franz.district = "Innenstadt"
        franz.phone = "0340 111111"
        franz.email = "franztreff@example.org"
        franz.website = "https://franztreff.example.org"
        franz.accessibility = ["step_free", "toilet"]
        franz.save()
        OpeningHours.objects.create(treff=franz, weekday=0, opens=dt.time(9), closes=dt.time(16))
        OpeningHours.objects.create(treff=franz, weekday=4, opens=dt.time(20), closes=dt.time(0))
        # The Seniorencafé of 21 January moves to Friday 22 January, 15:00–17:00.
        services.series_change_save(
            change=SeriesChange(
                series=world.plan.series,
                original_date=dt.date(2027, 1, 21),
                new_date=dt.date(2027, 1, 22),
                new_start=dt.time(15),
                new_end=dt.time(17),
                reason="Feiertag",
            ),
            cancel=False,
            user=coordinator,
        )
        world.internal = add_offer(franz, world.room, coordinator, "Teamsitzung", public=False)
        world.rossel_offer = add_offer(
            world.rosseltreff, world.other_room, world.users["outsider"], "Gartenrunde"
        )
        closed = TreffFactory(name="Alttreff", slug="alttreff", carrier=world.awo, active=False)
        world.closed_offer = add_offer(
            closed, RoomFactory(treff=closed, name="Saal"), world.users["outsider"], "Altes Café"
        )
        world.public_partner = PartnerService.objects.create(
            name="Pflegestützpunkt",
            category="health",
            description="Beratung zur Pflege",
            street="Zerbster Straße 4",
            postal_code="06844",
            city="Dessau-Roßlau",
            phone="0340 2040",
            office_hours="Di 9–12",
            languages=["de", "en"],
            barrier_free=True,
            accessibility="Aufzug",
            notes="Intern: Ansprechpartnerin ist krank",
            public=True,
        )
        world.internal_partner = PartnerService.objects.create(
            name="Interne Liste", category="other", public=False
        )
    return world
