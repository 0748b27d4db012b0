"""Counts in: tables of persons, and a report that ties several tables together.

A `Table` is a two-way frequency table: non-negative integer counts of persons, one row per
row label and one column per column label. Its margins (row totals, column totals, the grand
total) are computed here, never passed in, so they always add up.

The engine addresses every figure of a table by its place in the *extended grid*: rows
0..r−1 and columns 0..c−1 are the counts, row index r is the column totals, column index c
the row totals, and (r, c) the grand total. A margin is a figure like any other: it is shown,
or hidden when it is small (Fachkonzept §6 counts every number derived from persons).

A `Report` is what one page or file shows together, because an attacker reads it together:

- `Link(first, second, "rows")`: the two tables have the same rows split by two different
  column variables (age by gender, age by offer), so their row totals and grand totals are
  the same figures; "columns" likewise; "total": only the grand totals are the same persons.
- `Sum(total, parts)`: the table `total` is the cell-by-cell sum of the tables `parts`, e.g.
  the city table of the Treff tables (margins included).

Errors: `ValueError` with the reason for a ragged or empty table, a negative or non-integer
count, an unknown or duplicate table name, labels or figures that do not match a link or sum.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Margin = Literal["rows", "columns", "total"]


@dataclass(frozen=True)
class Table:
    """Counts of persons: `counts[i][j]` for row `row_labels[i]` and column `column_labels[j]`."""

    name: str
    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    def __post_init__(self) -> None:
        # Lists are accepted for convenience; stored as tuples so a Table stays hashable.
        object.__setattr__(self, "row_labels", tuple(self.row_labels))
        object.__setattr__(self, "column_labels", tuple(self.column_labels))
        object.__setattr__(self, "counts", tuple(tuple(row) for row in self.counts))
        if not self.row_labels or not self.column_labels:
            raise ValueError(f"Table {self.name!r} needs at least one row and one column.")
        if len(self.counts) != len(self.row_labels):
            raise ValueError(
                f"Table {self.name!r} has {len(self.counts)} rows of counts "
                f"for {len(self.row_labels)} row labels."
            )
        for i, row in enumerate(self.counts):
            if len(row) != len(self.column_labels):
                raise ValueError(
                    f"Table {self.name!r}, row {i}: {len(row)} counts "
                    f"for {len(self.column_labels)} column labels."
                )
            for value in row:
                # bool is an int in Python; a True in a table of persons is a mistake.
                if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                    raise ValueError(
                        f"Table {self.name!r}: counts are whole numbers ≥ 0, got {value!r}."
                    )

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, columns) of counts, margins not included."""
        return len(self.row_labels), len(self.column_labels)

    @property
    def row_totals(self) -> tuple[int, ...]:
        return tuple(sum(row) for row in self.counts)

    @property
    def column_totals(self) -> tuple[int, ...]:
        return tuple(sum(column) for column in zip(*self.counts, strict=True))

    @property
    def total(self) -> int:
        return sum(self.row_totals)

    def value(self, i: int, j: int) -> int:
        """The figure at (i, j) of the extended grid (i == rows: column totals, j == columns:
        row totals, both: grand total)."""
        return extended(
            i, j, self.counts, self.row_totals, self.column_totals, self.total, self.shape
        )


def extended(i, j, inner, row_totals, column_totals, total, shape):
    """The entry at (i, j) of an extended grid: `inner[i][j]`, a margin at index rows or
    columns of `shape`, the grand total at both. Shared by input and published tables."""
    rows, columns = shape
    if i == rows and j == columns:
        return total
    if i == rows:
        return column_totals[j]
    if j == columns:
        return row_totals[i]
    return inner[i][j]


@dataclass(frozen=True)
class Link:
    """Two tables of one report whose `margin` ("rows", "columns", "total") is the same."""

    first: str
    second: str
    margin: Margin


@dataclass(frozen=True)
class Sum:
    """The table `total` is the cell-by-cell sum of the tables `parts` (a city table)."""

    total: str
    parts: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "parts", tuple(self.parts))


@dataclass(frozen=True)
class Report:
    """Tables shown together, with the links and sums a reader can use between them."""

    tables: tuple[Table, ...]
    links: tuple[Link, ...] = ()
    sums: tuple[Sum, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "tables", tuple(self.tables))
        object.__setattr__(self, "links", tuple(self.links))
        object.__setattr__(self, "sums", tuple(self.sums))
        if not self.tables:
            raise ValueError("A report needs at least one table.")
        names = [table.name for table in self.tables]
        if len(set(names)) != len(names):
            raise ValueError(f"Table names in a report are unique, got {names}.")
        for link in self.links:
            _check_link(self.table(link.first), self.table(link.second), link.margin)
        for total in self.sums:
            _check_sum(self.table(total.total), [self.table(name) for name in total.parts])

    def table(self, name: str) -> Table:
        for table in self.tables:
            if table.name == name:
                return table
        raise ValueError(f"The report has no table {name!r}.")

    def index(self, name: str) -> int:
        return self.tables.index(self.table(name))


def _check_link(first: Table, second: Table, margin: str) -> None:
    pair = f"{first.name!r} and {second.name!r}"
    if margin == "rows":
        same = first.row_labels == second.row_labels and first.row_totals == second.row_totals
    elif margin == "columns":
        same = (
            first.column_labels == second.column_labels
            and first.column_totals == second.column_totals
        )
    elif margin == "total":
        same = True
    else:
        raise ValueError(f"A link joins rows, columns or total, not {margin!r}.")
    if not same or first.total != second.total:
        raise ValueError(f"Tables {pair} do not have the same {margin}: they cannot be linked.")


def _check_sum(total: Table, parts: list[Table]) -> None:
    if not parts:
        raise ValueError(f"The sum {total.name!r} needs at least one part.")
    for part in parts:
        if (part.row_labels, part.column_labels) != (total.row_labels, total.column_labels):
            raise ValueError(f"Table {part.name!r} has other labels than its sum {total.name!r}.")
    rows, columns = total.shape
    for i in range(rows):
        for j in range(columns):
            if total.counts[i][j] != sum(part.counts[i][j] for part in parts):
                raise ValueError(
                    f"Table {total.name!r} is not the sum of its parts at "
                    f"{total.row_labels[i]!r} / {total.column_labels[j]!r}."
                )
