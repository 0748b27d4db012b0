"""Assigning all open requests at once: the optimum by min-cost flow, and a greedy baseline.

Both work on the candidate graph: every pair of a request (with consent) and a volunteer that
passes the hard rules, priced by `matching._assess`, the cost the ranking shows. The optimum
is taken over the whole graph. It used to keep only each request's 30 cheapest candidates,
which starves requests when many share the same cheapest volunteers: a wave of 200 shopping
requests from one district and 120 city-wide drivers (capacity 1) got 39 to 47 matches where
120 are possible (issue 10; `bench/matching.py` and the tests have such waves). Nothing is
pruned now: every pair has to be priced anyway to find the cheapest ones, and the flow on
the benchmark's full graph (4,750 requests, 2,000 volunteers, 196,000 pairs) takes about
0.2 s, a small part of the pricing.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.utils.translation import gettext_lazy as _

from treff.core.text import LazyText

from .matching import (
    Assignment,
    Config,
    HelpRequest,
    Match,
    Pool,
    Reason,
    Unassigned,
    Volunteer,
    _assess,
    _no_consent,
    _pool,
    _prepare,
    _Prepared,
    _scan,
)


def _no_candidate() -> Reason:
    return Reason(
        "no_candidate",
        LazyText(_("No volunteer fits this request (kind, clearance, distance or time).")),
    )


def _taken() -> Reason:
    return Reason(
        "taken",
        LazyText(_("Every volunteer who fits is needed for other requests or has no capacity.")),
    )


@dataclass(slots=True)
class _Graph:
    """The candidate graph both assignments work on."""

    pool: Pool
    help_requests: list[_Prepared]  # with consent
    edges: list[list[tuple[int, int, float | None]]]  # per request: (cost, volunteer, km)
    without_consent: list[HelpRequest]


def _graph(
    help_requests: Iterable[HelpRequest],
    volunteers: Iterable[Volunteer] | Pool,
    today: date,
    config: Config,
    per_request: int | None,
) -> _Graph:
    """Every pair passing the hard rules, or only each request's `per_request` cheapest."""
    pool = _pool(volunteers, config)
    help_requests = list(help_requests)
    ids = [r.id for r in help_requests]
    if len(set(ids)) != len(ids):
        raise ValueError("Request ids must be unique.")
    graph = _Graph(pool, [], [], [r for r in help_requests if not r.consent])
    for help_request in help_requests:
        if not help_request.consent:
            continue
        prepared = _prepare(help_request, today, config)
        found, _counts = _scan(prepared, pool, config)
        if per_request is not None and len(found) > per_request:
            found = heapq.nsmallest(per_request, found)
        graph.help_requests.append(prepared)
        graph.edges.append(found)
    return graph


def _result(
    graph: _Graph, chosen: dict[int, tuple[int, int, float | None]], config: Config
) -> Assignment:
    """Matches with reasons, and the unassigned requests with theirs, in request order."""
    matches, unassigned, unhelped = [], [], 0
    for position, prepared in enumerate(graph.help_requests):
        help_request = prepared.help_request
        if position in chosen:
            cost, index, km = chosen[position]
            _cost, reasons = _assess(prepared, graph.pool.prepared[index], km, config, explain=True)
            matches.append(Match(help_request.id, graph.pool.volunteers[index].id, cost, reasons))
        else:
            unhelped += help_request.urgency
            reason = _taken() if graph.edges[position] else _no_candidate()
            unassigned.append(Unassigned(help_request.id, reason))
    unassigned.extend(Unassigned(r.id, _no_consent()) for r in graph.without_consent)
    return Assignment(
        matches=tuple(matches),
        unassigned=tuple(unassigned),
        total_cost=sum(m.cost for m in matches),
        unhelped=unhelped,
    )


def assign_all(
    help_requests: Iterable[HelpRequest],
    volunteers: Iterable[Volunteer] | Pool,
    *,
    today: date,
    config: Config | None = None,
    per_request: int | None = None,
) -> Assignment:
    """The optimal proposal: as much help as possible, then the lowest total cost.

    Exactly: among all sets of pairs that pass the hard rules, with at most one volunteer per
    request and at most `Volunteer.capacity` requests per volunteer, the one with the
    smallest `unhelped` (the urgencies of the requests with consent left without help added
    up, so an urgent request, 3, counts three times one that can wait, 1), and among those
    the smallest `total_cost` (the sum of the pairs' integer costs). Ties between equally good
    sets are broken by the solver, the same way for the same input.

    A min-cost flow (OR-Tools): each request sends one unit, either to one of its candidates
    (at the pair's cost; each volunteer passes on at most its capacity) or straight to the
    sink at a penalty of `urgency × base`. `base` exceeds the cost of every possible set of
    matches (costs are never negative), so one unit less of `unhelped` outweighs any cost
    and the flow's optimum is the optimum above.

    `per_request` (default None: every candidate) keeps only each request's cheapest
    candidates before solving. The result is then optimal on that thinned graph only and can
    leave many requests without help that could have had it; it is there for comparisons
    (`bench/matching.py`), not for proposals.

    Returns the matches and the unassigned requests (with reasons) in request order, the
    requests without consent last. Raises ValueError for repeated request or volunteer ids
    and for a pool prepared with another Config, RuntimeError if the solver fails.
    """
    from ortools.graph.python import min_cost_flow

    config = config or Config()
    graph = _graph(help_requests, volunteers, today, config, per_request)
    flat = [edge for edges in graph.edges for edge in edges]
    if not flat:
        return _result(graph, {}, config)
    # Nodes: requests 0..n-1, then the volunteers that have a candidate pair, then the sink.
    n = len(graph.help_requests)
    costs = np.fromiter((cost for cost, _i, _km in flat), dtype=np.int64, count=len(flat))
    members = np.fromiter((index for _c, index, _km in flat), dtype=np.int64, count=len(flat))
    tails = np.repeat(np.arange(n, dtype=np.int64), [len(edges) for edges in graph.edges])
    used = np.unique(members)  # indices into the pool, sorted
    heads = n + np.searchsorted(used, members)
    sink = n + len(used)
    capacities = np.array([graph.pool.volunteers[i].capacity for i in used.tolist()], np.int64)
    urgencies = np.array([p.help_request.urgency for p in graph.help_requests], dtype=np.int64)
    # No set of matches costs more than the dearest pair times the most matches there can be.
    base = (int(costs.max()) + 1) * min(n, int(capacities.sum())) + 1
    to_sink = np.full(len(used) + n, sink, dtype=np.int64)

    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        # request → volunteer (one per pair); volunteer → sink; request → sink (no help)
        np.concatenate([tails, np.arange(n, sink), np.arange(n)]).astype(np.int32),
        np.concatenate([heads, to_sink]).astype(np.int32),
        np.concatenate([np.ones(len(flat), np.int64), capacities, np.ones(n, np.int64)]),
        np.concatenate([costs, np.zeros(len(used), np.int64), base * urgencies]),
    )
    supplies = np.zeros(sink + 1, dtype=np.int64)
    supplies[:n] = 1
    supplies[sink] = -n
    flow.set_nodes_supplies(np.arange(sink + 1, dtype=np.int32), supplies)
    status = flow.solve()
    if status != flow.OPTIMAL:
        # Cannot happen for valid input (leaving a request without help is always possible);
        # BAD_COST_RANGE would mean costs or urgencies too large for 64-bit arithmetic.
        raise RuntimeError(f"Min-cost flow failed with status {status}")
    flows = flow.flows(np.arange(len(flat), dtype=np.int32))
    chosen = {int(tails[k]): flat[k] for k in np.flatnonzero(flows).tolist()}
    return _result(graph, chosen, config)


def assign_greedy(
    help_requests: Iterable[HelpRequest],
    volunteers: Iterable[Volunteer] | Pool,
    *,
    today: date,
    config: Config | None = None,
    per_request: int | None = None,
) -> Assignment:
    """The baseline: most urgent (then oldest) request first, its cheapest free candidate.

    Works on the same candidate graph as `assign_all` (the same `per_request`), so the two
    are comparable.
    """
    config = config or Config()
    graph = _graph(help_requests, volunteers, today, config, per_request)
    left = {
        index: graph.pool.volunteers[index].capacity
        for edges in graph.edges
        for _c, index, _k in edges
    }

    def order(position: int) -> tuple:
        help_request = graph.help_requests[position].help_request
        # Requests without a creation time go after dated ones of the same urgency.
        return (
            -help_request.urgency,
            help_request.created is None,
            help_request.created or 0,
            position,
        )

    chosen = {}
    for position in sorted(range(len(graph.help_requests)), key=order):
        for cost, index, km in sorted(graph.edges[position]):
            if left[index] > 0:
                left[index] -= 1
                chosen[position] = (cost, index, km)
                break
    return _result(graph, chosen, config)
