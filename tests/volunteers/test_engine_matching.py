"""Matching volunteers to help requests: hard rules, ranking with reasons, assignments."""

import math
from datetime import date, datetime, time

import pytest
from django.utils import translation

from treff.core.geo import EARTH_RADIUS_KM
from treff.volunteers.engine import (
    Availability,
    Config,
    HelpRequest,
    Point,
    UnknownDistrict,
    Volunteer,
    assign_all,
    assign_greedy,
    candidates,
    prepare,
)

from ..cities import DESSAU

district = DESSAU.district

TODAY = date(2026, 6, 1)  # a Monday
MON, TUE, WED = 0, 1, 2
CENTRE = Point(51.8345, 12.2455)


def north(km, of=CENTRE):
    """A point `km` due north: along a meridian the haversine is exactly R·Δφ."""
    return Point(of.lat + math.degrees(km / EARTH_RADIUS_KM), of.lon)


def window(day, start, end):
    return Availability(day, time(*start), time(*end))


def volunteer(id, km=1.0, *, kinds=("shopping",), free=((TUE, (9,), (13,)),), **fields):
    return Volunteer(
        id=id,
        kinds=frozenset(kinds),
        location=fields.pop("location", north(km)),
        availability=tuple(window(*w) for w in free),
        **{"languages": frozenset({"de"}), **fields},
    )


def request(id=100, *, kind="shopping", when=((TUE, (10,), (12,)),), **fields):
    return HelpRequest(
        id=id,
        kind=kind,
        windows=tuple(window(*w) for w in when),
        **{"location": CENTRE, "consent": True, "minutes": 60, **fields},
    )


def ids(ranking):
    return [c.volunteer_id for c in ranking.candidates]


def rendered(reasons):
    with translation.override("en"):
        return [(r.code, str(r.message), r.cost) for r in reasons]


# --- Ranking and reasons -------------------------------------------------------------------


def small_city():
    return [
        volunteer(1, 1.0, languages={"de", "uk"}),
        volunteer(2, 0.5, free=((TUE, (10,), (12,)),), recent_assignments=2),
        volunteer(
            3,
            3.0,
            kinds=("shopping", "walk"),
            free=((TUE, (10,), (11,)), (TUE, (11,), (11, 30))),
            languages={"uk"},
            mobility={"bike"},
            recent_assignments=1,
        ),
        volunteer(4, 0.2, active=False),
        volunteer(5, 0.2, kinds=("walk",)),
        volunteer(6, 0.2, free=((WED, (9,), (13,)),)),
        volunteer(7, 3.0),
        volunteer(8, 0.2, max_open=1, open_assignments=1),
    ]


def test_candidates_are_ranked_by_cost_with_every_reason():
    ranking = candidates(request(languages={"uk"}), small_city(), today=TODAY)
    assert [(c.volunteer_id, c.cost) for c in ranking.candidates] == [(1, 10), (3, 45), (2, 66)]
    first, second, third = ranking.candidates
    assert rendered(first.reasons) == [
        ("kind", "Offers “Shopping when someone is ill”", 0),
        ("time", "Free on Tuesday 10:00–12:00", 0),
        ("distance", "1.0 km away (on foot)", 10),
        ("language", "Speaks Ukrainian", 0),
        ("load", "Helped 0× in the last 90 days", 0),
    ]
    assert rendered(second.reasons) == [
        ("kind", "Offers “Shopping when someone is ill”", 0),
        # 10:00–11:30 in two windows that meet: 30 spare minutes, a tight fit.
        ("time", "Free on Tuesday 10:00–11:30", 7),
        ("distance", "3.0 km away (by bike)", 30),
        ("language", "Speaks Ukrainian", 0),
        ("load", "Helped 1× in the last 90 days", 8),
    ]
    assert rendered(third.reasons) == [
        ("kind", "Offers “Shopping when someone is ill”", 0),
        ("time", "Free on Tuesday 10:00–12:00", 5),
        ("distance", "0.5 km away (on foot)", 5),
        ("language", "Speaks none of the requested languages (Ukrainian)", 40),
        ("load", "Helped 2× in the last 90 days", 16),
    ]
    assert [sum(r.cost for r in c.reasons) for c in ranking.candidates] == [10, 45, 66]
    assert ranking.blocked is None


def test_the_missing_volunteers_are_counted_by_the_rule_that_ruled_them_out():
    ranking = candidates(request(), small_city(), today=TODAY)
    with translation.override("en"):
        assert [(e.code, e.count, str(e.message)) for e in ranking.excluded] == [
            ("inactive", 1, "Paused or left: 1"),
            ("kind", 1, "Do not offer this kind of help: 1"),
            ("capacity", 1, "Already have as many open assignments as they take on: 1"),
            ("distance", 1, "Live too far away for the way they get about: 1"),
            ("time", 1, "Not free at the requested time: 1"),
        ]


def test_limit_and_a_prepared_pool_give_the_same_ranking():
    pool = prepare(small_city())
    assert ids(candidates(request(), pool, today=TODAY, limit=2)) == [1, 2]
    assert candidates(request(), pool, today=TODAY) == candidates(
        request(), small_city(), today=TODAY
    )
    with pytest.raises(ValueError, match="another Config"):
        candidates(request(), pool, today=TODAY, config=Config(cost_per_km=1))


def test_equal_cost_goes_to_the_volunteer_with_fewer_recent_assignments():
    # Same cost: 0.8 km further away, but one assignment fewer (8 points each way).
    people = [volunteer(1, 1.0, recent_assignments=1), volunteer(2, 1.8)]
    ranking = candidates(request(), people, today=TODAY)
    assert [(c.volunteer_id, c.cost) for c in ranking.candidates] == [(2, 18), (1, 18)]


def test_requests_without_a_place_skip_the_distance():
    ranking = candidates(request(location=None), [volunteer(1, 40.0)], today=TODAY)
    assert [(c.volunteer_id, c.cost, c.km) for c in ranking.candidates] == [(1, 0, None)]
    assert [r.code for r in ranking.candidates[0].reasons] == ["kind", "time", "load"]


def test_districts_stand_in_for_addresses():
    ziebigk = district("Ziebigk")
    people = [
        volunteer(1, location=ziebigk),
        volunteer(2, location=district("Siedlung")),
    ]
    wish = request(location=ziebigk)
    ranking = candidates(wish, people, today=TODAY)
    assert [(c.volunteer_id, c.cost) for c in ranking.candidates] == [(1, 0), (2, 12)]
    assert [rendered(c.reasons)[2] for c in ranking.candidates] == [
        ("distance", "Lives in the same district, Ziebigk (on foot)", 0),
        ("distance", "About 1.2 km away between district centres (on foot)", 12),
    ]


def test_district_names_are_looked_up_and_unknown_ones_refused():
    wish = request(location=DESSAU.resolve("Dessau-Ziebigk"), languages={"UK"})
    assert (wish.location, wish.languages) == (district("Ziebigk"), frozenset({"uk"}))
    assert volunteer(1, location=DESSAU.resolve("Rosslau")).location == district("Roßlau (Elbe)")
    with pytest.raises(UnknownDistrict) as caught:
        volunteer(1, location=DESSAU.resolve("Ziebik"))
    with translation.override("en"):
        assert str(caught.value).startswith("“Ziebik” is not a district of the city.")
    # The engine knows no city: a name must be resolved by the city's Gazetteer first.
    with pytest.raises(TypeError):
        volunteer(1, location="Ziebigk")


# --- Hard rules ----------------------------------------------------------------------------


def test_a_request_without_consent_is_shown_to_nobody():
    ranking = candidates(request(consent=False), small_city(), today=TODAY)
    assert ranking.candidates == ()
    assert ranking.excluded == ()
    assert rendered([ranking.blocked]) == [
        (
            "no_consent",
            "The person has not agreed to their request being passed on, so it is not shown "
            "to any volunteer. Ask for their consent first.",
            0,
        )
    ]


def test_accompaniment_and_home_visits_need_a_clearance_valid_on_the_day():
    people = [
        volunteer(1, kinds=("accompaniment", "home_visit"), clearance_until=date(2027, 3, 31)),
        volunteer(2, kinds=("accompaniment", "home_visit"), clearance_until=date(2026, 5, 31)),
        volunteer(3, kinds=("accompaniment", "home_visit"), clearance_until=None),
        volunteer(4, kinds=("accompaniment", "home_visit"), clearance_until=TODAY),
    ]
    for kind in ("accompaniment", "home_visit"):
        ranking = candidates(request(kind=kind), people, today=TODAY)
        assert ids(ranking) == [1, 4]
        assert [(e.code, e.count) for e in ranking.excluded] == [("clearance", 2)]
    with translation.override("en"):
        first = candidates(request(kind="home_visit"), people, today=TODAY).candidates[0]
        assert str(first.reasons[1].message) == (
            "Police clearance certificate valid until 31/03/2027"
        )
    # A dated appointment next week: the clearance ending today no longer covers it.
    appointment = request(kind="accompaniment", on=date(2026, 6, 9), minutes=None)
    assert ids(candidates(appointment, people, today=TODAY)) == [1]


def test_assignments_respect_the_clearance_too():
    people = [
        volunteer(1, kinds=("home_visit",)),
        volunteer(2, kinds=("home_visit",), clearance_until=date(2026, 5, 31)),
    ]
    for assign in (assign_all, assign_greedy):
        result = assign([request(kind="home_visit")], people, today=TODAY)
        assert (result.matches, [u.reason.code for u in result.unassigned]) == (
            (),
            ["no_candidate"],
        )


def test_kinds_without_clearance_take_volunteers_without_one():
    people = [volunteer(1, kinds=("shopping",)), volunteer(2, clearance_until=date(2020, 1, 1))]
    assert ids(candidates(request(kind="shopping"), people, today=TODAY)) == [1, 2]


def test_which_kinds_need_a_clearance_is_configurable():
    config = Config(clearance_kinds=frozenset({"shopping"}))
    people = [volunteer(1), volunteer(2, clearance_until=date(2030, 1, 1))]
    assert ids(candidates(request(), people, today=TODAY, config=config)) == [2]
    config = Config(clearance_kinds=frozenset())
    people = [volunteer(1, kinds=("home_visit",))]
    assert ids(candidates(request(kind="home_visit"), people, today=TODAY, config=config)) == [1]


def test_an_appointment_needs_the_whole_window_free():
    appointment = request(when=((TUE, (10, 10), (11, 20)),), minutes=None)
    people = [
        volunteer(1, free=((TUE, (10,), (11, 30)),)),  # covers 10:00–11:30
        volunteer(2, free=((TUE, (10, 15), (11, 30)),)),  # misses 10:10
        volunteer(3, free=((TUE, (9,), (11,)),)),  # leaves at 11
        volunteer(4, free=((MON, (9,), (18,)),)),  # another day
    ]
    assert ids(candidates(appointment, people, today=TODAY)) == [1]


def test_flexible_help_needs_its_minutes_within_a_window():
    flexible = request(when=((MON, (9,), (17,)), (WED, (9,), (17,))), minutes=90)
    people = [
        volunteer(1, free=((MON, (16,), (18,)),)),  # only 1 h inside the window
        volunteer(2, free=((WED, (15, 30), (17,)),)),  # 1.5 h inside
        volunteer(3, free=((MON, (9,), (10,)), (MON, (10, 30), (11, 30)))),  # 2 h, not in one go
    ]
    ranking = candidates(flexible, people, today=TODAY)
    assert ids(ranking) == [2]
    with translation.override("en"):
        assert str(ranking.candidates[0].reasons[1].message) == "Free on Wednesday 15:30–17:00"


def test_reach_depends_on_how_the_volunteer_gets_about():
    people = [
        volunteer(1, 2.5),  # on foot: 2 km
        volunteer(2, 2.5, max_km=3),  # on foot, but goes up to 3 km
        volunteer(3, 2.5, mobility={"bike"}),
        volunteer(4, 12.0, mobility={"foot", "car"}),
        volunteer(5, 1.5, mobility={"foot", "car"}),
        volunteer(6, 16.0, mobility={"car"}),
    ]
    ranking = candidates(request(), people, today=TODAY)
    assert ids(ranking) == [5, 2, 3, 4]
    assert [rendered(c.reasons)[2][1] for c in ranking.candidates] == [
        "1.5 km away (on foot)",
        "2.5 km away (on foot)",  # walks farther than most
        "2.5 km away (by bike)",
        "12.0 km away (by car)",
    ]


def test_a_volunteer_without_capacity_is_not_proposed():
    people = [volunteer(1, max_open=2, open_assignments=2), volunteer(2, max_open=3)]
    assert ids(candidates(request(), people, today=TODAY)) == [2]


# --- Preference ----------------------------------------------------------------------------


def test_a_female_helper_goes_first_when_asked_for():
    people = [
        volunteer(1, 0.5, gender="male"),
        volunteer(2, 3.0, gender="female", mobility={"bike"}),
        volunteer(3, 1.0),
    ]
    ranking = candidates(request(prefers_gender="female"), people, today=TODAY)
    assert [(c.volunteer_id, c.cost) for c in ranking.candidates] == [(2, 30), (1, 55), (3, 60)]
    assert [rendered(c.reasons)[-1] for c in ranking.candidates] == [
        ("preference", "Preferred: female helper", 0),
        ("preference", "Not the preferred female helper", 50),
        ("preference", "Not the preferred female helper", 50),
    ]
    # Without the wish, gender plays no part and is not mentioned.
    plain = candidates(request(), people, today=TODAY)
    assert ids(plain) == [1, 3, 2]
    assert [r.code for r in plain.candidates[0].reasons] == ["kind", "time", "distance", "load"]


# --- Assignment ----------------------------------------------------------------------------


def on_a_line():
    """Greedy's trap: the urgent request takes the volunteer the other one needs more."""
    anywhere = ((MON, (8,), (18,)),)
    wish = {"when": ((MON, (10,), (12,)),), "languages": frozenset()}
    requests = [
        request(1, location=north(0.0), urgency=3, **wish),
        request(2, location=north(2.0), urgency=2, **wish),
    ]
    people = [
        volunteer(10, 1.0, free=anywhere, mobility={"car"}, max_open=1),
        volunteer(20, -2.0, free=anywhere, mobility={"car"}, max_open=1),
    ]
    return requests, people


def test_the_optimal_assignment_beats_greedy_where_greedy_is_short_sighted():
    requests, people = on_a_line()
    greedy = assign_greedy(requests, people, today=TODAY)
    optimal = assign_all(requests, people, today=TODAY)
    assert [(m.request_id, m.volunteer_id, m.cost) for m in greedy.matches] == [
        (1, 10, 10),
        (2, 20, 40),
    ]
    assert [(m.request_id, m.volunteer_id, m.cost) for m in optimal.matches] == [
        (1, 20, 20),
        (2, 10, 10),
    ]
    assert (greedy.total_cost, optimal.total_cost) == (50, 30)
    assert (greedy.unhelped, optimal.unhelped) == (0, 0)


def test_matches_carry_the_same_reasons_as_the_ranking():
    requests, people = on_a_line()
    match = assign_all(requests, people, today=TODAY).matches[1]
    ranked = candidates(requests[1], people, today=TODAY).candidates[0]
    assert (match.volunteer_id, match.cost, match.reasons) == (
        ranked.volunteer_id,
        ranked.cost,
        ranked.reasons,
    )


def test_capacity_limits_how_many_requests_a_volunteer_takes():
    requests = [request(n, location=north(n / 10)) for n in range(1, 4)]
    people = [volunteer(1, 0.0, max_open=3, open_assignments=1)]
    for assign in (assign_all, assign_greedy):
        result = assign(requests, people, today=TODAY)
        assert [(m.request_id, m.volunteer_id) for m in result.matches] == [(1, 1), (2, 1)]
        assert [(u.request_id, u.reason.code) for u in result.unassigned] == [(3, "taken")]
        assert result.unhelped == 2


def test_as_many_as_possible_get_help_even_at_a_higher_cost():
    # Request 1 could have either volunteer; request 2 only the one next door to request 1.
    requests = [request(1, location=north(0.0)), request(2, location=north(1.9))]
    people = [volunteer(1, 0.1, max_open=1), volunteer(2, -1.9, max_open=1)]
    optimal = assign_all(requests, people, today=TODAY)
    assert [(m.request_id, m.volunteer_id, m.cost) for m in optimal.matches] == [
        (1, 2, 19),
        (2, 1, 18),
    ]
    greedy = assign_greedy(requests, people, today=TODAY)
    assert [(m.request_id, m.volunteer_id, m.cost) for m in greedy.matches] == [(1, 1, 1)]
    assert [(a.unhelped, a.total_cost) for a in (optimal, greedy)] == [(0, 37), (2, 1)]


def test_an_urgent_request_wins_a_scarce_volunteer():
    requests = [
        request(1, location=north(0.1), urgency=1),
        request(2, location=north(1.5), urgency=3),
    ]
    people = [volunteer(1, 0.0, location=CENTRE, max_open=1)]
    result = assign_all(requests, people, today=TODAY)
    assert [(m.request_id, m.volunteer_id, m.cost) for m in result.matches] == [(2, 1, 15)]
    assert [(u.request_id, u.reason.code) for u in result.unassigned] == [(1, "taken")]
    assert result.unhelped == 1


def test_requests_without_consent_or_candidates_stay_unassigned_with_a_reason():
    requests = [
        request(1, consent=False),
        request(2, kind="digital"),
        request(3),
    ]
    result = assign_all(requests, [volunteer(1)], today=TODAY)
    assert [(m.request_id, m.volunteer_id) for m in result.matches] == [(3, 1)]
    with translation.override("en"):
        assert [
            (u.request_id, u.reason.code, str(u.reason.message)) for u in result.unassigned
        ] == [
            (
                2,
                "no_candidate",
                "No volunteer fits this request (kind, clearance, distance or time).",
            ),
            (
                1,
                "no_consent",
                "The person has not agreed to their request being passed on, so it is not shown "
                "to any volunteer. Ask for their consent first.",
            ),
        ]
    assert result.unhelped == 2


def test_nothing_to_assign():
    assert assign_all([], [], today=TODAY).matches == ()
    assert assign_greedy([request(1)], [], today=TODAY).unhelped == 2


def test_greedy_serves_the_most_urgent_then_the_oldest_first():
    early, late = datetime(2026, 5, 1, 9), datetime(2026, 5, 2, 9)
    requests = [
        request(1, created=late),
        request(2, created=early),
        request(3, urgency=1, created=early),
    ]
    result = assign_greedy(requests, [volunteer(1, max_open=1)], today=TODAY)
    assert [m.request_id for m in result.matches] == [2]


def test_the_candidate_graph_can_be_thinned_per_request():
    requests = [request(1), request(2, location=north(0.5))]
    people = [volunteer(1, 0.4, max_open=1), volunteer(2, 1.9, max_open=1)]
    # With only the cheapest candidate each, both want volunteer 1: one goes without.
    thin = assign_all(requests, people, today=TODAY, per_request=1)
    full = assign_all(requests, people, today=TODAY, per_request=None)
    assert (len(thin.matches), len(full.matches)) == (1, 2)


def test_ids_must_be_unique():
    with pytest.raises(ValueError, match="Volunteer ids"):
        candidates(request(), [volunteer(1), volunteer(1)], today=TODAY)
    with pytest.raises(ValueError, match="Request ids"):
        assign_all([request(1), request(1)], [volunteer(1)], today=TODAY)


def test_bad_requests_are_refused():
    with pytest.raises(ValueError, match="no time window"):
        request(when=())
    with pytest.raises(ValueError, match="fit no window"):
        request(minutes=180)
    with pytest.raises(ValueError, match="another weekday"):
        request(on=date(2026, 6, 3))
    with pytest.raises(ValueError, match="ends before"):
        Availability(MON, time(12), time(10))
