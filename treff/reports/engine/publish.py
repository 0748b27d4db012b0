"""Figures out: each table as the reader may see it, with the note printed under it.

`publish(report, k, audience)` is the engine's entry point. A reader outside the Treff
(carrier, city, committee, public) gets the suppressed report; the coordinator of the Treff
gets their own figures unchanged (Fachkonzept §6). The caller passes `Audience.OWN_TREFF`
only when every table of the report is that coordinator's own Treff.

Every figure becomes a `Cell`: its value, or hidden with the reason. The template shows a
primary cell as "< k" and a secondary one with `SECONDARY_MARKER` (Destatis' sign for "kept
secret"): writing "< 5" over a hidden 30 would be false. Under every table with a hidden
figure goes its `Note`, plain data the Django layer words in the reader's language (there is
no gettext in the engine); `Note.text()` is the English wording, for tests and logs.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Literal

from .audit import Audit, Method, Status, audit_status
from .suppress import check_k, suppress_system
from .system import System, build
from .tables import Report, extended

SECONDARY_MARKER = "."
Reason = Literal["primary", "secondary"]


class Audience(Enum):
    """Who reads the report: only `OWN_TREFF` sees small figures."""

    OWN_TREFF = "own_treff"
    CARRIER = "carrier"
    CITY = "city"
    COMMITTEE = "committee"
    PUBLIC = "public"


@dataclass(frozen=True)
class Cell:
    """A published count (`value`), or a hidden one (`value` None, `reason` why)."""

    value: int | None
    hidden: bool = False
    reason: Reason | None = None

    def text(self, k: int) -> str:
        """The cell as printed: the number, "< k" or the secondary marker."""
        if not self.hidden:
            return str(self.value)
        return f"< {k}" if self.reason == "primary" else SECONDARY_MARKER


@dataclass(frozen=True)
class Note:
    """The rule under a table: k, and whether further figures were hidden to protect."""

    k: int
    secondary: bool

    def text(self) -> str:
        words = (
            f"Counts from 1 to {self.k - 1} are shown as “< {self.k}” "
            f"to protect the people counted (k = {self.k}); zero is shown as 0."
        )
        if self.secondary:
            words += (
                f" Figures shown as “{SECONDARY_MARKER}” are hidden as well, so that no small "
                "count can be worked out from totals or other tables."
            )
        return words


@dataclass(frozen=True)
class PublishedTable:
    """One table as shown: cells, row totals, column totals, grand total; `note` or None."""

    name: str
    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...]
    column_totals: tuple[Cell, ...]
    total: Cell
    note: Note | None

    def cell(self, i: int, j: int) -> Cell:
        """The cell at (i, j) of the extended grid (margins at index rows / columns)."""
        shape = (len(self.row_labels), len(self.column_labels))
        return extended(i, j, self.cells, self.row_totals, self.column_totals, self.total, shape)


@dataclass(frozen=True)
class PublishedReport:
    """The report as the audience sees it, with the audit that proves it (None: own Treff)."""

    k: int
    audience: Audience
    tables: tuple[PublishedTable, ...]
    audit: Audit | None

    def table(self, name: str) -> PublishedTable:
        return next(table for table in self.tables if table.name == name)


def publish(report: Report, k: int, audience: Audience) -> PublishedReport:
    """The report for `audience` with threshold `k` (`InvalidThreshold` unless k ≥ 2).

    k is checked for every audience, the coordinator's too: a wrong setting is reported
    wherever it shows, not first in front of the public.
    """
    check_k(k)
    system = build(report)
    if audience is Audience.OWN_TREFF:
        status: list[Status] = ["published"] * system.size
        found = None
    else:
        suppression = suppress_system(system, k, several_tables=len(report.tables) > 1)
        status, found = list(suppression.status), suppression.audit
    return PublishedReport(
        k=k,
        audience=audience,
        tables=tuple(_table(report, system, t, status, k) for t in range(len(report.tables))),
        audit=found,
    )


def _table(report: Report, system: System, t: int, status: list[Status], k: int):
    table = report.tables[t]
    rows, columns = table.shape

    def cell(i: int, j: int) -> Cell:
        var = system.var_at[t, i, j]
        if status[var] == "published":
            return Cell(system.values[var])
        return Cell(None, hidden=True, reason=status[var])

    grid = [[cell(i, j) for j in range(columns + 1)] for i in range(rows + 1)]
    reasons = {c.reason for line in grid for c in line if c.hidden}
    return PublishedTable(
        name=table.name,
        row_labels=table.row_labels,
        column_labels=table.column_labels,
        cells=tuple(tuple(line[:columns]) for line in grid[:rows]),
        row_totals=tuple(line[columns] for line in grid[:rows]),
        column_totals=tuple(grid[rows][:columns]),
        total=grid[rows][columns],
        note=Note(k=k, secondary="secondary" in reasons) if reasons else None,
    )


def audit_published(report: Report, published: PublishedReport, method: Method = "lp") -> Audit:
    """Audit what `published` shows, read back from its cells (not from the engine's state).

    Raises `ValueError` if a figure is shown differently in two places of the report.
    """
    system = build(report)
    status: list[Status | None] = [None] * system.size
    for (t, i, j), var in system.var_at.items():
        shown = published.tables[t].cell(i, j)
        seen: Status = shown.reason if shown.hidden else "published"
        if status[var] not in (None, seen):
            raise ValueError(f"Figure {var} is shown in two ways in one report.")
        status[var] = seen
    return audit_status(system, published.k, status, method=method)
