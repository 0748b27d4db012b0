"""Where people live, without online geocoding: a city's districts as data.

Volunteers and help requests are placed either by their district (Stadtteil / Ortsteil) or,
when someone entered them, by the coordinates of their address. Distances are straight lines
on the sphere (haversine); between two districts they run from centre to centre. That is
enough to tell "round the corner" from "the other side of the river", which is all the
matcher needs, and it keeps addresses on our own server: no geocoding service ever sees one.

The districts are the installation's (issue 17): the app builds a `Gazetteer` from its
District rows (treffs.districts) and hands it in; nothing in the engine knows a city.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from django.utils.translation import gettext_lazy as _

from treff.core.text import LazyText, lazy_join

# Mean Earth radius (IUGG); the error of a sphere against the ellipsoid is far below the error
# of a district centre.
EARTH_RADIUS_KM = 6371.0088
# How far beyond its farthest district centre an address may still lie: a district reaches
# past its centre, and an outlying village has farms farther out.
PLAUSIBLE_MARGIN_KM = 10.0


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


def normal(text: str) -> str:
    """A name for lookup: case, umlauts, ß and punctuation do not matter; a leading
    "Stadtteil" / "Ortsteil" neither."""
    folded = text.casefold().replace("ß", "ss")
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        folded = folded.replace(umlaut, plain)
    folded = re.sub(r"[^a-z0-9]+", " ", folded).strip()
    for prefix in ("stadtteil ", "ortsteil ", "stadtbezirk "):
        if folded.startswith(prefix) and len(folded) > len(prefix):
            folded = folded[len(prefix) :]
    return folded


class UnknownDistrict(ValueError):
    """A name that is none of the city's districts; `message` says how to fix it."""

    def __init__(self, name: str, suggestions: tuple[str, ...], examples: tuple[str, ...] = ()):
        self.name = name
        self.suggestions = suggestions
        if suggestions:
            self.message = LazyText(
                _(
                    "“%(name)s” is not a district of the city. Did you mean %(suggestions)s? "
                    "Choose the district from the list, or enter the coordinates of the address."
                ),
                name=name,
                suggestions=lazy_join((f"“{s}”" for s in suggestions), " / "),
            )
        elif examples:
            self.message = LazyText(
                _(
                    "“%(name)s” is not a district of the city. Choose the district from the "
                    "list (for example %(examples)s), or enter the coordinates of the address."
                ),
                name=name,
                examples=lazy_join((f"“{s}”" for s in examples), " / "),
            )
        else:
            self.message = LazyText(
                _(
                    "“%(name)s” is not a district of the city; no districts have been set up "
                    "yet. Enter the coordinates of the address."
                ),
                name=name,
            )
        super().__init__(name)

    def __str__(self) -> str:
        return str(self.message)


class Gazetteer:
    """The districts of one city: lookup by name, key or alias; the area addresses lie in.

    districts: the District rows; aliases: {other name: key}, e.g. {"Innenstadt": "mitte"}
    (looked up after `normal`; an alias "Dessau-Nord" for the district "Nord" also lets
    "Dessau-Ziebigk" find "Ziebigk"). The plausibility area is a circle around the mean of the
    district centres reaching PLAUSIBLE_MARGIN_KM beyond the farthest one. Empty is allowed
    (a city that has not imported its districts): nothing is found, any coordinate passes.
    """

    def __init__(self, districts: Iterable[District], aliases: Mapping[str, str] | None = None):
        by_key = {d.key: d for d in districts}
        self.districts: Mapping[str, District] = MappingProxyType(by_key)
        lookup: dict[str, str] = {}
        for key, found in by_key.items():
            lookup.setdefault(normal(found.name), key)
            lookup.setdefault(normal(key), key)
        own = dict(lookup)  # the districts' own names and keys
        # An alias that is a district's own name after one word ("Dessau-Nord") teaches
        # that word as the city's prefix: "Dessau-Ziebigk" is then found too.
        self._prefixes: set[str] = set()
        for alias, key in (aliases or {}).items():
            if key in by_key:
                folded = normal(alias)
                lookup.setdefault(folded, key)
                first, _space, rest = folded.partition(" ")
                if own.get(rest) == key:
                    self._prefixes.add(first)
        self._lookup = lookup
        if by_key:
            lat = sum(d.lat for d in by_key.values()) / len(by_key)
            lon = sum(d.lon for d in by_key.values()) / len(by_key)
            self.centre: Point | None = Point(lat, lon)
            farthest = max(distance_km(self.centre, d) for d in by_key.values())
            self.radius_km: float | None = farthest + PLAUSIBLE_MARGIN_KM
        else:
            self.centre = None
            self.radius_km = None

    def __len__(self) -> int:
        return len(self.districts)

    def get(self, key: str) -> District | None:
        return self.districts.get(key)

    def choices(self) -> list[tuple[str, str]]:
        """(key, name) sorted by name, for a select."""
        return sorted(((d.key, d.name) for d in self.districts.values()), key=lambda kv: kv[1])

    def district(self, name: str) -> District:
        """The district called `name` (its name, key or an alias; also after the city's name
        where an alias shows it, as "Dessau-Nord" does).

        Raises UnknownDistrict, with up to three similar names as suggestions, otherwise.
        """
        folded = normal(name)
        key = self._lookup.get(folded)
        first, _space, rest = folded.partition(" ")
        if key is None and first in self._prefixes:
            key = self._lookup.get(rest)  # "Dessau-Ziebigk": the city's name first
        if key is not None:
            return self.districts[key]
        close = difflib.get_close_matches(normal(name), list(self._lookup), n=6, cutoff=0.7)
        suggestions: list[str] = []
        for match in close:
            display = self.districts[self._lookup[match]].name
            if display not in suggestions:
                suggestions.append(display)
        examples = tuple(name for _key, name in self.choices()[:2])
        raise UnknownDistrict(name, tuple(suggestions[:3]), examples)

    def resolve(self, place: Point | District | str) -> Point | District:
        """A place as coordinates or a district; a string is looked up as a district name."""
        if isinstance(place, str):
            return self.district(place)
        return resolve(place)

    def distance_between(self, a: Point | District | str, b: Point | District | str) -> float:
        """Straight-line kilometres between two places: addresses, districts or their names.

        Where a side is only known by its district, its centre stands in for it, so two
        people in the same district are 0 km apart. Raises UnknownDistrict for a name that
        is no district.
        """
        return distance_km(self.resolve(a), self.resolve(b))

    def check_coordinates(self, lat: float, lon: float) -> LazyText | None:
        """A message if (lat, lon) cannot be an address in the city, else None.

        Forms call this before storing coordinates; the usual mistake is latitude and
        longitude swapped, which lands the address in another part of the world.
        """
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            return LazyText(
                _("Latitude must lie between -90 and 90 and longitude between -180 and 180.")
            )
        if self.centre is None or distance_km((lat, lon), self.centre) <= self.radius_km:
            return None
        if distance_km((lon, lat), self.centre) <= self.radius_km:
            return LazyText(
                _("These coordinates lie outside the city; latitude and longitude seem swapped.")
            )
        return LazyText(
            _(
                "These coordinates lie more than %(km)s km from the city's centre; enter the "
                "district instead, or check the coordinates (latitude about %(lat)s, longitude "
                "about %(lon)s)."
            ),
            km=round(self.radius_km),
            lat=f"{self.centre.lat:.1f}",
            lon=f"{self.centre.lon:.1f}",
        )


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


def resolve(place: Point | District) -> Point | District:
    """A place as coordinates or a district. A district's name is resolved by the city's
    Gazetteer first (Gazetteer.resolve): the engine knows no city."""
    if isinstance(place, Point | District):
        return place
    raise TypeError(f"Expected a Point or a District (resolve names with a Gazetteer): {place!r}")


def _ring_centroid(ring) -> tuple[float, float, float]:
    """(signed area, lon, lat) of a closed ring of [lon, lat] positions (shoelace formula)."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    area /= 2
    if abs(area) < 1e-15:
        return 0.0, sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    return area, cx / (6 * area), cy / (6 * area)


def centre_of(geometry: Mapping) -> Point | None:
    """A centre for a GeoJSON geometry (RFC 7946): the Point itself, else the area-weighted
    centroid of the outer rings of a Polygon or MultiPolygon (planar in degrees, which at a
    city's size is metres off). None for another or an empty geometry.

    Raises ValueError for positions that are not numbers or not coordinates.
    """
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "Point":
        lon, lat = float(coordinates[0]), float(coordinates[1])
        return Point(lat, lon)
    polygons = [coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else []
    total = sx = sy = 0.0
    for polygon in polygons or ():
        if not polygon or len(polygon[0]) < 3:
            continue
        ring = [(float(p[0]), float(p[1])) for p in polygon[0]]
        area, x, y = _ring_centroid(ring)
        weight = abs(area) or 1e-15
        total, sx, sy = total + weight, sx + x * weight, sy + y * weight
    if not total:
        return None
    return Point(sy / total, sx / total)
