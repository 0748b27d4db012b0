"""The auditor: how closely can a reader pin down each hidden figure from what is published?

This is the protection-interval test of statistical offices (the τ-ARGUS manual's audit of
protection intervals and upper/lower protection levels; Hundepool et al., *Statistical
Disclosure Control*, on tabular data): for every hidden figure x, solve two linear
programmes, minimise and maximise x, over everything the reader knows, and compare the
interval [L, U] with the protection the rule requires.

What the reader knows (the attacker model, deliberately the strongest consistent one):

- every published figure, exactly;
- every equation of the report: each row, column and grand total is the sum of its cells,
  linked tables share their margins, a city table is the sum of its Treff tables;
- the rule itself, which is printed under the table (Fachkonzept §6): zero is shown as zero,
  so a hidden figure is never 0; a "< k" figure (primary) lies in 1..k−1; a figure hidden
  for protection only (secondary, shown with its own marker, because writing "< 5" over a
  30 would be false) is a published-size figure, so it is ≥ k;
- nothing else: no upper bound beyond a generous cap (`System.cap`); a cap only narrows the
  reader's box, so it can only make the audit stricter.

The criterion. The brief's "interval at least k wide" cannot hold for a "< k" figure: the
rule alone already tells the reader it is in [1, k−1], which holds only k−1 whole numbers.
Nor can "[L, U] = [1, k−1]" always hold: three "< 5" cells that add up to a "< 5" row total
can be at most 2 each, whatever else is hidden, because the rule says so. What is always
achievable, and is the point of hiding, is this:

    A hidden "< k" figure is protected when the published report tells the reader nothing
    about it beyond what the rule and the report's layout tell them anyway:
    L ≤ L₀ and U ≥ U₀, where [L₀, U₀] is its interval with every non-zero figure hidden.

In the common case [L₀, U₀] = [1, k−1]: every value from 1 to k−1 stays possible, i.e. the
interval holds all k−1 values the marker "< k" stands for (U − L + 1 = k − 1), the widest
any auditor of a public rule can demand. This is τ-ARGUS's upper and lower protection levels
with the required range set to the whole a-priori range of the cell. Since publishing can
only narrow an interval, the criterion means L = L₀ and U = U₀; with everything hidden it
holds by definition, so the suppression loop (suppress.py) always ends with a passing audit.
Secondary figures are ≥ k and not sensitive; their intervals are reported, not required.

Linear or integer. The LP relaxation's interval contains the integer one: LP can only
*over*-state protection, never under-state it. For one two-way table with its margins, and
for tables linked by a margin, the equations form a network matrix (totally unimodular), so
every LP vertex is integral and the LP interval is exactly the integer one (τ-ARGUS audits
by LP for this reason). A city table over Treff tables is a three-way table with all its
two-way margins, which is not unimodular: there a reader who reasons in whole numbers can do
better than the LP. `method="integer"` therefore solves the same two problems exactly with
CP-SAT; `suppress` runs it as the final check on every report that has more than one table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from .system import Place, System

Status = Literal["published", "primary", "secondary"]
Method = Literal["lp", "integer"]
_EPS = 1e-6  # LP solutions are floats; whole-number bounds are rounded inwards within this


def bounds(status: Status, value: int, k: int, cap: int) -> tuple[int, int]:
    """What the reader knows of one figure from the rule alone (see the module docstring)."""
    if status == "published":
        return value, value
    if status == "primary":
        return 1, k - 1
    return k, cap


class _Attacker:
    """The reader's knowledge as a model whose bounds change as figures are hidden."""

    def __init__(self, system: System, k: int, status: list[Status]) -> None:
        self.system, self.k, self.cap = system, k, system.cap
        self.status = list(status)

    def set_status(self, var: int, status: Status) -> None:
        self.status[var] = status

    def _bounds(self, var: int) -> tuple[int, int]:
        return bounds(self.status[var], self.system.values[var], self.k, self.cap)

    def interval(self, var: int) -> tuple[int, int]:
        raise NotImplementedError


class _Linear(_Attacker):
    """GLOP, built once; hiding a figure only changes its bounds (warm-started re-solves)."""

    def __init__(self, system: System, k: int, status: list[Status]) -> None:
        super().__init__(system, k, status)
        self.solver = pywraplp.Solver.CreateSolver("GLOP")
        self.x = [self.solver.NumVar(*self._bounds(v), f"x{v}") for v in range(system.size)]
        for total, parts in system.equations:
            row = self.solver.Constraint(0, 0)
            row.SetCoefficient(self.x[total], 1)
            for part in parts:
                # A part can be its own total only through odd links; coefficients add up.
                row.SetCoefficient(self.x[part], row.GetCoefficient(self.x[part]) - 1)

    def set_status(self, var: int, status: Status) -> None:
        super().set_status(var, status)
        self.x[var].SetBounds(*self._bounds(var))

    def _solve(self, var: int, maximise: bool) -> float:
        objective = self.solver.Objective()
        objective.Clear()
        objective.SetCoefficient(self.x[var], 1)
        if maximise:
            objective.SetMaximization()
        else:
            objective.SetMinimization()
        if self.solver.Solve() != pywraplp.Solver.OPTIMAL:
            # The true figures always satisfy the model, so this is a bug, not bad input.
            raise RuntimeError(f"The audit's linear programme has no optimum for figure {var}.")
        return objective.Value()

    def interval(self, var: int) -> tuple[int, int]:
        return (
            math.ceil(self._solve(var, maximise=False) - _EPS),
            math.floor(self._solve(var, maximise=True) + _EPS),
        )


class _Integer(_Attacker):
    """CP-SAT per question, over the part of the report that can move the figure asked about.

    A published figure is a constant, so an equation ties together only its hidden figures;
    a hidden figure outside the connected part of `var` (hidden figures joined by shared
    equations) cannot change what `var` may be. Solving that part alone is exact and keeps
    the models small: a report of many linked tables is many small questions, not one large
    model per question.
    """

    def _part(self, var: int) -> tuple[list[int], list[int]]:
        """(hidden figures connected to `var`, with `var`; the equations among them)."""
        seen, equations, stack = {var}, set(), [var]
        while stack:
            for e in self.system.equations_of[stack.pop()]:
                if e in equations:
                    continue
                equations.add(e)
                total, parts = self.system.equations[e]
                for w in (total, *parts):
                    if w not in seen and self.status[w] != "published":
                        seen.add(w)
                        stack.append(w)
        return sorted(seen), sorted(equations)

    def interval(self, var: int) -> tuple[int, int]:
        figures, equations = self._part(var)
        model = cp_model.CpModel()
        x = {v: model.NewIntVar(*self._bounds(v), f"x{v}") for v in figures}

        def term(v: int):
            # Outside the part every figure in these equations is published: a constant.
            return x[v] if v in x else self.system.values[v]

        for e in equations:
            total, parts = self.system.equations[e]
            model.Add(term(total) == sum(term(part) for part in parts))
        found = []
        for maximise in (False, True):
            if maximise:
                model.Maximize(x[var])
            else:
                model.Minimize(x[var])
            solver = cp_model.CpSolver()
            solver.parameters.num_workers = 1  # tiny models; the machine's cores serve requests
            if solver.Solve(model) != cp_model.OPTIMAL:
                raise RuntimeError(
                    f"The audit's integer programme has no optimum for figure {var}."
                )
            found.append(solver.Value(x[var]))
        return found[0], found[1]


def attacker(system: System, k: int, status: list[Status], method: Method) -> _Attacker:
    if method == "lp":
        return _Linear(system, k, status)
    if method == "integer":
        return _Integer(system, k, status)
    raise ValueError(f"The audit's method is 'lp' or 'integer', not {method!r}.")


def everything_hidden(system: System, status: list[Status]) -> list[Status]:
    """The same primaries, every other non-zero figure hidden: the rule's own knowledge."""
    return [
        s if s == "primary" or system.values[v] == 0 else "secondary" for v, s in enumerate(status)
    ]


def baseline(system: System, k: int, status: list[Status], method: Method) -> dict[int, tuple]:
    """[L₀, U₀] for every primary figure: what the rule and the layout alone reveal."""
    reader = attacker(system, k, everything_hidden(system, status), method)
    return {v: reader.interval(v) for v, s in enumerate(status) if s == "primary"}


@dataclass(frozen=True)
class Finding:
    """One hidden figure: its true value, the reader's interval, the required one."""

    var: int
    places: tuple[Place, ...]
    value: int
    reason: Status
    low: int
    high: int | None  # None: no bound below the cap, i.e. unbounded for the reader
    required: tuple[int, int] | None  # None for secondary figures: not sensitive

    @property
    def protected(self) -> bool:
        if self.required is None:
            return True
        high = math.inf if self.high is None else self.high
        return self.low <= self.required[0] and high >= self.required[1]

    @property
    def width(self) -> float:
        return math.inf if self.high is None else self.high - self.low


@dataclass(frozen=True)
class Audit:
    """Every hidden figure's finding; `passed` when every primary one is protected."""

    k: int
    method: Method
    findings: tuple[Finding, ...]

    @property
    def passed(self) -> bool:
        return all(finding.protected for finding in self.findings)

    @property
    def failures(self) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if not finding.protected)


def finding(
    system: System, reader: _Attacker, var: int, required: dict[int, tuple[int, int]]
) -> Finding:
    low, high = reader.interval(var)
    return Finding(
        var=var,
        places=system.places[var],
        value=system.values[var],
        reason=reader.status[var],
        low=low,
        high=None if high >= reader.cap else high,
        required=required.get(var),
    )


def audit_status(
    system: System,
    k: int,
    status: list[Status],
    *,
    method: Method = "lp",
    required: dict[int, tuple[int, int]] | None = None,
) -> Audit:
    """Audit a suppression pattern (`status` per variable of `system`).

    `required` is the baseline of `baseline()`; computed here when not given. Raises
    `RuntimeError` only if the model is inconsistent with the true figures (a bug).
    """
    if required is None:
        required = baseline(system, k, status, method)
    reader = attacker(system, k, status, method)
    hidden = [v for v, s in enumerate(status) if s != "published"]
    return Audit(
        k=k,
        method=method,
        findings=tuple(finding(system, reader, v, required) for v in hidden),
    )
