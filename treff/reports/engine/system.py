"""A report as a linear system: one variable per distinct figure, one equation per total.

The same figure printed twice (a row total shared by two linked tables) is one variable, so
hiding it hides it everywhere and an attacker cannot read it from the other table. Equations
are `total = sum(parts)`: each row and column of each table, its grand total, and every
position of a `Sum` (city = Σ Treffs, margins included). Redundant equations are kept: they
cost the solver nothing and spare us proving which ones are implied.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .tables import Report

Place = tuple[int, int, int]  # (table index, i, j) in that table's extended grid

# Hiding a margin is the last resort: its cost is its value plus these penalties, so any
# set of inner cells is cheaper than one total (Fachkonzept §6: totals stay readable).
MARGIN_PENALTY = 1_000_000
GRAND_PENALTY = 100_000_000


@dataclass(frozen=True)
class System:
    """Variables (values, kinds, places) and equations `(total, parts)` of a report."""

    values: tuple[int, ...]
    margin: tuple[bool, ...]  # shown as a row, column or grand total somewhere
    grand: tuple[bool, ...]
    places: tuple[tuple[Place, ...], ...]  # var → where it is printed
    var_at: dict[Place, int]
    equations: tuple[tuple[int, tuple[int, ...]], ...]
    shapes: tuple[tuple[int, int], ...]  # per table: (rows, columns) of counts

    @property
    def size(self) -> int:
        return len(self.values)

    def cost(self, var: int) -> int:
        """What hiding `var` costs: its value, plus a penalty for a margin (last resort)."""
        if self.grand[var]:
            return self.values[var] + GRAND_PENALTY
        if self.margin[var]:
            return self.values[var] + MARGIN_PENALTY
        return self.values[var]

    def neighbours(self, var: int) -> set[int]:
        """Variables sharing an equation with `var`."""
        found: set[int] = set()
        for e in self.equations_of[var]:
            total, parts = self.equations[e]
            found.add(total)
            found.update(parts)
        found.discard(var)
        return found

    @cached_property
    def equations_of(self) -> tuple[tuple[int, ...], ...]:
        """Per variable, the indexes of the equations it appears in (a search over every
        equation per question made the secondary suppression quadratic)."""
        found: list[list[int]] = [[] for _ in range(self.size)]
        for e, (total, parts) in enumerate(self.equations):
            for v in {total, *parts}:
                found[v].append(e)
        return tuple(tuple(es) for es in found)

    @property
    def cap(self) -> int:
        """An upper bound no figure can need: a finite box keeps every LP bounded. Narrowing
        the attacker's box only narrows intervals, so the audit stays on the safe side."""
        return 2 * sum(self.values) + 10 * self.size + 10


def build(report: Report) -> System:
    """The report's figures as variables and its totals as equations."""
    places: list[Place] = []
    for t, table in enumerate(report.tables):
        rows, columns = table.shape
        places.extend((t, i, j) for i in range(rows + 1) for j in range(columns + 1))
    parent = {place: place for place in places}

    def find(place: Place) -> Place:
        while parent[place] != place:
            parent[place] = parent[parent[place]]
            place = parent[place]
        return place

    def union(a: Place, b: Place) -> None:
        parent[find(a)] = find(b)

    for link in report.links:
        a, b = report.index(link.first), report.index(link.second)
        (ra, ca), (rb, cb) = report.tables[a].shape, report.tables[b].shape
        union((a, ra, ca), (b, rb, cb))
        if link.margin == "rows":
            for i in range(ra):
                union((a, i, ca), (b, i, cb))
        elif link.margin == "columns":
            for j in range(ca):
                union((a, ra, j), (b, rb, j))

    roots: dict[Place, int] = {}
    var_at: dict[Place, int] = {}
    for place in places:
        var_at[place] = roots.setdefault(find(place), len(roots))
    size = len(roots)
    values = [0] * size
    margin = [False] * size
    grand = [False] * size
    where: list[list[Place]] = [[] for _ in range(size)]
    for place, var in var_at.items():
        t, i, j = place
        table = report.tables[t]
        rows, columns = table.shape
        values[var] = table.value(i, j)
        margin[var] |= i == rows or j == columns
        grand[var] |= i == rows and j == columns
        where[var].append(place)

    equations: list[tuple[int, tuple[int, ...]]] = []
    for t, table in enumerate(report.tables):
        rows, columns = table.shape
        for i in range(rows + 1):  # each row, and the row of column totals → grand total
            equations.append(
                (var_at[t, i, columns], tuple(var_at[t, i, j] for j in range(columns)))
            )
        for j in range(columns + 1):
            equations.append((var_at[t, rows, j], tuple(var_at[t, i, j] for i in range(rows))))
    for total in report.sums:
        s = report.index(total.total)
        parts = [report.index(name) for name in total.parts]
        rows, columns = report.tables[s].shape
        for i in range(rows + 1):
            for j in range(columns + 1):
                equations.append((var_at[s, i, j], tuple(var_at[p, i, j] for p in parts)))

    return System(
        values=tuple(values),
        margin=tuple(margin),
        grand=tuple(grand),
        places=tuple(tuple(p) for p in where),
        var_at=var_at,
        equations=tuple(equations),
        shapes=tuple(table.shape for table in report.tables),
    )
