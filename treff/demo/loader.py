"""Load the demo data. Idempotent: a second run finds everything in place and changes nothing."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from treff.treffs.models import Membership, OpeningHours, Organisation, Role, Room, Treff

from . import data
from .counselling_loader import demo_counselling_load
from .districts import demo_districts_load
from .funding_loader import demo_funding_load
from .operations_loader import demo_operations_load
from .partner_loader import demo_partners_load
from .plan_loader import demo_plan_load
from .public_loader import demo_public_load
from .quality_loader import demo_quality_load
from .volunteer_loader import demo_volunteers_load


@transaction.atomic
def demo_load() -> dict[str, int]:
    """Create or update the demo. Returns how many rows of each kind it touched."""
    with scopes_disabled():
        city, _ = Organisation.objects.update_or_create(
            name=data.CITY["name"], department=data.CITY["department"], defaults=data.CITY
        )
        carriers = {
            key: Organisation.objects.update_or_create(
                name=values["name"], department="", defaults=values
            )[0]
            for key, values in data.CARRIERS.items()
        }
        partners = {
            key: Organisation.objects.update_or_create(
                name=values["name"],
                department="",
                defaults={**values, "kind": Organisation.Kind.PARTNER, "city": "Dessau-Roßlau"},
            )[0]
            for key, values in data.PARTNERS.items()
        }
        treffs = {slug: _load_treff(slug, values, carriers) for slug, values in data.TREFFS.items()}
        places = {"city": city, **carriers, **treffs}
        for username, (first, last, role, where) in data.USERS.items():
            _load_user(
                username,
                first,
                last,
                role,
                places.get(where),
                partners.get(data.COUNSELLOR_ORGANISATION.get(username, "")),
            )
        admin = _load_superuser()
        demo_districts_load(admin)
        series = demo_plan_load()
        demo_volunteers_load()
        demo_operations_load(timezone.localdate())
        demo_partners_load()
        demo_counselling_load(timezone.localdate())
        demo_quality_load(timezone.localdate())
        demo_funding_load(timezone.localdate())
        demo_public_load()
    return {
        "series": series,
        "organisations": 1 + len(carriers) + len(partners),
        "treffs": len(treffs),
        "users": len(data.USERS) + 1,
    }


def _load_treff(slug, values, carriers) -> Treff:
    values = dict(values)
    rooms = values.pop("rooms")
    hours = values.pop("opening_hours")
    values["carrier"] = carriers[values["carrier"]]
    treff, _ = Treff.objects.update_or_create(slug=slug, defaults=values)
    treff.full_clean()
    for weekday, opens, closes in hours:
        OpeningHours.objects.update_or_create(
            treff=treff, weekday=weekday, defaults={"opens": opens, "closes": closes}
        )
    for name, kind, capacity, equipment in rooms:
        room, _ = Room.objects.update_or_create(
            treff=treff,
            name=name,
            defaults={
                "kind": kind,
                "capacity": capacity,
                "barrier_free": True,
                "equipment": equipment,
            },
        )
        room.full_clean()
    return treff


def _load_user(username, first, last, role, place, organisation):
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
    )
    if created:
        user.set_password(data.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    if role in (Role.CITY_STAFF, Role.CARRIER_ADMIN):
        membership = {"organisation": place, "treff": None}
    elif role == Role.COMMITTEE:
        membership = {"organisation": None, "treff": None}
    else:
        membership = {"treff": place, "organisation": organisation}
    found, _ = Membership.objects.get_or_create(user=user, role=role, **membership)
    found.full_clean()


def _load_superuser():
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username="admin",
        defaults={
            "first_name": "Plattform",
            "last_name": "Betrieb",
            "email": "admin@example.org",
            "is_staff": True,
            "is_superuser": True,
        },
    )
    if created:
        user.set_password(data.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user
