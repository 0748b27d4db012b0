"""The proof of use as an Excel workbook (openpyxl), Fachkonzept §5.

Sheet 1, the numerical statement: per cost type approved, actual, difference; income;
eligible spending, balance, refund or amount still due. Amounts are numbers with a euro
number format (a spreadsheet can sum them); every text goes in through core.xlsx.append_row
as a string cell, so nothing that starts with "=" becomes a formula. Sheet 2, the
narrative report, one paragraph per row.
"""

import io

from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from treff.core.xlsx import append_row

from .statement import label

EURO_FORMAT = '#,##0.00 "€";-#,##0.00 "€"'
BOLD = Font(bold=True)


def _money_row(sheet, values, *, bold=False) -> int:
    row = append_row(sheet, values, font=BOLD if bold else None)
    for cell in sheet[row][1:]:
        if not isinstance(cell.value, str) and cell.value is not None:
            cell.number_format = EURO_FORMAT
    return row


def render(document: dict) -> bytes:
    """The workbook's bytes for `document` (as proof_pdf.render), in the active language."""
    data = document["statement"]
    book = Workbook()
    sheet = book.active
    sheet.title = _("Numerical statement")[:31]
    append_row(sheet, [document["title"]], font=Font(bold=True, size=14))
    append_row(sheet, [_("Treff"), document["treff"].name])
    append_row(sheet, [_("Funding year"), document["plan"].year])
    version = document["version"]
    if version is not None:
        append_row(
            sheet,
            [
                _("Submitted"),
                formats.date_format(version.submitted_at, "SHORT_DATETIME_FORMAT"),
            ],
        )
    else:
        append_row(sheet, [_("State"), _("Current draft, not submitted")])
    append_row(sheet, [])
    append_row(sheet, [_("Cost type"), _("Approved"), _("Actual"), _("Difference")], font=BOLD)
    for line in data["lines"]:
        _money_row(
            sheet,
            [
                line["label"],
                line["approved"],
                line["actual"],
                line["difference"],
            ],
        )
    totals = data["totals"]
    _money_row(
        sheet,
        [_("Total"), totals["approved"], totals["actual"], totals["difference"]],
        bold=True,
    )
    append_row(sheet, [])
    append_row(sheet, [_("Income"), _("Amount")], font=BOLD)
    for key in ("grant_paid", "own", "third_party", "total"):
        _money_row(sheet, [label(f"income.{key}"), data["income"][key]], bold=key == "total")
    append_row(sheet, [])
    append_row(sheet, [_("Result"), _("Amount")], font=BOLD)
    for key in ("eligible", "balance", "refund", "still_due"):
        _money_row(sheet, [label(key), data[key]], bold=key in ("refund", "still_due"))
    sheet.column_dimensions["A"].width = 40
    for column in "BCD":
        sheet.column_dimensions[column].width = 16
    text = book.create_sheet(_("Narrative report")[:31])
    text.column_dimensions["A"].width = 100
    for paragraph in document["narrative"].splitlines():
        row = append_row(text, [paragraph])
        text.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
