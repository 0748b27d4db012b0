"""When no plan exists, the planner names the smallest clash in words."""

import datetime as dt

from django.utils import translation

from treff.planner.engine.model import Grid, Problem, Request, Room, Status, Window
from treff.planner.engine.solver import solve

TUESDAY_10_12 = (Window(1, dt.time(10), dt.time(12)),)


def _counselling(request_id, name, **extra):
    return Request(
        request_id,
        name,
        minutes=120,
        windows=TUESDAY_10_12,
        room_kinds=frozenset({"visit_counselling"}),
        **extra,
    )


def _problem(*requests):
    return Problem(
        grid=Grid(),
        rooms=(
            Room("r1", "Beratungsraum", kind="visit_counselling", capacity=4),
            Room("r2", "Gruppenraum", kind="group", capacity=12),
        ),
        requests=requests,
        names={"visit_counselling": "Beratungsraum für Gastberatungen", "u1": "Sandra Richter"},
    )


def test_two_requests_for_the_only_counselling_room_are_named():
    solution = solve(
        _problem(
            _counselling("a", "Schuldnerberatung"),
            _counselling("b", "Suchtberatung"),
            Request("c", "Seniorencafé", minutes=60),  # fits: not part of the clash
        ),
        time_limit=5,
    )
    assert (solution.status, solution.explanation.minimal) == (Status.INFEASIBLE, True)
    (conflict,) = solution.explanation.conflicts
    assert conflict.requests == ("a", "b")
    with translation.override("en"):
        assert str(conflict) == (
            "Schuldnerberatung, Suchtberatung all need a room of the kind “Beratungsraum für "
            "Gastberatungen” at Tuesday 10:00–12:00; there is only one."
        )
    with translation.override("de"):
        assert str(conflict) == (
            "Schuldnerberatung, Suchtberatung brauchen alle am Dienstag 10:00–12:00 einen Raum "
            "der Art „Beratungsraum für Gastberatungen“; es gibt nur einen."
        )


def test_one_person_in_two_places_is_named():
    solution = solve(
        _problem(
            Request("a", "Sprechstunde", minutes=120, windows=TUESDAY_10_12, persons=("u1",)),
            Request("b", "Hausbesuch", minutes=120, windows=TUESDAY_10_12, persons=("u1",)),
        ),
        time_limit=5,
    )
    with translation.override("en"):
        assert [str(c) for c in solution.explanation.conflicts] == [
            "Sprechstunde, Hausbesuch cannot all be planned: Sandra Richter would have to be in "
            "two places at once."
        ]


def test_a_request_without_any_suitable_room_is_named_alone():
    solution = solve(
        _problem(Request("a", "Tanzkurs", minutes=60, room_kinds=frozenset({"outdoor"}))),
        time_limit=5,
    )
    with translation.override("en"):
        assert [str(c) for c in solution.explanation.conflicts] == [
            "Tanzkurs cannot be planned: in its possible times no suitable room is free."
        ]
