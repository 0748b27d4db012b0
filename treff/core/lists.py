"""A list page's rows as a CSV or XLSX download (issue 17, item 4).

Spreadsheets read a cell that begins with "=", "+", "-", "@" (or a tab or carriage return)
as a formula, so a volunteer named "=HYPERLINK(…)" would become a live link in the
coordinator's Excel (OWASP "CSV injection"). In CSV such a text gets a leading apostrophe,
which Excel and LibreOffice show as plain text; in XLSX every text is stored as a text cell
(core.xlsx.append_row), which no spreadsheet evaluates. Numbers and dates stay numbers and
dates.

CSV is what German spreadsheets open with a double click: UTF-8 with a byte-order mark,
";" between fields, CRLF line ends.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404, HttpResponse
from django.utils import formats
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font

from .xlsx import append_row

FORMATS = ("csv", "xlsx")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Dates in the workbook as the pages show them (Excel's own codes, not strftime).
DATE_FORMAT = "DD.MM.YYYY"

Cell = str | int | Decimal | dt.date | None


@dataclass(frozen=True)
class Table:
    """`headers` and `rows` of one list; `name` is the file's name without extension and
    the sheet's title (ASCII letters, digits and hyphens)."""

    name: str
    headers: list[str]
    rows: list[list[Cell]]


def file_name(*parts: str) -> str:
    """ASCII name for a download from words in any language: German umlauts as ae, oe,
    ue and ß as ss (as Germans write them without umlauts), then Django's slugify."""
    text = " ".join(str(part) for part in parts)
    for letter, plain in (
        ("ä", "ae"),
        ("ö", "oe"),
        ("ü", "ue"),
        ("Ä", "Ae"),
        ("Ö", "Oe"),
        ("Ü", "Ue"),
        ("ß", "ss"),
    ):
        text = text.replace(letter, plain)
    return slugify(text) or "list"


def neutralised(value: str) -> str:
    """`value` as a CSV cell no spreadsheet reads as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, int | Decimal):
        # The active language's decimal separator (a comma in German), no thousands mark.
        return formats.number_format(value, use_l10n=True)
    return neutralised(str(value))


def as_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralised(str(header)) for header in table.headers])
    for row in table.rows:
        writer.writerow([_csv_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(table: Table) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.name[:31]
    append_row(sheet, [str(header) for header in table.headers], font=Font(bold=True))
    for row in table.rows:
        number = append_row(sheet, [str(v) if not isinstance(v, Cell) else v for v in row])
        for cell in sheet[number]:
            if isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"
    for column, header in zip(sheet.columns, table.headers, strict=False):
        width = max([len(str(header)), *(len(str(c.value or "")) for c in column)])
        sheet.column_dimensions[column[0].column_letter].width = min(60, width + 2)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(table: Table, fmt: str) -> HttpResponse:
    """The table as a file to download; an unknown `fmt` is a 404 (the address is wrong)."""
    if fmt not in FORMATS:
        raise Http404
    if fmt == "csv":
        response = HttpResponse(as_csv(table), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(as_xlsx(table), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{table.name}.{fmt}"'
    return response
