"""The districts of Dessau-Roßlau for forms and display; rows store the stable key."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .engine.geo import DISTRICTS


def choices() -> list[tuple[str, str]]:
    return sorted(((key, d.name) for key, d in DISTRICTS.items()), key=lambda item: item[1])


def name_of(key: str) -> str:
    district = DISTRICTS.get(key)
    return district.name if district else key


def validate_district(key: str) -> None:
    """Model validator: only the stable keys of `engine.geo.DISTRICTS` are stored."""
    if key not in DISTRICTS:
        raise ValidationError(
            _("Choose a district of Dessau-Roßlau from the list."), code="unknown_district"
        )
