"""The optimum of "assign all" over every candidate pair, checked against SciPy.

The reference is `scipy.optimize.linear_sum_assignment` on a dense matrix of every pair the
ranking accepts, priced as the ranking prices it (not the assignment's candidate graph):
one column per unit of a volunteer's capacity and one "no help" column per request, at
`urgency × B` where `B` exceeds the cost of any set of matches. Its minimum is the engine's
objective: the smallest urgency-weighted number of requests without help, then the smallest
total cost.
"""

import math
import random
from collections import Counter
from datetime import date, time

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from treff.core.geo import EARTH_RADIUS_KM
from treff.volunteers.engine import (
    Availability,
    HelpRequest,
    Point,
    Volunteer,
    assign_all,
    prepare,
)
from treff.volunteers.engine.matching import _prepare, _scan

from ..cities import DESSAU

DISTRICTS = DESSAU.districts

TODAY = date(2026, 6, 1)  # a Monday
MON, TUE = 0, 1
CENTRE = Point(51.8345, 12.2455)
ALL_WEEK = tuple(Availability(day, time(0), time(23, 45)) for day in range(7))


def prices(request, pool):
    """{volunteer id: cost} of every volunteer passing the hard rules, as the ranking finds
    them (`_scan` is what `candidates()` sorts), without rendering thousands of reasons."""
    found, _excluded = _scan(_prepare(request, TODAY, pool.config), pool, pool.config)
    return {pool.volunteers[index].id: cost for cost, index, _km in found}


def reference(requests, people):
    """(urgency-weighted requests without help, total cost, matches, prices) of the optimum."""
    pool = prepare(people)
    rows = [r for r in requests if r.consent]
    priced = [prices(r, pool) for r in rows]
    slots = [v.id for v in people for _unit in range(v.capacity)]
    dearest = max((cost for pairs in priced for cost in pairs.values()), default=0)
    penalty = (dearest + 1) * len(rows) + 1
    matrix = np.full((len(rows), len(slots) + len(rows)), np.inf)
    for i, pairs in enumerate(priced):
        for j, vid in enumerate(slots):
            if vid in pairs:
                matrix[i, j] = pairs[vid]
        matrix[i, len(slots) + i] = rows[i].urgency * penalty
    chosen_rows, chosen_cols = linear_sum_assignment(matrix)
    helped = [(i, j) for i, j in zip(chosen_rows, chosen_cols, strict=True) if j < len(slots)]
    unhelped = sum(r.urgency for r in rows) - sum(rows[i].urgency for i, _j in helped)
    cost = int(sum(matrix[i, j] for i, j in helped))
    return unhelped, cost, len(helped), {r.id: pairs for r, pairs in zip(rows, priced, strict=True)}


def check(requests, people):
    """The engine's optimum equals SciPy's; its matches are real pairs within capacity."""
    result = assign_all(requests, people, today=TODAY)
    unhelped, cost, matched, priced = reference(requests, people)
    assert (result.unhelped, result.total_cost) == (unhelped, cost)
    assert result.total_cost == sum(m.cost for m in result.matches)
    assert all(priced[m.request_id][m.volunteer_id] == m.cost for m in result.matches)
    assert len({m.request_id for m in result.matches}) == len(result.matches)
    load = Counter(m.volunteer_id for m in result.matches)
    assert all(load[v.id] <= v.capacity for v in people)
    if len({r.urgency for r in requests if r.consent}) <= 1:
        assert len(result.matches) == matched  # one urgency: the most requests helped
    return result


def near(rng, km):
    """A point within `km` of the centre, uniformly in a square (in km)."""
    dy, dx = rng.uniform(-km, km), rng.uniform(-km, km)
    lat = CENTRE.lat + math.degrees(dy / EARTH_RADIUS_KM)
    lon = CENTRE.lon + math.degrees(dx / (EARTH_RADIUS_KM * math.cos(math.radians(CENTRE.lat))))
    return Point(lat, lon)


def hours(rng, day, longest=4):
    start = rng.randrange(8, 14)
    return Availability(day, time(start), time(start + rng.randint(1, longest)))


def random_city(seed):
    """A mixed instance: kinds, reach, times, languages, wishes, capacities and urgencies."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security
    people = []
    for vid in range(rng.randint(1, 30)):
        max_open = rng.randint(1, 3)
        people.append(
            Volunteer(
                id=1000 + vid,
                kinds=frozenset(rng.sample(["shopping", "walk", "reading"], rng.randint(1, 3))),
                location=near(rng, 2.0),
                availability=(hours(rng, MON, longest=9), hours(rng, TUE, longest=9)),
                languages=frozenset(rng.choice([{"de"}, {"de", "uk"}, {"uk"}])),
                mobility=frozenset({rng.choice(["foot", "bike", "public", "car"])}),
                max_km=rng.choice([None, None, None, 1.5, 6.0]),
                active=rng.random() < 0.9,
                gender=rng.choice(["female", "male", None]),
                recent_assignments=rng.randrange(4),
                open_assignments=rng.randint(0, max_open) if rng.random() < 0.3 else 0,
                max_open=max_open,
            )
        )
    requests = []
    for rid in range(rng.randint(0, 50)):
        requests.append(
            HelpRequest(
                id=rid,
                kind=rng.choice(["shopping", "walk", "reading"]),
                windows=(hours(rng, rng.choice([MON, TUE]), longest=3),),
                location=rng.choice([near(rng, 2.0), near(rng, 2.0), None]),
                minutes=rng.choice([None, 60]),
                languages=frozenset(rng.choice([{"de"}, {"uk"}, set()])),
                consent=rng.random() < 0.9,
                prefers_gender=rng.choice([None, None, "female"]),
                urgency=rng.randint(1, 3),
            )
        )
    return requests, people


def wave(seed):
    """Many requests from one spot, all sharing the same few cheapest volunteers."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security
    urgency = rng.choice([None, 2])  # None: mixed urgencies
    requests = [
        HelpRequest(
            id=rid,
            kind="shopping",
            windows=(hours(rng, rng.choice([MON, TUE])),),
            location=near(rng, 0.3),
            minutes=60,
            consent=True,
            urgency=urgency or rng.randint(1, 3),
        )
        for rid in range(rng.randint(40, 100))
    ]
    people = [
        Volunteer(
            id=1000 + vid,
            kinds=frozenset({"shopping"}),
            location=near(rng, 0.5) if vid < 4 else near(rng, 6.0),
            availability=ALL_WEEK,
            mobility=frozenset({"car"}),
            recent_assignments=rng.randrange(3),
            max_open=rng.choice([1, 1, 2, 3]),
        )
        for vid in range(rng.randint(25, 60))
    ]
    return requests, people


@pytest.mark.parametrize("seed", range(60))
def test_assign_all_equals_scipy_on_random_instances(seed):
    check(*random_city(seed))


@pytest.mark.parametrize("seed", range(30))
def test_assign_all_equals_scipy_on_waves(seed):
    requests, people = wave(seed)
    result = check(requests, people)
    # Thinned to each request's 3 cheapest candidates (the old rule, scaled down to these
    # small waves), every one of them ends worse.
    thinned = assign_all(requests, people, today=TODAY, per_request=3)
    assert (thinned.unhelped, thinned.total_cost) > (result.unhelped, result.total_cost)


def shopping_wave():
    """Issue 10's example: 200 shopping requests from Zoberberg, 120 city-wide drivers.

    The requests lie on a grid over the district (about 1.1 × 1.1 km), on weekdays 10–12;
    the drivers live at the centres of the city's 25 districts in turn, take one request
    each (capacity 1) and are free all week; some have helped recently.
    """
    zoberberg = DISTRICTS["zoberberg"]
    requests = [
        HelpRequest(
            id=n,
            kind="shopping",
            windows=(Availability(n % 5, time(10), time(12)),),
            location=Point(
                zoberberg.lat + (n // 20 - 4.5) * 0.001, zoberberg.lon + (n % 20 - 9.5) * 0.0008
            ),
            minutes=60,
            languages=frozenset({"de"}),
            consent=True,
        )
        for n in range(200)
    ]
    places = list(DISTRICTS.values())
    people = [
        Volunteer(
            id=1000 + n,
            kinds=frozenset({"shopping"}),
            location=places[n % len(places)],
            availability=ALL_WEEK,
            languages=frozenset({"de"}),
            mobility=frozenset({"car"}),
            recent_assignments=n % 4,
            max_open=1,
        )
        for n in range(120)
    ]
    return requests, people


def test_a_wave_of_shopping_requests_gets_every_driver():
    requests, people = shopping_wave()
    # Every driver reaches every request: 24,000 pairs, at most 120 matches.
    pool = prepare(people)
    assert all(len(prices(r, pool)) == 120 for r in requests)
    result = check(requests, people)
    assert (len(result.matches), result.unhelped, result.total_cost) == (120, 160, 6451)
    assert {m.volunteer_id for m in result.matches} == {v.id for v in people}
    # Each request's 30 cheapest candidates only, as before issue 10: the same few drivers.
    thinned = assign_all(requests, people, today=TODAY, per_request=30)
    assert len(thinned.matches) == 43
