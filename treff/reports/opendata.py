"""Open data (Fachkonzept §6, issue 13 item 6): a Treff's year as a file the city can publish.

One figure per line, built by `build.build` for one Treff over 1 January to 31 December with
`Audience.PUBLIC`, so the file holds exactly what the public may see: counts of persons from
1 to k−1 and every figure from which they could be worked out are hidden, statistics that
rest on fewer than k persons likewise (engine.publish). Generic over the measure registry:
a measure added to measures/ appears in the file without a change here.

Each figure (`Figure`) is one cell of a report table: every row of a measure and, for counts
and amounts, the Treff's total (row label "Total"). The columns of the CSV, in this order:

    year           the calendar year (2026)
    treff          the Treff's slug, stable across renamings ("franztreff")
    treff_name     the Treff's name
    area           the report area's key (measures.AREAS: "visitors", "help", …)
    measure        the measure's key, stable (measures.REGISTRY: "visitors", "topics", …)
    measure_title  the measure's heading, in the site's language
    row            the row label, in the site's language; "Total" for the Treff's total
    value          the figure (a whole number, or a decimal with a point); empty unless the
                   status is "shown"
    status         "shown"; "< k" (e.g. "< 5": a count from 1 to k−1, or a statistic over
                   fewer than k persons); "secret" (a larger figure hidden so that a small
                   one cannot be worked out from it); "none" (no figure applies, e.g. a
                   median over nobody)

The CSV is UTF-8 *with* a byte-order mark, comma-separated with a decimal point (RFC 4180):
without the mark, Excel on a German Windows opens a CSV as Windows-1252 and "Roßlau" turns
into "RoÃŸlau"; with it, every Excel detects UTF-8, and Python (`utf-8-sig`), LibreOffice and
open-data portals read it as well. Commas and points, not the semicolons and decimal commas
of a German spreadsheet, because the file is for publication and machines; German Excel reads
it correctly through "Daten › Aus Text/CSV". Text cells that a spreadsheet would run as a
formula (=, +, −, @, tab, CR first) get a leading apostrophe (OWASP "CSV injection"): a Treff
called "=HYPERLINK(…)" stays text. The JSON carries the same figures unchanged, with the
metadata (Treff, year, k, the rule, the date made, the licence).

Labels and the rule are written in the site's language (settings.LANGUAGE_CODE), the
language the city publishes in, whoever downloads the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import build
from .engine import Audience, Cell
from .engine.periods import Period

# Datenlizenz Deutschland – Namensnennung – Version 2.0, the licence of GovData and most
# German cities' open data; the city may set another in TREFF_OPEN_DATA_LICENSE.
LICENSE = "dl-de/by-2-0"
LICENSE_URL = "https://www.govdata.de/dl-de/by-2-0"
COLUMNS = (
    "year",
    "treff",
    "treff_name",
    "area",
    "measure",
    "measure_title",
    "row",
    "value",
    "status",
)
SHOWN, SECRET, NONE = "shown", "secret", "none"
# Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Figure:
    """One published figure: `value` is None unless `status` is SHOWN."""

    area: str
    measure: str
    measure_title: str
    row: str
    value: int | Decimal | float | None
    status: str


def license_id() -> str:
    return getattr(settings, "TREFF_OPEN_DATA_LICENSE", LICENSE)


def year_period(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))


def figures(treff, year: int, *, k: int) -> list[Figure]:
    """The Treff's figures for `year` as the public sees them, in the registry's order.

    Runs in the caller's scope and language. Raises engine.InvalidThreshold for k < 2.
    """
    areas = build.build([treff], year_period(year), k=k, audience=Audience.PUBLIC)
    total = _("Total")
    out = []
    for area in areas:
        for section in area.sections:
            title = str(section.title)
            rows = [(label, cells[0]) for label, cells, _total in section.rows]
            if section.additive:
                rows.append((total, section.table.column_totals[0]))
            for label, cell in rows:
                value, status = _shown(cell, k)
                out.append(Figure(area.key, section.key, title, str(label), value, status))
    return out


def _shown(cell: Cell, k: int) -> tuple:
    if cell.hidden:
        return None, (f"< {k}" if cell.reason == "primary" else SECRET)
    if cell.value is None:
        return None, NONE
    return cell.value, SHOWN


def metadata(treff, year: int, *, k: int) -> dict:
    """The file's description: Treff, year, period, k, the rule, the day made, the licence."""
    return {
        "treff": {"slug": treff.slug, "name": treff.name},
        "year": year,
        "period": {"first": f"{year}-01-01", "last": f"{year}-12-31"},
        # The current year is published as far as it goes.
        "complete": year < timezone.localdate().year,
        "k": k,
        "rule": rule_text(k),
        "generated": timezone.localdate().isoformat(),
        "license": {"id": license_id(), "url": LICENSE_URL},
    }


def rule_text(k: int) -> str:
    return _(
        "Counts of persons from 1 to %(below)d are shown as “< %(k)d”, and a share, median "
        "or average that rests on fewer than %(k)d persons likewise; figures marked “secret” "
        "are hidden so that no small count can be worked out from totals. Zero is shown as 0 "
        "(Fachkonzept §6)."
    ) % {"below": k - 1, "k": k}


def as_csv(treff, year: int, *, k: int) -> bytes:
    """The CSV described above (UTF-8 with BOM, RFC 4180)."""
    with translation.override(settings.LANGUAGE_CODE):
        found = figures(treff, year, k=k)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for figure in found:
        writer.writerow(
            [
                year,
                _text(treff.slug),
                _text(treff.name),
                _text(figure.area),
                _text(figure.measure),
                _text(figure.measure_title),
                _text(figure.row),
                "" if figure.value is None else _number(figure.value),
                _text(figure.status),
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_json(treff, year: int, *, k: int) -> bytes:
    """{**metadata(), "figures": [{area, measure, measure_title, row, value, status}]} as
    UTF-8 JSON; a value is a JSON number or null, the other fields as in the CSV."""
    with translation.override(settings.LANGUAGE_CODE):
        found = figures(treff, year, k=k)
        data = metadata(treff, year, k=k)
    data["figures"] = [
        {
            "area": f.area,
            "measure": f.measure,
            "measure_title": f.measure_title,
            "row": f.row,
            "value": _json_number(f.value),
            "status": f.status,
        }
        for f in found
    ]
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def _text(value: str) -> str:
    value = str(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def _number(value) -> str:
    # str() of a Decimal keeps its point and digits ("12.5"), never an exponent for ours.
    return str(value)


def _json_number(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


__all__ = ["COLUMNS", "LICENSE", "Figure", "as_csv", "as_json", "figures", "metadata"]
