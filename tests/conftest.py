"""Shared fixtures: two Treffs of two carriers, and one user for every role.

Like healthchecks' alice/bob/charlie, every permission test has an outsider: the
coordinator of the *other* Treff, who must see nothing of Franztreff.
"""

from dataclasses import dataclass

import pytest
from django_scopes import scopes_disabled

from treff.treffs.models import Organisation, Role

from .factories import (
    MembershipFactory,
    OrganisationFactory,
    RoomFactory,
    TreffFactory,
    UserFactory,
)


@dataclass
class World:
    city: Organisation
    drk: Organisation
    awo: Organisation
    franztreff: object
    rosseltreff: object
    room: object
    other_room: object
    users: dict


ROLE_USERS = [
    "anonymous",
    "city",
    "carrier",
    "coordinator",
    "counsellor",
    "volunteer",
    "committee",
    "outsider",
    "other_carrier",
    "no_role",
]


@pytest.fixture
def world(db) -> World:
    with scopes_disabled():
        city = OrganisationFactory(name="Stadt", kind=Organisation.Kind.CITY)
        drk = OrganisationFactory(name="DRK")
        awo = OrganisationFactory(name="AWO")
        franztreff = TreffFactory(name="Franztreff", slug="franztreff", carrier=drk)
        rosseltreff = TreffFactory(name="Rosseltreff", slug="rosseltreff", carrier=awo)
        room = RoomFactory(treff=franztreff, name="Gruppenraum")
        other_room = RoomFactory(treff=rosseltreff, name="Garten")
        partner = OrganisationFactory(name="Schuldnerberatung", kind=Organisation.Kind.PARTNER)
        memberships = {
            "city": {"role": Role.CITY_STAFF, "organisation": city, "treff": None},
            "carrier": {"role": Role.CARRIER_ADMIN, "organisation": drk, "treff": None},
            "other_carrier": {"role": Role.CARRIER_ADMIN, "organisation": awo, "treff": None},
            "coordinator": {"role": Role.COORDINATOR, "treff": franztreff},
            "counsellor": {"role": Role.COUNSELLOR, "treff": franztreff, "organisation": partner},
            "volunteer": {"role": Role.VOLUNTEER, "treff": franztreff},
            "committee": {"role": Role.COMMITTEE, "treff": None},
            "outsider": {"role": Role.COORDINATOR, "treff": rosseltreff},
        }
        users = {"anonymous": None, "no_role": UserFactory(username="no_role")}
        for name, membership in memberships.items():
            users[name] = MembershipFactory(user__username=name, **membership).user
    return World(city, drk, awo, franztreff, rosseltreff, room, other_room, users)


@pytest.fixture
def client_for(client, world):
    """A test client logged in as one of the world's users (or anonymous)."""

    def login(name):
        client.logout()
        if world.users[name] is not None:
            client.force_login(world.users[name])
        return client

    return login
