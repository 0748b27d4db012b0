"""Small-cell suppression: which figures of a report a reader outside the Treff may see.

Primary suppression (Fachkonzept §6): every figure from 1 to k−1, margins included, is
hidden and shown as "< k"; zero is shown as zero (a zero is not a person to protect, and
hiding it would make "< k" wrong). k ≥ 2; k = 2 is allowed but protects little: with zeros
shown, "< 2" can only mean 1.

Secondary suppression hides further figures until the auditor (audit.py) finds every "< k"
figure protected, i.e. the published report narrows none of them beyond what the rule says.
The loop:

1. audit the "< k" figures; stop when all pass (a passing figure keeps passing: hiding more
   only widens every interval, so each is audited until it passes, not again);
2. for the first failing figure x, try the *rectangles* through x in each table where x is
   printed, in the extended grid (margins as a row and column): hiding the three other
   corners lets x move by ±δ with every total intact, the classic hypercube pattern of
   τ-ARGUS. Rectangles of inner cells come first, then those with row or column totals, then
   those with the grand total ("totals only as a last resort"); within a group the cheapest
   rectangle that makes x pass wins (cost = the values hidden, the usual "hide as few
   persons as possible"), else the one that widens x's interval most;
3. if no rectangle widens it (links and sums can need other patterns), hide the cheapest
   published non-zero figure sharing a total with x, else with any hidden figure, else any.

Every round hides at least one more figure, and with every non-zero figure hidden the audit
passes by definition, so the loop ends after at most as many rounds as figures. Reports of
several tables get a final audit with integers (see audit.py on LP and integer readers); if
that finds a figure the LP thought safe, the same loop continues with the integer reader.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .audit import Audit, Method, Status, _Attacker, attacker, audit_status, baseline
from .system import System

_GROUPS = ("inner", "margin", "grand")


class InvalidThreshold(ValueError):
    """k is not a whole number ≥ 2: refused before anything is shown."""


def check_k(k: object) -> int:
    """`k` itself when it is a whole number ≥ 2; else `InvalidThreshold` with the reason.

    A k of 0 or 1 would hide nothing, so it is refused rather than obeyed: a wrong setting
    must stop the report, never publish a small figure.
    """
    if isinstance(k, bool) or not isinstance(k, int):
        raise InvalidThreshold(
            f"The small-cell threshold k must be a whole number of at least 2, got {k!r}."
        )
    if k < 2:
        raise InvalidThreshold(
            f"The small-cell threshold k is {k}, but it must be at least 2: with k = {k} no "
            "count would be hidden. Set k to 2 or more (5 is the default)."
        )
    return k


def primary(system: System, k: int) -> list[Status]:
    """Every figure from 1 to k−1 hidden; zeros and figures ≥ k published."""
    return ["primary" if 0 < value < k else "published" for value in system.values]


@dataclass(frozen=True)
class Suppression:
    """The pattern (`status` per variable of `system`) and the final, passing audit."""

    system: System
    k: int
    status: tuple[Status, ...]
    audit: Audit


def suppress_system(system: System, k: int, *, several_tables: bool) -> Suppression:
    """Primary and secondary suppression of a built report (see the module docstring)."""
    check_k(k)
    status = primary(system, k)
    status, required = _protect(system, k, status, "lp")
    method: Method = "lp"
    if several_tables:
        method = "integer"
        status, required = _protect(system, k, status, "integer")
    # The baseline depends only on the primaries, which hiding never changes: reuse it.
    final = audit_status(system, k, status, method=method, required=required)
    if not final.passed:  # _protect only returns on a passing audit: this is a bug
        raise RuntimeError("Suppression ended without a passing audit.")
    return Suppression(system=system, k=k, status=tuple(status), audit=final)


def _protect(
    system: System, k: int, status: list[Status], method: Method
) -> tuple[list[Status], dict[int, tuple[int, int]]]:
    """(the status with secondary figures hidden until every primary passes, the baseline)."""
    required = baseline(system, k, status, method)
    reader = attacker(system, k, status, method)
    pending = sorted(required)
    while pending:
        var = pending[0]
        if _passes(reader.interval(var), required[var]):
            pending.pop(0)
            continue
        for hide in _choose(system, reader, var, required[var]):
            reader.set_status(hide, "secondary")
    return list(reader.status), required


def _passes(interval: tuple[int, int], required: tuple[int, int]) -> bool:
    return interval[0] <= required[0] and interval[1] >= required[1]


def _rectangles(system: System, status: list[Status], var: int) -> Iterator[tuple[str, set]]:
    """(group, figures to hide) for each rectangle through `var` with no zero corner."""
    for t, i, j in system.places[var]:
        rows, columns = system.shapes[t]
        for i2 in range(rows + 1):
            for j2 in range(columns + 1):
                if i2 == i or j2 == j:
                    continue
                corners = {system.var_at[place] for place in ((t, i, j2), (t, i2, j), (t, i2, j2))}
                if var in corners or any(system.values[c] == 0 for c in corners):
                    continue
                new = {c for c in corners if status[c] == "published"}
                if not new:
                    continue
                if any(system.grand[c] for c in new):
                    yield "grand", new
                elif any(system.margin[c] for c in new):
                    yield "margin", new
                else:
                    yield "inner", new


def _choose(system: System, reader: _Attacker, var: int, required: tuple[int, int]) -> set[int]:
    """The figures to hide next for `var` (never empty while `var` fails)."""
    low, high = reader.interval(var)
    width = high - low
    moves: dict[str, dict[frozenset, int]] = {group: {} for group in _GROUPS}
    for group, new in _rectangles(system, reader.status, var):
        moves[group][frozenset(new)] = sum(system.cost(c) for c in new)
    for group in _GROUPS:
        best, best_gain = None, 0
        for move, _cost in sorted(
            moves[group].items(), key=lambda item: (item[1], sorted(item[0]))
        ):
            for c in move:
                reader.set_status(c, "secondary")
            interval = reader.interval(var)
            for c in move:
                reader.set_status(c, "published")
            if _passes(interval, required):
                return set(move)
            gain = (interval[1] - interval[0]) - width
            if gain > best_gain:
                best, best_gain = move, gain
        if best is not None:
            return set(best)
    return {_cheapest_single(system, reader.status, var)}


def _cheapest_single(system: System, status: list[Status], var: int) -> int:
    def open_(candidates) -> list[int]:
        return [c for c in candidates if status[c] == "published" and system.values[c] > 0]

    hidden = [v for v, s in enumerate(status) if s != "published"]
    for candidates in (
        open_(system.neighbours(var)),
        open_({n for h in hidden for n in system.neighbours(h)}),
        open_(range(system.size)),
    ):
        if candidates:
            return min(candidates, key=lambda c: (system.cost(c), c))
    # Unreachable: with every non-zero figure hidden the audit equals its baseline.
    raise RuntimeError(f"No figure left to hide for figure {var}.")
