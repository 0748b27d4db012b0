"""Rows into an openpyxl worksheet with every text kept as text.

openpyxl stores a string that begins with "=" as a formula, so a Treff or offer named
"=HYPERLINK(…)" would become a live formula in a file someone opens in Excel (CSV/formula
injection, OWASP). Every exported workbook writes its rows through `append_row`.
"""

from openpyxl.styles import Font


def append_row(sheet, values, *, font: Font | None = None) -> int:
    """Append `values` as the sheet's next row; strings stay strings. Returns its number."""
    sheet.append(list(values))
    row = sheet._current_row
    for cell in sheet[row] if values else ():
        if isinstance(cell.value, str):
            cell.data_type = "s"
        if font is not None:
            cell.font = font
    return row
