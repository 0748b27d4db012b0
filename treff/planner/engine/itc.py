"""ITC-2007 curriculum-based course timetabling (Track 3) as a planner problem.

The benchmark has the shape of a Treff's weekly plan, only larger: courses are demands with
a number of one-period sessions and a minimum number of working days, teachers are the
responsible persons, curricula are audience groups whose sessions must not overlap (a hard
rule there), unavailable periods cut the allowed windows, and rooms are rooms whose capacity
may be exceeded at a cost. The weights of the "UD2" formulation become the planner's Weights,
so the planner's objective equals the official cost (`ctt_cost` checks that independently).

File formats: see /work/shared/bench/itc2007/README.md (`.ctt` instances; solutions with one
line `course room day period` per lecture, 0-based day and period).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time
from pathlib import Path

from .model import Demand, Grid, Placement, Problem, Room, Weights, Window

# One period is one slot of an hour from 08:00; the times only matter for display.
_DAY_START = 8

ITC_WEIGHTS = Weights(
    same_room=1,  # RoomStability: 1 per extra room
    spread_days=5,  # MinWorkingDays: 5 per day short
    preferred_time=0,
    group_overlap=None,  # curricula: a hard rule
    group_isolated=2,  # CurriculumCompactness: 2 per isolated lecture and curriculum
    compact_person=0,
    room_waste=0,
    room_overfull=1,  # RoomCapacity: 1 per student above capacity
)


@dataclass(frozen=True, slots=True)
class Course:
    id: str
    teacher: str
    lectures: int
    min_days: int
    students: int


@dataclass(frozen=True, slots=True)
class ItcRoom:
    id: str
    capacity: int


@dataclass(frozen=True, slots=True)
class Curriculum:
    id: str
    courses: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Instance:
    name: str
    days: int
    periods_per_day: int
    courses: tuple[Course, ...]
    rooms: tuple[ItcRoom, ...]
    curricula: tuple[Curriculum, ...]
    unavailable: frozenset[tuple[str, int, int]]  # (course, day, period)

    @property
    def lectures(self) -> int:
        return sum(course.lectures for course in self.courses)


@dataclass(frozen=True, slots=True, order=True)
class Lecture:
    """One line of a solution file."""

    course: str
    room: str
    day: int
    period: int


def parse(text: str) -> Instance:
    """Read a `.ctt` instance; raises ValueError on a malformed file."""
    header: dict[str, str] = {}
    sections: dict[str, list[list[str]]] = {}
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line == "END.":
            continue
        if line.endswith(":") and " " not in line:
            current = line[:-1].upper()
            sections[current] = []
            continue
        if current is None:
            name, _, value = line.partition(":")
            header[name.strip().lower()] = value.strip()
            continue
        sections[current].append(line.split())
    try:
        days = int(header["days"])
        periods = int(header["periods_per_day"])
        courses = tuple(
            Course(fields[0], fields[1], int(fields[2]), int(fields[3]), int(fields[4]))
            for fields in sections.get("COURSES", [])
        )
        rooms = tuple(ItcRoom(fields[0], int(fields[1])) for fields in sections.get("ROOMS", []))
        curricula = tuple(
            Curriculum(fields[0], tuple(fields[2 : 2 + int(fields[1])]))
            for fields in sections.get("CURRICULA", [])
        )
        unavailable = frozenset(
            (fields[0], int(fields[1]), int(fields[2]))
            for fields in sections.get("UNAVAILABILITY_CONSTRAINTS", [])
        )
    except (KeyError, IndexError, ValueError) as error:
        raise ValueError(f"Not a valid .ctt instance: {error}") from error
    for key, found in (("courses", courses), ("rooms", rooms), ("curricula", curricula)):
        if key in header and int(header[key]) != len(found):
            raise ValueError(f"The header announces {header[key]} {key}, found {len(found)}.")
    return Instance(
        name=header.get("name", ""),
        days=days,
        periods_per_day=periods,
        courses=courses,
        rooms=rooms,
        curricula=curricula,
        unavailable=unavailable,
    )


def read_instance(path: str | Path) -> Instance:
    return parse(Path(path).read_text(encoding="utf-8"))


def grid_of(instance: Instance) -> Grid:
    return Grid(
        days=tuple(range(instance.days)),
        start=time(_DAY_START),
        end=time(_DAY_START + instance.periods_per_day),
        slot_minutes=60,
    )


def _windows(instance: Instance, course: Course) -> tuple[Window, ...] | None:
    """Available periods as maximal runs per day (None: the course may go anywhere)."""
    blocked = {(d, p) for c, d, p in instance.unavailable if c == course.id}
    if not blocked:
        return None
    windows = []
    for day in range(instance.days):
        period = 0
        while period < instance.periods_per_day:
            if (day, period) in blocked:
                period += 1
                continue
            first = period
            while period < instance.periods_per_day and (day, period) not in blocked:
                period += 1
            windows.append(Window(day, time(_DAY_START + first), time(_DAY_START + period)))
    return tuple(windows)


def to_problem(instance: Instance) -> Problem:
    """Courses → demands, teachers → persons, curricula → groups, rooms → rooms."""
    groups: dict[str, list[str]] = {course.id: [] for course in instance.courses}
    for curriculum in instance.curricula:
        for course_id in curriculum.courses:
            groups[course_id].append(curriculum.id)
    demands = tuple(
        Demand(
            id=course.id,
            name=course.id,
            sessions=course.lectures,
            minutes=60,
            windows=_windows(instance, course),
            attendees=course.students,
            capacity_hard=False,
            persons=(course.teacher,),
            groups=tuple(groups[course.id]),
            min_days=course.min_days,
        )
        for course in instance.courses
    )
    rooms = tuple(Room(id=room.id, name=room.id, capacity=room.capacity) for room in instance.rooms)
    return Problem(grid=grid_of(instance), rooms=rooms, demands=demands, weights=ITC_WEIGHTS)


def lectures_of(instance: Instance, placements: Iterable[Placement]) -> list[Lecture]:
    """A planner solution as ITC lectures (sorted as a solution file lists them)."""
    return sorted(Lecture(p.demand, p.room, p.day, p.start.hour - _DAY_START) for p in placements)


def placements_of(instance: Instance, lectures: Iterable[Lecture]) -> list[Placement]:
    """ITC lectures as planner placements (for hints and round trips)."""
    return [
        Placement(
            demand=lecture.course,
            room=lecture.room,
            day=lecture.day,
            start=time(_DAY_START + lecture.period),
            end=time(_DAY_START + lecture.period + 1),
        )
        for lecture in lectures
    ]


def format_solution(lectures: Iterable[Lecture]) -> str:
    return "".join(f"{x.course} {x.room} {x.day} {x.period}\n" for x in lectures)


def parse_solution(text: str) -> list[Lecture]:
    """Read a solution file; raises ValueError on a malformed line."""
    lectures = []
    for number, raw in enumerate(text.splitlines(), start=1):
        fields = raw.split()
        if not fields:
            continue
        if len(fields) != 4:
            raise ValueError(f"Line {number}: expected `course room day period`.")
        try:
            lectures.append(Lecture(fields[0], fields[1], int(fields[2]), int(fields[3])))
        except ValueError as error:
            raise ValueError(f"Line {number}: {error}") from error
    return lectures
