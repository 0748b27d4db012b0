"""Where people live, without online geocoding: the districts of Dessau-Roßlau as data.

Volunteers and help requests are placed either by their district (Stadtteil / Ortsteil) or,
when someone entered them, by the coordinates of their address. Distances are straight lines
on the sphere (haversine); between two districts they run from centre to centre. That is
enough to tell "round the corner" from "the other side of the Elbe", which is all the matcher
needs, and it keeps addresses on our own server: no geocoding service ever sees one.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from types import MappingProxyType

from django.utils.translation import gettext_lazy as _

from treff.core.text import LazyText, lazy_join

# Mean Earth radius (IUGG); the error of a sphere against the ellipsoid is far below the error
# of a district centre.
EARTH_RADIUS_KM = 6371.0088
# Dessau's market square: the reference point for implausible coordinates.
CITY_CENTRE = (51.8353, 12.2457)
# Anything farther from the market square than this is not an address in Dessau-Roßlau (the
# city is about 25 km from Streetz in the north to Haideburg in the south), most often
# latitude and longitude swapped or a typo.
PLAUSIBLE_RADIUS_KM = 30.0


@dataclass(frozen=True, slots=True)
class Point:
    """Coordinates of an address (WGS 84, decimal degrees)."""

    lat: float
    lon: float

    def __post_init__(self) -> None:
        if not (-90.0 <= self.lat <= 90.0 and -180.0 <= self.lon <= 180.0):
            raise ValueError(f"Not a coordinate: {self.lat}, {self.lon}")


@dataclass(frozen=True, slots=True)
class District:
    """A district of the city with its approximate centre. `key` is stable (for storage)."""

    key: str
    name: str
    lat: float
    lon: float

    @property
    def point(self) -> Point:
        return Point(self.lat, self.lon)


# The districts (Stadtteile and Ortsteile) of Dessau-Roßlau, from general knowledge of the
# city's districts (the list the city uses for its statistics); compiled by hand, without any
# online lookup. The coordinates are APPROXIMATE CENTRES of the built-up area, good to within a
# few hundred metres: sufficient for straight-line distances between neighbourhoods, not for
# routing. Correct a centre here if a coordinator knows better; keys must never change,
# because stored rows refer to them.
_DISTRICT_ROWS = (
    # key, name, latitude, longitude
    ("nord", "Innerstädtischer Bereich Nord", 51.8460, 12.2430),
    ("mitte", "Innerstädtischer Bereich Mitte", 51.8345, 12.2455),
    ("sued_innenstadt", "Innerstädtischer Bereich Süd", 51.8250, 12.2450),
    ("ziebigk", "Ziebigk", 51.8540, 12.2200),
    ("siedlung", "Siedlung", 51.8460, 12.2080),
    ("grosskuehnau", "Großkühnau", 51.8440, 12.1700),
    ("kleinkuehnau", "Kleinkühnau", 51.8370, 12.1930),
    ("alten", "Alten", 51.8240, 12.2020),
    ("kochstedt", "Kochstedt", 51.7930, 12.2130),
    ("mosigkau", "Mosigkau", 51.8070, 12.1790),
    ("haideburg", "Haideburg", 51.7870, 12.2470),
    ("toerten", "Törten", 51.8020, 12.2380),
    ("sued", "Süd", 51.8120, 12.2430),
    ("west", "West", 51.8330, 12.2220),
    ("zoberberg", "Zoberberg", 51.8170, 12.2230),
    ("waldersee", "Waldersee", 51.8490, 12.2870),
    ("mildensee", "Mildensee", 51.8330, 12.2960),
    ("kleutsch", "Kleutsch", 51.8050, 12.2740),
    ("sollnitz", "Sollnitz", 51.7880, 12.2960),
    ("rosslau", "Roßlau (Elbe)", 51.8880, 12.2410),
    ("rodleben", "Rodleben", 51.8960, 12.1940),
    ("brambach", "Brambach", 51.8880, 12.1430),
    ("meinsdorf", "Meinsdorf", 51.9080, 12.2760),
    ("muehlstedt", "Mühlstedt", 51.9180, 12.2030),
    ("streetz_natho", "Streetz/Natho", 51.9390, 12.2180),
)

DISTRICTS: MappingProxyType[str, District] = MappingProxyType(
    {key: District(key, name, lat, lon) for key, name, lat, lon in _DISTRICT_ROWS}
)

# Other names people use for the same place; looked up after normalising (see _normal).
_ALIASES = {
    "innenstadt": "mitte",
    "stadtmitte": "mitte",
    "zentrum": "mitte",
    "quartier am leipziger tor": "sued_innenstadt",
    "leipziger tor": "sued_innenstadt",
    "rosslau": "rosslau",
    "streetz": "streetz_natho",
    "natho": "streetz_natho",
    "streetz natho": "streetz_natho",
    "kuehnau": "grosskuehnau",
}


def _normal(text: str) -> str:
    """Case, umlauts, ß, punctuation and a "Dessau-" prefix do not matter in a name."""
    folded = text.casefold().replace("ß", "ss")
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        folded = folded.replace(umlaut, plain)
    folded = re.sub(r"[^a-z0-9]+", " ", folded).strip()
    for prefix in ("dessau ", "stadtteil ", "ortsteil "):
        if folded.startswith(prefix) and len(folded) > len(prefix):
            folded = folded[len(prefix) :]
    return folded


_LOOKUP: dict[str, str] = {}
for _key, _district in DISTRICTS.items():
    _LOOKUP[_normal(_district.name)] = _key
    _LOOKUP[_normal(_key)] = _key
# "Innerstädtischer Bereich Nord" is also written "Innenstadt Nord", "Dessau-Nord" or "Nord".
for _key, _short in (("nord", "nord"), ("mitte", "mitte"), ("sued_innenstadt", "sued")):
    _LOOKUP.setdefault(f"innenstadt {_short}", _key)
_LOOKUP["nord"] = "nord"
_LOOKUP.update(_ALIASES)


class UnknownDistrict(ValueError):
    """A name that is no district of Dessau-Roßlau; `message` says how to fix it."""

    def __init__(self, name: str, suggestions: tuple[str, ...]) -> None:
        self.name = name
        self.suggestions = suggestions
        if suggestions:
            self.message = LazyText(
                _(
                    "“%(name)s” is not a district of Dessau-Roßlau. Did you mean %(suggestions)s? "
                    "Choose the district from the list, or enter the coordinates of the address."
                ),
                name=name,
                suggestions=lazy_join((f"“{s}”" for s in suggestions), " / "),
            )
        else:
            self.message = LazyText(
                _(
                    "“%(name)s” is not a district of Dessau-Roßlau. Choose the district from the "
                    "list (for example “Ziebigk” or “Roßlau (Elbe)”), or enter the coordinates "
                    "of the address."
                ),
                name=name,
            )
        super().__init__(name)

    def __str__(self) -> str:
        return str(self.message)


def district(name: str) -> District:
    """The district called `name` (its display name, key or a common alias).

    Raises UnknownDistrict, with up to three similar names as suggestions, otherwise.
    """
    key = _LOOKUP.get(_normal(name))
    if key is not None:
        return DISTRICTS[key]
    close = difflib.get_close_matches(_normal(name), list(_LOOKUP), n=6, cutoff=0.7)
    suggestions: list[str] = []
    for match in close:
        display = DISTRICTS[_LOOKUP[match]].name
        if display not in suggestions:
            suggestions.append(display)
    raise UnknownDistrict(name, tuple(suggestions[:3]))


def _lat_lon(place: object) -> tuple[float, float]:
    if isinstance(place, Point | District):
        return place.lat, place.lon
    if isinstance(place, tuple) and len(place) == 2:
        return float(place[0]), float(place[1])
    raise TypeError(f"Expected a Point, a District or (lat, lon), got {place!r}")


def distance_km(
    a: Point | District | tuple[float, float], b: Point | District | tuple[float, float]
) -> float:
    """Great-circle distance in kilometres between two coordinates (haversine)."""
    lat1, lon1 = _lat_lon(a)
    lat2, lon2 = _lat_lon(b)
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def resolve(place: Point | District | str) -> Point | District:
    """A place as coordinates or a district; a string is looked up as a district name."""
    if isinstance(place, str):
        return district(place)
    if isinstance(place, Point | District):
        return place
    raise TypeError(f"Expected a Point, a District or a district name, got {place!r}")


def distance_between(a: Point | District | str, b: Point | District | str) -> float:
    """Straight-line kilometres between two places: addresses, districts or district names.

    Where a side is only known by its district, its centre stands in for it, so two people in
    the same district are 0 km apart. Raises UnknownDistrict for a name that is no district.
    """
    return distance_km(resolve(a), resolve(b))


def check_coordinates(lat: float, lon: float) -> LazyText | None:
    """A message if (lat, lon) cannot be an address in Dessau-Roßlau, else None.

    Forms call this before storing coordinates; the usual mistake is latitude and longitude
    swapped, which lands the address in the Mediterranean.
    """
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return LazyText(
            _("Latitude must lie between -90 and 90 and longitude between -180 and 180.")
        )
    if distance_km((lat, lon), CITY_CENTRE) <= PLAUSIBLE_RADIUS_KM:
        return None
    if distance_km((lon, lat), CITY_CENTRE) <= PLAUSIBLE_RADIUS_KM:
        return LazyText(
            _("These coordinates lie outside Dessau-Roßlau; latitude and longitude seem swapped.")
        )
    return LazyText(
        _(
            "These coordinates lie more than %(km)s km from Dessau's centre; enter the "
            "district instead, or check the coordinates (latitude about 51.8, longitude about "
            "12.2)."
        ),
        km=int(PLAUSIBLE_RADIUS_KM),
    )
