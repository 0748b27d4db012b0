"""The demo partner directory. Idempotent: entries are matched by name."""

from treff.partners.models import PartnerService
from treff.treffs.models import Organisation

from . import data
from .partner_data import SERVICES


def demo_partners_load() -> int:
    organisations = {
        key: Organisation.objects.filter(name=values["name"]).first()
        for key, values in data.PARTNERS.items()
    }
    for number, (key, fields) in enumerate(SERVICES.items(), start=1):
        name, category, organisation, street, hours, languages, barrier_free, public, text = fields
        PartnerService.objects.update_or_create(
            name=name,
            defaults={
                "category": category,
                "organisation": organisations.get(organisation),
                "street": street,
                "postal_code": "06844" if street else "",
                "city": "Dessau-Roßlau" if street else "",
                "phone": f"0340 000-2{number:03d}",
                "email": f"{key}@example.org",
                "office_hours": hours,
                "languages": languages,
                "barrier_free": barrier_free,
                "public": public,
                "description": text,
            },
        )
    return len(SERVICES)
