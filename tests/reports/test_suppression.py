"""The small-cell suppression engine: examples with exact patterns, and properties over
random tables checked by an auditor written again here on another solver (SciPy's MILP)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from treff.reports.engine import (
    Audience,
    Cell,
    InvalidThreshold,
    Link,
    Note,
    Report,
    Sum,
    Table,
    audit_published,
    publish,
)
from treff.reports.engine.audit import audit_status
from treff.reports.engine.system import build

H = Cell(None, hidden=True, reason="primary")
S = Cell(None, hidden=True, reason="secondary")


def grid(table):
    """A published table as text, margins included (row totals last, column totals below)."""
    rows, columns = len(table.row_labels), len(table.column_labels)
    return [[table.cell(i, j).text(5) for j in range(columns + 1)] for i in range(rows + 1)]


def one(counts, k=5, audience=Audience.PUBLIC):
    rows = [f"r{i}" for i in range(len(counts))]
    columns = [f"c{j}" for j in range(len(counts[0]))]
    report = Report((Table("t", rows, columns, counts),))
    return report, publish(report, k, audience)


# --- examples -------------------------------------------------------------------------


def test_a_small_cell_is_hidden_with_a_rectangle_so_that_no_total_gives_it_away():
    _, published = one([[10, 2, 12], [20, 15, 8]])
    table = published.tables[0]
    assert grid(table) == [
        ["10", "< 5", ".", "24"],
        ["20", ".", ".", "43"],
        ["30", "17", "20", "67"],
    ]
    assert table.cells[0][1] == H
    assert table.cells[0][2] == S
    assert table.note == Note(k=5, secondary=True)
    assert table.note.text() == (
        "Counts from 1 to 4 are shown as “< 5” to protect the people counted (k = 5); zero is "
        "shown as 0. Figures shown as “.” are hidden as well, so that no small count can be "
        "worked out from totals or other tables."
    )
    [primary] = [f for f in published.audit.findings if f.reason == "primary"]
    assert (primary.value, primary.low, primary.high, primary.required) == (2, 1, 4, (1, 4))


def test_zeros_and_large_counts_are_all_shown_without_a_note():
    counts = [[0, 12, 40], [7, 0, 0], [25, 9, 0]]
    _, published = one(counts)
    table = published.tables[0]
    assert grid(table) == [
        ["0", "12", "40", "52"],
        ["7", "0", "0", "7"],
        ["25", "9", "0", "34"],
        ["32", "21", "40", "93"],
    ]
    assert table.note is None
    assert published.audit.findings == ()


def test_a_small_total_is_hidden_too_and_its_single_cell_with_it():
    _, published = one([[3, 0], [20, 30]])
    assert grid(published.tables[0]) == [
        ["< 5", "0", "< 5"],
        [".", "30", "."],
        ["23", "30", "53"],
    ]
    assert published.audit.passed


def test_a_row_whose_other_cell_is_just_k_needs_its_total_hidden():
    # 2 + 5 = 7: with the total shown the other cell, known to be ≥ 5, caps the 2 at 2.
    _, published = one([[2, 5], [20, 30]])
    table = published.tables[0]
    assert table.row_totals[0].hidden
    assert table.total == Cell(57)
    assert published.audit.passed


def test_what_the_rule_alone_reveals_is_accepted():
    # Three "< 5" that add up to a "< 5" total can be at most 2 each, whatever is hidden.
    _, published = one([[1, 1, 1], [30, 30, 30]])
    for finding in published.audit.findings:
        if finding.reason == "primary" and finding.places[0][2] < 3:
            assert (finding.low, finding.high, finding.required) == (1, 2, (1, 2))
    assert published.audit.passed


def test_the_auditor_fails_a_small_cell_that_its_row_and_column_give_away():
    report = Report((Table("t", ["a", "b"], ["x", "y", "z"], [[10, 2, 12], [20, 15, 8]]),))
    system = build(report)
    status = ["published"] * system.size
    status[system.var_at[0, 0, 1]] = "primary"
    status[system.var_at[0, 0, 2]] = "secondary"  # its row is covered, its column is not
    audit = audit_status(system, 5, status)
    [failure] = audit.failures
    assert (failure.value, failure.low, failure.high, failure.required) == (2, 2, 2, (1, 4))


@pytest.mark.parametrize("k", [0, 1, -3])
def test_a_threshold_below_two_is_refused_with_a_clear_message(k):
    report = Report((Table("t", ["a"], ["x"], [[1]]),))
    for audience in Audience:
        with pytest.raises(InvalidThreshold, match=f"k is {k}, but it must be at least 2"):
            publish(report, k, audience)


@pytest.mark.parametrize("k", ["5", 5.0, True, None])
def test_a_threshold_that_is_not_a_whole_number_is_refused(k):
    report = Report((Table("t", ["a"], ["x"], [[1]]),))
    with pytest.raises(InvalidThreshold, match="must be a whole number of at least 2"):
        publish(report, k, Audience.CITY)


def test_the_coordinator_sees_their_own_treff_unchanged():
    counts = [[10, 2, 12], [20, 15, 8]]
    _, published = one(counts, audience=Audience.OWN_TREFF)
    table = published.tables[0]
    assert [[c.value for c in row] for row in table.cells] == counts
    assert [c.value for c in table.row_totals] == [24, 43]
    assert [c.value for c in table.column_totals] == [30, 17, 20]
    assert table.total == Cell(67)
    assert table.note is None
    assert published.audit is None


def test_bad_tables_are_refused_with_the_reason():
    with pytest.raises(ValueError, match="whole numbers ≥ 0"):
        Table("t", ["a"], ["x"], [[-1]])
    with pytest.raises(ValueError, match="2 counts for 1 column labels"):
        Table("t", ["a"], ["x"], [[1, 2]])
    a = Table("a", ["r"], ["x"], [[5]])
    b = Table("b", ["r"], ["y"], [[6]])
    with pytest.raises(ValueError, match="do not have the same rows"):
        Report((a, b), links=(Link("a", "b", "rows"),))
    with pytest.raises(ValueError, match="not the sum of its parts"):
        Report((a, Table("c", ["r"], ["x"], [[4]])), sums=(Sum("a", ("c",)),))


def test_a_city_table_and_its_treffs_are_protected_together():
    north = Table("north", ["young", "old"], ["f", "m"], [[2, 14], [9, 21]])
    south = Table("south", ["young", "old"], ["f", "m"], [[11, 6], [3, 30]])
    city = Table("city", ["young", "old"], ["f", "m"], [[13, 20], [12, 51]])
    report = Report((north, south, city), sums=(Sum("city", ("north", "south")),))
    published = publish(report, 5, Audience.COMMITTEE)
    assert published.audit.method == "integer"
    assert published.audit.passed
    assert independent_audit(report, published) == []


# --- properties -----------------------------------------------------------------------

COUNT = st.one_of(st.just(0), st.integers(1, 9), st.integers(0, 50))


@st.composite
def reports(draw):
    """One table, or two with the same rows (age by gender, age by offer), or a city sum."""
    kind = draw(st.sampled_from(["one", "linked", "city"]))
    limit = 3 if kind == "city" else 6
    rows = draw(st.integers(1, limit))
    columns = draw(st.integers(1, limit))
    labels = [f"r{i}" for i in range(rows)], [f"c{j}" for j in range(columns)]
    counts = [[draw(COUNT) for _ in range(columns)] for _ in range(rows)]
    first = Table("a", *labels, counts)
    if kind == "one":
        return Report((first,))
    if kind == "linked":
        others = draw(st.integers(1, limit))
        split = []
        for total in first.row_totals:  # the same row totals, split another way
            cuts = sorted(draw(st.integers(0, total)) for _ in range(others - 1))
            split.append([b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)])
        second = Table("b", labels[0], [f"d{j}" for j in range(others)], split)
        return Report((first, second), links=(Link("a", "b", "rows"),))
    more = [[draw(COUNT) for _ in range(columns)] for _ in range(rows)]
    second = Table("b", *labels, more)
    city = [[x + y for x, y in zip(p, q, strict=True)] for p, q in zip(counts, more, strict=True)]
    return Report((first, second, Table("city", *labels, city)), sums=(Sum("city", ("a", "b")),))


def independent_audit(report, published):
    """The protection test again, on SciPy's MILP and equations written from the tables.

    Returns the primary figures that the published report narrows beyond what the rule and
    the layout alone give (an integer reader, so stricter than any LP)."""
    k = published.k
    places = [
        (t, i, j)
        for t, table in enumerate(report.tables)
        for i in range(table.shape[0] + 1)
        for j in range(table.shape[1] + 1)
    ]
    index = {place: n for n, place in enumerate(places)}
    rows = []

    def equal(left, right):  # Σ left − Σ right = 0
        row = np.zeros(len(places))
        for p in left:
            row[index[p]] += 1
        for p in right:
            row[index[p]] -= 1
        rows.append(row)

    for t, table in enumerate(report.tables):
        r, c = table.shape
        for i in range(r + 1):
            equal([(t, i, c)], [(t, i, j) for j in range(c)])
        for j in range(c + 1):
            equal([(t, r, j)], [(t, i, j) for i in range(r)])
    for link in report.links:  # the hypothesis reports link rows only
        a, b = report.index(link.first), report.index(link.second)
        ra, ca = report.tables[a].shape
        cb = report.tables[b].shape[1]
        for i in range(ra + 1):
            equal([(a, i, ca)], [(b, i, cb)])
    for total in report.sums:
        s = report.index(total.total)
        r, c = report.tables[s].shape
        for i in range(r + 1):
            for j in range(c + 1):
                equal([(s, i, j)], [(report.index(p), i, j) for p in total.parts])
    matrix = LinearConstraint(np.array(rows), 0, 0)

    def box(everything_hidden):
        low, high = np.zeros(len(places)), np.zeros(len(places))
        for n, (t, i, j) in enumerate(places):
            shown, true = published.tables[t].cell(i, j), report.tables[t].value(i, j)
            if shown.reason == "primary":
                low[n], high[n] = 1, k - 1
            elif shown.hidden or (everything_hidden and true > 0):
                low[n], high[n] = k, np.inf
            else:
                low[n] = high[n] = shown.value
        return Bounds(low, high)

    def interval(n, bounds):
        ends = []
        for sign in (1, -1):
            objective = np.zeros(len(places))
            objective[n] = sign
            result = milp(objective, constraints=matrix, bounds=bounds, integrality=1)
            assert result.success, result.message
            ends.append(round(result.x[n]))
        return tuple(ends)

    narrowed = []
    for n, (t, i, j) in enumerate(places):
        if published.tables[t].cell(i, j).reason == "primary":
            seen, rule = interval(n, box(False)), interval(n, box(True))
            if seen[0] > rule[0] or seen[1] < rule[1]:
                narrowed.append(((t, i, j), seen, rule))
    return narrowed


@settings(max_examples=60, deadline=None)
@given(report=reports(), k=st.integers(2, 10))
def test_suppression_over_random_reports(report, k):
    published = publish(report, k, Audience.PUBLIC)
    for t, table in enumerate(report.tables):
        shown = published.tables[t]
        rows, columns = table.shape
        for i in range(rows + 1):
            for j in range(columns + 1):
                cell, true = shown.cell(i, j), table.value(i, j)
                if cell.hidden:
                    assert true > 0  # (b) zeros are published
                    assert (cell.reason == "primary") == (true < k)
                else:
                    assert cell.value == true  # (e) what is published is the truth
                    assert not 0 < true < k  # (a) no published figure in 1..k−1
        assert (shown.note is None) == (not any(c.hidden for c in _all(shown)))
    assert published.audit.passed  # (c) the engine's own audit
    assert audit_published(report, published).passed  # … read back from the cells
    assert independent_audit(report, published) == []  # (d) another solver agrees


def _all(table):
    rows, columns = len(table.row_labels), len(table.column_labels)
    return [table.cell(i, j) for i in range(rows + 1) for j in range(columns + 1)]
