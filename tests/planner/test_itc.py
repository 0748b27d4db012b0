"""ITC-2007 Track 3: parsing, the independent cost checker, the mapping and a tiny optimum."""

import random

import pytest

from treff.planner.engine import Status, check, evaluate, solve
from treff.planner.engine.ctt_cost import ctt_cost
from treff.planner.engine.itc import (
    Lecture,
    format_solution,
    lectures_of,
    parse,
    parse_solution,
    placements_of,
    read_instance,
    to_problem,
)

TINY = """\
Name: Tiny
Courses: 3
Rooms: 2
Days: 2
Periods_per_day: 3
Curricula: 1
Constraints: 1

COURSES:
c1 t1 3 2 20
c2 t2 2 2 10
c3 t1 1 1 5

ROOMS:
R10\t10
R30\t30

CURRICULA:
q1  2 c1 c2

UNAVAILABILITY_CONSTRAINTS:
c2 0 0

END.
"""


@pytest.fixture
def tiny(tmp_path):
    path = tmp_path / "tiny.ctt"
    path.write_text(TINY)
    return read_instance(path)


def lines(text):
    return parse_solution(text)


def test_parse(tiny):
    assert tiny.name == "Tiny"
    assert (tiny.days, tiny.periods_per_day) == (2, 3)
    assert [c.id for c in tiny.courses] == ["c1", "c2", "c3"]
    assert tiny.courses[0].teacher == "t1"
    assert tiny.courses[0].students == 20
    assert [(r.id, r.capacity) for r in tiny.rooms] == [("R10", 10), ("R30", 30)]
    assert tiny.curricula[0].courses == ("c1", "c2")
    assert tiny.unavailable == frozenset({("c2", 0, 0)})
    assert tiny.lectures == 6


def test_parse_refuses_a_wrong_header():
    with pytest.raises(ValueError, match="announces"):
        parse(TINY.replace("Courses: 3", "Courses: 4"))


def test_checker_on_a_feasible_solution(tiny):
    solution = lines(
        """
        c1 R30 0 0
        c1 R30 0 1
        c1 R10 1 0
        c2 R10 0 2
        c2 R10 1 2
        c3 R10 1 1
        """
    )
    result = ctt_cost(tiny, solution)
    assert result.feasible
    # RoomCapacity: c1 (20 students) in R10 once: 10. MinWorkingDays: all met.
    # Compactness of q1 (c1, c2): day 0 busy 0-1-2, nothing isolated; day 1 busy 0 and 2
    # (c3 at 1 is not in q1): two isolated lectures, 2 × 2 = 4. RoomStability: c1 uses two
    # rooms: 1. Total 15.
    assert result.soft == {
        "RoomCapacity": 10,
        "MinWorkingDays": 0,
        "CurriculumCompactness": 4,
        "RoomStability": 1,
    }
    assert result.cost == 15


def test_checker_counts_hard_violations(tiny):
    solution = lines(
        """
        c1 R30 0 0
        c1 R30 0 0
        c1 R30 1 1
        c2 R10 0 0
        c3 R10 1 1
        c9 R10 0 0
        """
    )
    result = ctt_cost(tiny, solution)
    # Lectures: c1 uses 2 distinct periods of 3 (1) and repeats one (1); c2 has 1 of 2 (1).
    # RoomOccupancy: R30 twice at (0, 0). Conflicts: c1/c2 (curriculum) at (0, 0), c1/c3
    # (teacher t1) at (1, 1). Availability: c2 at (0, 0). Unknown: course c9.
    assert result.hard == {
        "Lectures": 3,
        "RoomOccupancy": 1,
        "Conflicts": 2,
        "Availability": 1,
        "Unknown": 1,
    }
    assert result.violations == 8
    # MinWorkingDays: c2 on one day of 2: 5. Compactness: day 0 period 0 has three lines of
    # q1 and no neighbour (3 × 2); day 1 period 1 has one, isolated (2). Total 13.
    assert result.soft == {
        "RoomCapacity": 0,
        "MinWorkingDays": 5,
        "CurriculumCompactness": 8,
        "RoomStability": 0,
    }
    assert result.cost == 13


def test_solution_format_round_trip(tiny):
    lectures = [Lecture("c1", "R30", 0, 0), Lecture("c2", "R10", 1, 2)]
    text = format_solution(lectures)
    assert text == "c1 R30 0 0\nc2 R10 1 2\n"
    assert parse_solution(text) == lectures
    with pytest.raises(ValueError, match="Line 1"):
        parse_solution("c1 R30 0\n")


def test_mapping_round_trip_and_costs_agree(tiny):
    problem = to_problem(tiny)
    c1 = next(r for r in problem.demands if r.id == "c1")
    assert (c1.sessions, c1.min_days, c1.attendees, c1.persons, c1.groups) == (
        3,
        2,
        20,
        ("t1",),
        ("q1",),
    )
    c2 = next(r for r in problem.demands if r.id == "c2")
    assert len(c2.windows) == 2  # day 0 periods 1-2, day 1 periods 0-2
    solution = lines("c1 R30 0 0\nc1 R30 0 1\nc1 R10 1 0\nc2 R10 0 2\nc2 R10 1 2\nc3 R10 1 1\n")
    placements = placements_of(tiny, solution)
    assert lectures_of(tiny, placements) == sorted(solution)
    assert check(problem, placements) == []
    # The planner's own evaluation of the same timetable is the official cost.
    assert sum(evaluate(problem, placements).values()) == ctt_cost(tiny, solution).cost == 15


def test_tiny_instance_solved_to_its_known_optimum():
    instance = parse(
        """Name: Opt
Courses: 2
Rooms: 2
Days: 2
Periods_per_day: 2
Curricula: 1
Constraints: 2

COURSES:
a t1 2 2 50
b t2 1 1 10

ROOMS:
R 40
S 60

CURRICULA:
q 2 a b

UNAVAILABILITY_CONSTRAINTS:
a 1 0
a 1 1

END.
"""
    )
    # a may only use day 0, so both its lectures fill day 0 (MinWorkingDays 1 short: 5) in
    # S (fits); b shares curriculum q, so it goes to day 1, alone: isolated (2). Optimum 7.
    solution = solve(to_problem(instance), time_limit=10, workers=1)
    assert solution.status == Status.OPTIMAL
    assert solution.objective == 7
    result = ctt_cost(instance, lectures_of(instance, solution.placements))
    assert result.feasible
    assert result.cost == 7


def random_instance(seed):
    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    courses = []
    for i in range(18):
        lectures = rng.randint(1, 4)
        courses.append(
            f"c{i} t{rng.randrange(9)} {lectures} {rng.randint(1, lectures)} {rng.randint(5, 60)}"
        )
    curricula = [f"q{j} 3 " + " ".join(f"c{i}" for i in rng.sample(range(18), 3)) for j in range(6)]
    unavailable = sorted(
        {f"c{rng.randrange(18)} {rng.randrange(4)} {rng.randrange(4)}" for _ in range(12)}
    )
    rooms = ["A 20", "B 40", "C 50"]
    return parse(
        "Name: Random\n"
        f"Courses: {len(courses)}\nRooms: {len(rooms)}\nDays: 4\nPeriods_per_day: 4\n"
        f"Curricula: {len(curricula)}\nConstraints: {len(unavailable)}\n\n"
        "COURSES:\n" + "\n".join(courses) + "\n\nROOMS:\n" + "\n".join(rooms) + "\n\n"
        "CURRICULA:\n" + "\n".join(curricula) + "\n\n"
        "UNAVAILABILITY_CONSTRAINTS:\n" + "\n".join(unavailable) + "\n\nEND.\n"
    )


@pytest.mark.parametrize("staged", [False, True])
def test_solver_objective_is_the_official_cost(staged):
    instance = random_instance(7)
    solution = solve(
        to_problem(instance),
        time_limit=3,
        workers=2,
        strategy="staged" if staged else "monolithic",
        seed=3,
    )
    assert solution.status in (Status.FEASIBLE, Status.OPTIMAL)
    result = ctt_cost(instance, lectures_of(instance, solution.placements))
    assert result.feasible
    assert result.cost == solution.objective
    assert solution.bound is None or solution.bound <= result.cost
