"""The committee report as an Excel workbook (openpyxl), Fachkonzept §6.

A cover sheet (title, meeting, period, Treffs, the city's summary, the rule of the
suppression), a sheet of key figures, then one sheet per table of the report. Published
figures are numbers (a spreadsheet can sum them); hidden ones are the text "< k" (a small
count) or "." (hidden so that no small count can be worked out), as on the page and in the
PDF, with the rule in a note row under the table. Every text goes in as a string cell, so a
label or a summary that starts with "=" is never read as a formula.
"""

import html
import io
import re

from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.styles import Alignment, Font

from treff.core.xlsx import append_row

from .contents import Contents
from .engine import Cell

SHEET_NAME_MAX = 31  # Excel's limit
# Characters Excel refuses in a sheet name.
NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
BOLD = Font(bold=True)


def render(contents: Contents) -> bytes:
    """The workbook's bytes for `contents`, in the active language."""
    book = Workbook()
    names: set[str] = set()
    _cover(book.active, contents, names)
    _key_figures(book.create_sheet(_sheet_name(_("Key figures"), names)), contents)
    for area in contents.areas:
        for section in area.sections:
            _section(book.create_sheet(_sheet_name(str(section.title), names)), section, contents.k)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_name(title: str, taken: set[str]) -> str:
    """`title` as a valid sheet name: allowed characters, at most 31, unique in the book
    (case-insensitive, as Excel compares them)."""
    base = NOT_IN_SHEET_NAMES.sub(" ", title).strip("' ") or "-"

    def cut(text: str, room: int) -> str:
        return text if len(text) <= room else text[: room - 1].rstrip() + "…"

    name = cut(base, SHEET_NAME_MAX)
    n = 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name = cut(base, SHEET_NAME_MAX - len(suffix)) + suffix
        n += 1
    taken.add(name.lower())
    return name


def _put(sheet, row: int, column: int, value, *, bold=False) -> SheetCell:
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # a string, even when it starts with "="
    if bold:
        cell.font = BOLD
    return cell


def _append(sheet, values, *, bold=False) -> int:
    return append_row(sheet, values, font=BOLD if bold else None)


def _figure(cell: Cell, k: int):
    """A number as a number; a hidden figure as its sign; none that applies as a dash."""
    if cell.hidden:
        return cell.text(k)
    return "–" if cell.value is None else cell.value


def _rule(k: int, secondary: bool) -> str:
    # The page's own sentences (reports/_section.html), so both read alike in every language;
    # they are HTML there, plain text here.
    words = _(
        "Counts from 1 to %(below)s are shown as “&lt; %(k)s” to protect the people counted; "
        "zero is shown as 0."
    ) % {"below": k - 1, "k": k}
    if secondary:
        words += " " + _(
            "Figures shown as “.” are hidden as well, so that no small count can be worked "
            "out from totals."
        )
    return html.unescape(words)


def _cover(sheet, contents: Contents, names: set[str]) -> None:
    snapshot = contents.snapshot
    sheet.title = _sheet_name(_("Report"), names)
    _append(sheet, [snapshot.title], bold=True)
    sheet["A1"].font = Font(bold=True, size=14)
    period = _("From %(first)s to %(last)s") % {
        "first": formats.date_format(contents.period.first, "SHORT_DATE_FORMAT"),
        "last": formats.date_format(contents.period.last, "SHORT_DATE_FORMAT"),
    }
    rows = [
        (_("Committee"), snapshot.meeting_name),
        (
            _("Meeting"),
            formats.date_format(snapshot.meeting_date, "SHORT_DATE_FORMAT")
            if snapshot.meeting_date
            else "",
        ),
        (_("Period"), period),
        (_("Treffs"), ", ".join(contents.treff_names)),
        (_("Made on"), formats.date_format(contents.made_at, "SHORT_DATE_FORMAT")),
        (_("Summary"), snapshot.summary),
        (_("Small counts"), _rule(contents.k, secondary=True)),
    ]
    for label, value in rows:
        row = _append(sheet, [label, value])
        _put(sheet, row, 1, label, bold=True)
        sheet.cell(row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 90


def _key_figures(sheet, contents: Contents) -> None:
    _append(
        sheet,
        [_("Figure"), _("This period"), _("The period before"), _("A year earlier")],
        bold=True,
    )
    hidden = False
    for section in contents.key_figures:
        _append(sheet, [str(section.title), *(_figure(c, contents.k) for c in section.totals)])
        hidden = hidden or any(c.hidden for c in section.totals)
    if hidden:
        _append(sheet, [])
        _append(sheet, [_rule(contents.k, secondary=True)])
    sheet.column_dimensions["A"].width = 60
    sheet.freeze_panes = "B2"


def _section(sheet, section, k: int) -> None:
    table = section.table
    several = len(table.column_labels) > 1
    total_label = _("Total") if section.additive else _("All together")
    _append(sheet, [str(section.title)], bold=True)
    _append(
        sheet,
        [str(section.row_header), *table.column_labels, *([total_label] if several else [])],
        bold=True,
    )
    for label, cells, total in section.rows:
        row = [label, *(_figure(c, k) for c in cells)]
        _append(sheet, row + ([_figure(total, k)] if several else []))
    if section.additive:
        totals = [_figure(c, k) for c in table.column_totals]
        _append(
            sheet,
            [_("Total"), *totals, *([_figure(table.total, k)] if several else [])],
            bold=True,
        )
    notes = []
    if section.measure.note:
        notes.append(str(section.measure.note))
    if table.note:
        if section.additive:
            notes.append(_rule(k, table.note.secondary))
        else:
            notes.append(
                html.unescape(
                    _(
                        "A figure that rests on fewer than %(k)s people is shown as “&lt; %(k)s” "
                        "to protect them."
                    )
                    % {"k": k}
                )
            )
    for note in notes:
        _append(sheet, [note])
    sheet.column_dimensions["A"].width = 40
    for column in range(2, len(table.column_labels) + 3):
        sheet.column_dimensions[sheet.cell(1, column).column_letter].width = 14
    sheet.freeze_panes = "B3"
