"""Infeasible plans are explained by a small set of conflicting demands, in plain words.

The messages are English source strings (German comes from the catalogue), so they are
asserted under translation.override("en").
"""

from datetime import time

from django.utils import translation

from treff.planner.engine import (
    Closure,
    Demand,
    FixedBooking,
    Grid,
    Problem,
    Room,
    Status,
    Window,
    solve,
)
from treff.planner.engine.explain import explain

GRID = Grid(days=(0, 1, 2, 3, 4), start=time(8), end=time(18), slot_minutes=30)
TUESDAY_10_12 = (Window(1, time(10), time(12)),)
ROOMS = (
    Room("gast", "Beratungsraum Gastberatung", kind="visit_counselling", capacity=4),
    Room("koord", "Beratungsraum Koordination", kind="coord_counselling", capacity=4),
    Room("gruppe", "Gruppenraum", kind="group", capacity=12),
)
VISITING = frozenset({"visit_counselling"})


def counselling(key, name, **fields):
    fields.setdefault("windows", TUESDAY_10_12)
    fields.setdefault("room_kinds", VISITING)
    return Demand(key, name, minutes=120, **fields)


def explained(demands, **kwargs):
    problem = Problem(grid=GRID, rooms=ROOMS, demands=tuple(demands), **kwargs)
    solution = solve(problem, time_limit=10, workers=1)
    assert solution.status == Status.INFEASIBLE
    assert solution.explanation is not None
    return solution.explanation


def test_two_requests_for_one_room_name_both_and_the_room():
    demands = [
        counselling("schuldner", "Schuldnerberatung"),
        counselling("sucht", "Suchtberatung"),
        # Unrelated demands stay out of the explanation.
        Demand("cafe", "Seniorencafé", minutes=120, room_kinds=frozenset({"group"})),
        counselling("job", "Jobcenter", windows=(Window(2, time(9), time(12)),)),
    ]
    explanation = explained(demands)
    assert explanation.minimal
    (conflict,) = explanation.conflicts
    assert conflict.demands == ("schuldner", "sucht")
    with translation.override("en"):
        assert str(conflict) == (
            "Schuldnerberatung and Suchtberatung both need a counselling room for visiting "
            "services on Tuesday 10:00–12:00; there is only one."
        )
        assert str(explanation) == str(conflict)
    with translation.override("de"):
        assert str(conflict) == (
            "Schuldnerberatung und Suchtberatung brauchen beide einen Beratungsraum für "
            "Gastberatungen am Dienstag 10:00–12:00; es gibt nur einen passenden Raum."
        )


def test_three_requests_and_two_rooms():
    rooms_kind = frozenset({"visit_counselling", "coord_counselling"})
    demands = [
        counselling(key, name, room_kinds=rooms_kind)
        for key, name in (("a", "Schuldnerberatung"), ("b", "Suchtberatung"), ("c", "DWG"))
    ]
    (conflict,) = explained(demands).conflicts
    assert set(conflict.demands) == {"a", "b", "c"}
    with translation.override("en"):
        text = str(conflict)
    assert text.startswith("Schuldnerberatung, Suchtberatung and DWG all need one of the rooms")
    assert text.endswith("on Tuesday 10:00–12:00; there are only 2.")


def test_one_person_in_two_places():
    demands = [
        counselling("a", "Sozialberatung", persons=("anna",), room_kinds=frozenset()),
        Demand("b", "Seniorencafé", minutes=60, windows=TUESDAY_10_12, persons=("anna",)),
    ]
    (conflict,) = explained(demands, names={"anna": "Anna Becker"}).conflicts
    assert ("person", "anna") in conflict.constraints
    with translation.override("en"):
        assert str(conflict) == (
            "Anna Becker is responsible for Sozialberatung and Seniorencafé, which must all "
            "take place on Tuesday 10:00–12:00, and cannot be in two places at once."
        )


def test_no_room_meets_the_requirements():
    demands = [
        Demand("k", "Kochkurs", room_kinds=frozenset({"kitchen"}), attendees=8),
        Demand("ok", "Anything", minutes=60),
    ]
    (conflict,) = explained(demands).conflicts
    assert conflict.demands == ("k",)
    with translation.override("en"):
        assert str(conflict) == (
            "No room meets the requirements of Kochkurs (a kitchen, room for 8 people)."
        )


def test_a_fixed_booking_in_the_way_is_named():
    fixed = (
        FixedBooking(
            "lunch", "Mittagstisch", 1, time(10), time(12), rooms=("gast",), persons=("tafel",)
        ),
    )
    demands = [counselling("schuldner", "Schuldnerberatung")]
    (conflict,) = explained(demands, fixed=fixed).conflicts
    assert ("fixed", "lunch") in conflict.constraints
    with translation.override("en"):
        text = str(conflict)
    assert text.startswith("No room suitable for Schuldnerberatung")
    assert "“Mittagstisch” is already planned on Tuesday 10:00–12:00" in text


def test_a_closure_is_named():
    closures = (Closure(1, rooms=frozenset({"gast"}), reason="Renovierung"),)
    demands = [counselling("schuldner", "Schuldnerberatung")]
    (conflict,) = explained(demands, closures=closures).conflicts
    with translation.override("en"):
        text = str(conflict)
    assert "Closed on Tuesday 08:00–18:00: Beratungsraum Gastberatung (Renovierung)." in text


def test_independent_conflicts_are_each_explained():
    demands = [
        counselling("a", "Schuldnerberatung"),
        counselling("b", "Suchtberatung"),
        Demand("c", "Kochkurs", room_kinds=frozenset({"kitchen"})),
    ]
    explanation = explain(Problem(grid=GRID, rooms=ROOMS, demands=tuple(demands)))
    assert sorted(conflict.demands for conflict in explanation.conflicts) == [
        ("a", "b"),
        ("c",),
    ]


def test_messages_are_lazy():
    demands = [counselling("a", "Schuldnerberatung"), counselling("b", "Suchtberatung")]
    (conflict,) = explained(demands).conflicts
    # Rendered in whichever language is active when str() is called, not when solved.
    with translation.override("en"):
        english = str(conflict)
    with translation.override("de"):
        german = str(conflict)
    assert "Schuldnerberatung" in english
    assert "Schuldnerberatung" in german
    assert "Tuesday" in english
    assert "Dienstag" in german  # weekday names are already in the catalogue
