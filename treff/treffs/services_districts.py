"""The city's districts from the city's own file (issue 17, item 1): read, preview, apply.

Two steps, so the platform administrator sees what will change before it does:
`read_districts(filename, content)` turns a CSV/XLSX table or a GeoJSON FeatureCollection
into checked rows (plain dicts, kept in the session for the preview) and `apply_districts(
rows, user)` writes them all or nothing. A district is matched by its key: the same file
twice changes nothing the second time. Districts missing from the file are deleted when no
record uses them, and kept (and listed) when one does, so no volunteer loses their district.

CSV/XLSX columns by German or English header (any order, others ignored): Schlüssel/key
(optional: made from the name), Name/Stadtteil/Ortsteil, Breitengrad/latitude,
Längengrad/longitude, Andere Namen/aliases ("|"-separated). GeoJSON: each Feature's
properties give the name (name, Name, bezeichnung, stadtteil, ortsteil …) and optionally a
key; the centre comes from lat/lon properties, else from the geometry (Point, or the
centroid of a Polygon/MultiPolygon, which is kept as the boundary).
"""

import json
import logging
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from treff.core import sheets
from treff.core.geo import centre_of

from .districts import validate_district
from .models import District

logger = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024  # a city's district boundaries as GeoJSON stay well below
MAX_DISTRICTS = 500
MAX_ERRORS_SHOWN = 30

COLUMNS = {
    "key": {"schluessel", "key", "kennung", "kuerzel", "id", "nr", "nummer", "code"},
    "name": {"name", "stadtteil", "ortsteil", "bezeichnung", "district", "stadtbezirk"},
    "lat": {"breitengrad", "breite", "latitude", "lat", "y"},
    "lon": {"laengengrad", "laenge", "longitude", "lon", "lng", "x"},
    "aliases": {"andere namen", "aliases", "alias", "auch genannt", "weitere namen"},
}
NAME_PROPERTIES = ("name", "bezeichnung", "stadtteil", "ortsteil", "district", "stadtbezirk")
KEY_PROPERTIES = ("key", "schluessel", "kennung", "kuerzel", "code", "nummer", "id")
TEMPLATE_HEADER = ["Schlüssel", "Name", "Breitengrad", "Längengrad", "Andere Namen"]
TEMPLATE_EXAMPLE = ["mitte", "Stadtmitte", "51,8345", "12,2455", "Innenstadt | Zentrum"]


def _labels() -> dict:
    return {
        "key": _("key"),
        "name": _("name"),
        "lat": _("latitude"),
        "lon": _("longitude"),
        "aliases": _("other names"),
        "geometry": _("geometry"),
    }


def _row_error(where: str, column: str, message: str) -> str:
    return _("%(where)s, %(field)s: %(message)s") % {
        "where": where,
        "field": _labels()[column],
        "message": message,
    }


def _key_from(name: str) -> str:
    """A key made from a name as Germans write it without umlauts: "Großkühnau" →
    "grosskuehnau"."""
    folded = name.casefold().replace("ß", "ss")
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        folded = folded.replace(umlaut, plain)
    return slugify(folded)


def _check(where: str, raw: dict, errors: list[str]) -> dict | None:
    """One district from raw values {key?, name, lat, lon, aliases?, boundary?}; errors are
    appended (naming `where` and the field) and None returned."""
    before = len(errors)
    name = str(raw.get("name") or "").strip()
    if not name:
        errors.append(_row_error(where, "name", _("A name is needed.")))
    elif len(name) > 120:
        errors.append(_row_error(where, "name", _("At most 120 characters.")))
    key = str(raw.get("key") or "").strip() or _key_from(name)
    if name and (not key or len(key) > 60 or slugify(key) != key.lower()):
        errors.append(
            _row_error(where, "key", _("Use letters, digits, - and _ (at most 60 characters)."))
        )
    point = {}
    for column, low, high in (("lat", -90, 90), ("lon", -180, 180)):
        value = raw.get(column)
        try:
            number = sheets.decimal_number(value)
            if not low <= number <= high:
                raise ValueError
            point[column] = round(number, 6)
        except (TypeError, ValueError):
            message = (
                _("The centre is missing: give latitude and longitude, or a boundary.")
                if value is None
                else _("“%(value)s” is not a coordinate between %(low)d and %(high)d.")
                % {"value": str(value)[:30], "low": low, "high": high}
            )
            errors.append(_row_error(where, column, message))
    aliases = raw.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [alias.strip() for alias in aliases.split("|")]
    aliases = [str(alias)[:120] for alias in aliases if str(alias).strip()][:20]
    if len(errors) > before:
        return None
    return {
        "key": key,
        "name": name,
        "lat": point["lat"],
        "lon": point["lon"],
        "aliases": aliases,
        "boundary": raw.get("boundary"),
    }


def _table_rows(filename: str, content: bytes) -> list[tuple[str, dict]]:
    rows = sheets.read_table(
        filename,
        content,
        COLUMNS,
        required={"name": _("name")},
        max_rows=MAX_DISTRICTS,
    )
    return [(_("Row %(n)d") % {"n": number}, values) for number, values in rows]


def _property(properties: dict, names) -> object:
    lowered = {sheets.header_key(k): v for k, v in properties.items()}
    return next((lowered[n] for n in names if lowered.get(n) not in (None, "")), None)


def _geojson_rows(content: bytes) -> list[tuple[str, dict]]:
    try:
        data = json.loads(sheets.decode(content))
    except ValueError:
        raise ValidationError(_("The file is not readable GeoJSON.")) from None
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise ValidationError(_("The GeoJSON file holds no FeatureCollection of districts."))
    if len(features) > MAX_DISTRICTS:
        raise ValidationError(
            _("The file has more than %(n)d rows; please split it.") % {"n": MAX_DISTRICTS}
        )
    rows = []
    for number, feature in enumerate(features, 1):
        where = _("District %(n)d") % {"n": number}
        if not isinstance(feature, dict):
            rows.append((where, {}))
            continue
        properties = feature.get("properties") or {}
        geometry = feature.get("geometry") if isinstance(feature.get("geometry"), dict) else None
        name = _property(properties, NAME_PROPERTIES)
        if name:
            where = f"{where} ({str(name)[:60]})"
        raw = {
            "name": name,
            "key": _property(properties, KEY_PROPERTIES),
            "lat": _property(properties, ("lat", "latitude", "breitengrad")),
            "lon": _property(properties, ("lon", "lng", "longitude", "laengengrad")),
            "aliases": _property(properties, ("aliases", "andere namen", "alias")),
        }
        if geometry is not None:
            try:
                centre = centre_of(geometry)
            except (TypeError, ValueError, IndexError, KeyError):
                centre = None
            if centre is not None and raw["lat"] is None and raw["lon"] is None:
                raw["lat"], raw["lon"] = centre.lat, centre.lon
            if geometry.get("type") in ("Polygon", "MultiPolygon"):
                raw["boundary"] = geometry
        rows.append((where, raw))
    return rows


def read_districts(filename: str, content: bytes) -> list[dict]:
    """The districts of a city's file, checked: [{key, name, lat, lon, aliases, boundary}].

    Raises ValidationError listing every problem by row or feature and field (at most
    MAX_ERRORS_SHOWN), including a key or name given twice; nothing is read then.
    """
    if len(content) > MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    text_start = content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    is_geojson = filename.lower().endswith((".geojson", ".json")) or text_start == b"{"
    raw_rows = _geojson_rows(content) if is_geojson else _table_rows(filename, content)
    if not raw_rows:
        raise ValidationError(_("The file holds no districts."))
    errors: list[str] = []
    checked: list[dict] = []
    first_seen: dict[tuple[str, str], str] = {}
    for where, raw in raw_rows:
        row = _check(where, raw, errors)
        if row is None:
            continue
        for column in ("key", "name"):
            value = row[column].casefold()
            if (column, value) in first_seen:
                errors.append(
                    _row_error(
                        where,
                        column,
                        _("“%(value)s” is given twice (also %(other)s).")
                        % {"value": row[column], "other": first_seen[(column, value)]},
                    )
                )
            first_seen.setdefault((column, value), where)
        checked.append(row)
    if errors:
        shown = errors[:MAX_ERRORS_SHOWN]
        if len(errors) > MAX_ERRORS_SHOWN:
            shown.append(_("… and %(n)d more.") % {"n": len(errors) - MAX_ERRORS_SHOWN})
        raise ValidationError(shown)
    return checked


def read_districts_again(rows) -> list[dict]:
    """Rows kept in the session between preview and import, checked once more (a session
    is data from the past): the same shape as read_districts, or ValidationError."""
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise ValidationError(_("Please choose the file again."))
    errors: list[str] = []
    checked = [_check(row.get("name", "?"), row, errors) for row in rows]
    if errors:
        raise ValidationError(errors[:MAX_ERRORS_SHOWN])
    return checked


def keys_in_use() -> set[str]:
    """District keys some record stores: every model field validated by validate_district
    (volunteers, help seekers, applications — found, not imported, so this app depends on
    none of them). Keys only, read across all Treffs: nothing about the people leaves."""
    used: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.fields:
            if validate_district in getattr(field, "validators", ()):
                used |= set(
                    model._base_manager.exclude(**{field.name: ""})
                    .values_list(field.name, flat=True)
                    .distinct()
                )
    return used


def plan(rows: list[dict]) -> dict:
    """What applying `rows` would do: {"added": [...], "changed": [...], "unchanged": n,
    "removed": [names], "kept": [names in use, missing from the file]}."""
    current = {d.key: d for d in District.objects.all()}
    added, changed, unchanged = [], [], 0
    for row in rows:
        existing = current.get(row["key"])
        if existing is None:
            added.append(row["name"])
        elif _differs(existing, row):
            changed.append(row["name"])
        else:
            unchanged += 1
    missing = {key: d.name for key, d in current.items() if key not in {r["key"] for r in rows}}
    used = keys_in_use() if missing else set()
    return {
        "added": added,
        "changed": changed,
        "unchanged": unchanged,
        "removed": sorted(name for key, name in missing.items() if key not in used),
        "kept": sorted(name for key, name in missing.items() if key in used),
    }


def _values(row: dict) -> dict:
    return {
        "name": row["name"],
        "latitude": Decimal(str(row["lat"])).quantize(Decimal("0.000001")),
        "longitude": Decimal(str(row["lon"])).quantize(Decimal("0.000001")),
        "aliases": row["aliases"],
        "boundary": row["boundary"],
    }


def _differs(district: District, row: dict) -> bool:
    return any(getattr(district, field) != value for field, value in _values(row).items())


@transaction.atomic
def apply_districts(rows: list[dict], *, user) -> dict:
    """Write the checked `rows` (read_districts) all or nothing; returns plan(rows) as done.
    `user` is who imported them, for the log (None for the demo and the tests' city).

    Raises ValidationError when a row no longer passes the model's checks (e.g. a name
    another district took meanwhile); nothing is written then.
    """
    outcome = plan(rows)
    keys = {row["key"] for row in rows}
    District.objects.exclude(key__in=keys).exclude(key__in=keys_in_use()).delete()
    current = {d.key: d for d in District.objects.all()}
    # Only what differs is written; renames first, so that a name moving from one key to
    # another is not refused as a twin of its old holder.
    todo = [row for row in rows if row["key"] not in current or _differs(current[row["key"]], row)]
    for row in todo:
        if row["key"] in current and current[row["key"]].name != row["name"]:
            District.objects.filter(key=row["key"]).update(name=f"#{row['key']}#")
    for row in todo:
        district = current.get(row["key"]) or District(key=row["key"])
        for field, value in _values(row).items():
            setattr(district, field, value)
        try:
            district.full_clean()
        except ValidationError as error:
            raise ValidationError(
                [f"{row['name']}: {message}" for message in error.messages]
            ) from None
        district.save()
    logger.info(
        "districts imported: added=%d changed=%d removed=%d kept=%d by user=%s",
        len(outcome["added"]),
        len(outcome["changed"]),
        len(outcome["removed"]),
        len(outcome["kept"]),
        getattr(user, "pk", None),
    )
    return outcome
