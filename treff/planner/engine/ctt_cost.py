"""The ITC-2007 Track 3 ("UD2") cost of a timetable: hard violations and soft cost.

Deliberately independent of the planner's model: it reads only the instance and the
solution's lines, following the rules in /work/shared/bench/itc2007/README.md and the
competition's validator, so it can judge the planner instead of repeating its mistakes.

Counting, as the validator does:

* Lectures: per course, |distinct periods used − #Lectures|, plus every extra line that puts
  a course into a period it already has.
* RoomOccupancy: per room and period, lectures beyond the first.
* Conflicts: per pair of courses sharing a curriculum or a teacher, per period both use.
* Availability: per (course, period) used that the course may not use.
* Unknown: lines naming a course or room that does not exist, or a day or period outside the
  week (they are otherwise ignored).

Soft (weights 1, 5, 2, 1): RoomCapacity per lecture line and student above the room's
capacity; MinWorkingDays per course and day short; CurriculumCompactness per curriculum and
lecture without a lecture of the curriculum in the neighbouring period of the same day;
RoomStability per course, distinct rooms − 1.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from .itc import Instance, Lecture

SOFT_WEIGHTS = {
    "RoomCapacity": 1,
    "MinWorkingDays": 5,
    "CurriculumCompactness": 2,
    "RoomStability": 1,
}


@dataclass(frozen=True, slots=True)
class CttCost:
    hard: dict[str, int]  # violations by rule
    soft: dict[str, int]  # weighted cost by rule

    @property
    def violations(self) -> int:
        return sum(self.hard.values())

    @property
    def cost(self) -> int:
        return sum(self.soft.values())

    @property
    def feasible(self) -> bool:
        return self.violations == 0


def ctt_cost(instance: Instance, lectures: Iterable[Lecture]) -> CttCost:
    courses = {course.id: course for course in instance.courses}
    capacity = {room.id: room.capacity for room in instance.rooms}
    days, per_day = instance.days, instance.periods_per_day
    hard = dict.fromkeys(("Lectures", "RoomOccupancy", "Conflicts", "Availability", "Unknown"), 0)
    soft = dict.fromkeys(SOFT_WEIGHTS, 0)

    lines = []
    for lecture in lectures:
        known = lecture.course in courses and lecture.room in capacity
        if not known or not (0 <= lecture.day < days and 0 <= lecture.period < per_day):
            hard["Unknown"] += 1
            continue
        lines.append(lecture)

    periods: dict[str, set[tuple[int, int]]] = defaultdict(set)  # course -> (day, period)
    lines_per: Counter = Counter()  # (course, day, period) -> lines
    room_use: Counter = Counter()  # (room, day, period) -> lines
    rooms_of: dict[str, set[str]] = defaultdict(set)
    for lecture in lines:
        slot = (lecture.day, lecture.period)
        periods[lecture.course].add(slot)
        lines_per[(lecture.course, *slot)] += 1
        room_use[(lecture.room, *slot)] += 1
        rooms_of[lecture.course].add(lecture.room)
        over = courses[lecture.course].students - capacity[lecture.room]
        soft["RoomCapacity"] += max(0, over)

    for course in instance.courses:
        used = periods.get(course.id, set())
        hard["Lectures"] += abs(len(used) - course.lectures)
        hard["Availability"] += sum(
            1 for day, period in used if (course.id, day, period) in instance.unavailable
        )
        if used:
            soft["RoomStability"] += len(rooms_of[course.id]) - 1
        working = len({day for day, _period in used})
        soft["MinWorkingDays"] += SOFT_WEIGHTS["MinWorkingDays"] * max(0, course.min_days - working)
    hard["Lectures"] += sum(n - 1 for n in lines_per.values() if n > 1)
    hard["RoomOccupancy"] = sum(n - 1 for n in room_use.values() if n > 1)

    # Conflicting pairs: a shared curriculum or teacher; each pair counts once per period.
    pairs: set[tuple[str, str]] = set()
    for curriculum in instance.curricula:
        members = sorted(set(curriculum.courses) & courses.keys())
        pairs.update(combinations(members, 2))
    by_teacher: dict[str, list[str]] = defaultdict(list)
    for course in instance.courses:
        by_teacher[course.teacher].append(course.id)
    for members in by_teacher.values():
        pairs.update(combinations(sorted(members), 2))
    for first, second in pairs:
        hard["Conflicts"] += len(periods.get(first, set()) & periods.get(second, set()))

    for curriculum in instance.curricula:
        load: Counter = Counter()  # (day, period) -> lectures of the curriculum (lines)
        for course_id in set(curriculum.courses):
            for (course, day, period), n in lines_per.items():
                if course == course_id:
                    load[(day, period)] += n
        for (day, period), n in load.items():
            before = load.get((day, period - 1), 0) if period > 0 else 0
            after = load.get((day, period + 1), 0) if period < per_day - 1 else 0
            if n and not before and not after:
                soft["CurriculumCompactness"] += SOFT_WEIGHTS["CurriculumCompactness"] * n
    return CttCost(hard=hard, soft=soft)
