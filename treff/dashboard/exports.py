"""The year in figures as an Excel workbook (XLSX), made by a worker (treff.jobs.files).

One sheet, one row per Treff and month, a column per count — the layout a spreadsheet's
filters and pivot tables read best — and a row with each Treff's year. Counts only, like the
page (figures.py): nothing here can name a person.
"""

import io

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from treff.core.xlsx import append_row

from .figures import figures_treffs, year_figures

COUNTS = ("visitors", "lunch_days", "portions", "tafel_kg", "clothes_out", "contacts")


def figures_xlsx(user, params: dict) -> bytes:
    """params: {"year": int, "language": a UI language code}. Runs in `user`'s scope."""
    year = int(params["year"])
    with translation.override(params.get("language")):
        headers = [
            _("Treff"),
            _("Month"),
            _("Visitors"),
            _("Lunch days"),
            _("Portions served"),
            _("Food from the Tafel (kg)"),
            _("Clothes handed out"),
            _("Counselling contacts"),
        ]
        year_label = _("Year")
        title = _("Figures %(year)s") % {"year": year}
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]  # Excel's limit for a sheet name
    append_row(sheet, headers, font=Font(bold=True))
    for table in year_figures(figures_treffs(user), year):
        for row in table.months:
            number = append_row(sheet, [table.treff.name, row.month, *_counts(row)])
            sheet.cell(row=number, column=2).number_format = "MM.YYYY"
        append_row(
            sheet, [table.treff.name, year_label, *_counts(table.total)], font=Font(bold=True)
        )
    sheet.freeze_panes = "C2"
    for column, width in zip("ABCDEFGH", (28, 10, 12, 12, 14, 14, 14, 14), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _counts(row) -> list:
    return [
        round(getattr(row, name), 1) if name == "tafel_kg" else getattr(row, name)
        for name in COUNTS
    ]
