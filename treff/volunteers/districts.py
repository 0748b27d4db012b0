"""The districts of Dessau-Roßlau for forms and display; rows store the stable key."""

from .engine.geo import DISTRICTS


def choices() -> list[tuple[str, str]]:
    return sorted(((key, d.name) for key, d in DISTRICTS.items()), key=lambda item: item[1])


def name_of(key: str) -> str:
    district = DISTRICTS.get(key)
    return district.name if district else key
