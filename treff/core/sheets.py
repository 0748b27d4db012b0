"""Reading the spreadsheets people keep: CSV (any of ; , tab; UTF-8 or Windows-1252) and XLSX,
through tablib, into rows of named columns.

`read_table(filename, content, columns)` finds each wanted column by one of its header names
(case, spaces, umlauts and a trailing unit do not matter), and returns the data rows as
(row number as the file counts it, {column: raw value}); blank rows are left out. Errors are
ValidationErrors in the user's language that name the problem, never a traceback.
"""

import csv
import io
import re
from collections.abc import Mapping

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

XLSX_MAGIC = b"PK\x03\x04"


def header_key(text) -> str:
    """A header as compared: lower case, ä→ae…, no BOM, no punctuation or unit in brackets."""
    text = str(text or "").replace("\ufeff", "").casefold().replace("ß", "ss")
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        text = text.replace(umlaut, plain)
    text = re.sub(r"\(.*?\)", " ", text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def decode(content: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without Excel's BOM), else Windows-1252, the
    encoding of German Excel's "CSV (Trennzeichen-getrennt)"."""
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _dataset(filename: str, content: bytes) -> tablib.Dataset:
    if content.startswith(XLSX_MAGIC) or filename.lower().endswith(".xlsx"):
        try:
            return tablib.Dataset().load(io.BytesIO(content), format="xlsx")
        except Exception:  # a damaged workbook fails anywhere in zipfile, zlib or XML
            raise ValidationError(_("The file is not a readable XLSX workbook.")) from None
    text = decode(content)
    first = text.split("\n", 1)[0]
    # The header has no quoted separators: its most frequent one is the file's.
    delimiter = max(";,\t", key=first.count)
    try:
        return tablib.Dataset().load(text, format="csv", delimiter=delimiter)
    except (csv.Error, tablib.InvalidDimensions):
        raise ValidationError(
            _("The file is not a readable CSV file: every row needs as many columns as the first.")
        ) from None


def read_table(
    filename: str,
    content: bytes,
    columns: Mapping[str, set[str]],
    *,
    required: Mapping[str, str],
    max_rows: int,
) -> list[tuple[int, dict]]:
    """The data rows of a CSV or XLSX file as [(row number, {column: value or None})].

    columns: {column: header names, as `header_key` gives them}; required: {column: its
    label for the message when no header names it}. Raises ValidationError for an empty or
    unreadable file, a missing required column, or more than `max_rows` data rows.
    """
    data = _dataset(filename, content)
    if not data.headers:
        raise ValidationError(_("The file is empty."))
    keys = [header_key(cell) for cell in data.headers]
    found: dict[str, int] = {}
    for column, names in columns.items():
        for index, key in enumerate(keys):
            if key in names and column not in found:
                found[column] = index
    missing = [label for column, label in required.items() if column not in found]
    if missing:
        raise ValidationError(
            _("The first row names no column for: %(fields)s.") % {"fields": ", ".join(missing)}
        )
    rows = []
    for number, row in enumerate(data, 2):
        values = {column: row[index] for column, index in found.items()}
        values = {c: (None if v is None or str(v).strip() == "" else v) for c, v in values.items()}
        if all(value is None for value in values.values()):
            continue
        if len(rows) == max_rows:
            raise ValidationError(
                _("The file has more than %(n)d rows; please split it.") % {"n": max_rows}
            )
        rows.append((number, values))
    return rows


def decimal_number(value) -> float:
    """A number from a cell: 51,8345 or 51.8345 or an XLSX number. ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace("\xa0", "").replace(" ", "")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    return float(text)
