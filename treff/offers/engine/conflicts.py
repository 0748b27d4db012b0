"""Double bookings of rooms and people among occurrences.

A sweep per resource: group occurrences by room and by person, sort each group by start, and
compare each occurrence only with those still running when it starts. That is
O(n log n + conflicts) instead of comparing every pair, which matters for a city-wide year
(~130,000 occurrences, see bench/plan_expand.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from django.utils.translation import gettext_lazy as _

from .recurrence import Occurrence

ConflictKind = Literal["room", "person"]
# Rooms first: a room conflict is the one a coordinator can least work around.
_KIND_ORDER = {"room": 0, "person": 1}


def _format_dt(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two occurrences that need the same room or person at overlapping times.

    `first` is the booking that was there already (the existing one in conflicts_between(),
    else the one starting earlier); `second` is the one that collides with it.
    """

    kind: ConflictKind
    resource_id: int
    first: Occurrence
    second: Occurrence

    def message(
        self,
        *,
        room_name: Callable[[int], str] = str,
        person_name: Callable[[int], str] = str,
        format_dt: Callable[[datetime], str] = _format_dt,
    ) -> str:
        """The conflict as a sentence in the active language, told from `second`'s side.

        It names `first` as the other booking. The default `format_dt` prints the datetime as
        it is; pass one that converts to the Treff's zone for datetimes stored in UTC.
        """
        # The double booking begins when the later of the two starts.
        when = format_dt(max(self.first.start, self.second.start))
        other = self.first.label or f"#{self.first.series_id}"
        if self.kind == "room":
            return _("Room %(room)s is already booked on %(when)s by “%(other)s”.") % {
                "room": room_name(self.resource_id),
                "when": when,
                "other": other,
            }
        return _("%(person)s is already busy on %(when)s with “%(other)s”.") % {
            "person": person_name(self.resource_id),
            "when": when,
            "other": other,
        }


# (start, end, series_id, original date ordinal, sequence, is_new, occurrence); the sequence
# number keeps sorting total without ever comparing two Occurrence objects.
_Entry = tuple[float, float, int, int, int, bool, Occurrence]


def _resources(occ: Occurrence) -> list[tuple[ConflictKind, int]]:
    keys: list[tuple[ConflictKind, int]] = [("person", person_id) for person_id in occ.person_ids]
    if occ.room_id is not None:
        keys.append(("room", occ.room_id))
    return keys


def _group(
    sources: Iterable[tuple[Iterable[Occurrence], bool]],
    *,
    only: tuple[set[int], set[int]] | None = None,
) -> dict[tuple[ConflictKind, int], list[_Entry]]:
    """Entries per resource from (occurrences, is_new) sources.

    With `only` (room ids, person ids), just those resources are kept.
    """
    groups: dict[tuple[ConflictKind, int], list[_Entry]] = defaultdict(list)
    sequence = 0
    for occurrences, is_new in sources:
        for occ in occurrences:
            sequence += 1
            if occ.cancelled:
                continue  # a cancelled occurrence frees its room and people
            if only is None:
                keys = _resources(occ)
            else:
                # Cheap set tests first: most of a city's plan shares nothing with one series.
                rooms, people = only
                if occ.room_id not in rooms and people.isdisjoint(occ.person_ids):
                    continue
                keys = [
                    key
                    for key in _resources(occ)
                    if (key[1] in rooms if key[0] == "room" else key[1] in people)
                ]
            # Timestamps compare true instants: aware datetimes sharing one tzinfo compare by
            # wall clock, which is wrong inside the repeated hour when DST ends.
            start, end = occ.start.timestamp(), occ.end.timestamp()
            if end <= start:
                continue  # an empty interval overlaps nothing
            entry = (
                start,
                end,
                occ.series_id,
                occ.original_date.toordinal(),
                sequence,
                is_new,
                occ,
            )
            for key in keys:
                groups[key].append(entry)
    return groups


def _sweep(
    sources: Iterable[tuple[Iterable[Occurrence], bool]],
    *,
    only_with_new: bool,
    only: tuple[set[int], set[int]] | None = None,
) -> list[Conflict]:
    found: list[tuple[tuple, Conflict]] = []
    for (kind, resource_id), entries in _group(sources, only=only).items():
        entries.sort()
        running: list[_Entry] = []
        for entry in entries:
            start = entry[0]
            # Half-open intervals: what ends exactly when this starts is no conflict.
            running = [other for other in running if other[1] > start]
            for other in running:
                if other[2] == entry[2] and other[3] == entry[3]:
                    continue  # the same occurrence (e.g. stored and re-expanded)
                if only_with_new and not (other[5] or entry[5]):
                    continue  # two existing bookings: not the caller's question
                if other[5] and not entry[5]:
                    first, second = entry, other  # the existing booking comes first
                else:
                    first, second = other, entry
                key = (
                    min(first[0], second[0]),
                    _KIND_ORDER[kind],
                    resource_id,
                    first[0],
                    second[0],
                    first[2],
                    first[3],
                    second[2],
                    second[3],
                )
                found.append((key, Conflict(kind, resource_id, first[6], second[6])))
            running.append(entry)
    found.sort(key=lambda item: item[0])
    return [conflict for _key, conflict in found]


def find_conflicts(occurrences: Iterable[Occurrence]) -> list[Conflict]:
    """All room and person double bookings, ordered by start, then resource.

    Overlap means half-open [start, end) intervals intersect; cancelled occurrences and an
    occurrence compared with itself (same series and original date) never conflict. Two
    people shared by two overlapping occurrences give two conflicts, one per person.
    """
    return _sweep([(occurrences, False)], only_with_new=False)


def conflicts_between(new: Iterable[Occurrence], existing: Iterable[Occurrence]) -> list[Conflict]:
    """Conflicts of `new` occurrences with `existing` ones and among themselves.

    Existing-vs-existing pairs are left out: they are not what the caller is about to save.
    When checking an edited series, leave its stored occurrences out of `existing` (their
    dates may differ from the new version's, so identity cannot pair them up). A moved
    occurrence can be checked against the stored plan as is: its stored original position
    has the same identity and is ignored.
    """
    new = list(new)
    # Only the rooms and people of the new occurrences can conflict with them; skipping the
    # rest makes checking one series against a city-wide year cheap (see the benchmark).
    live = [occ for occ in new if not occ.cancelled]
    rooms = {occ.room_id for occ in live if occ.room_id is not None}
    people = {person_id for occ in live for person_id in occ.person_ids}
    return _sweep([(new, True), (existing, False)], only_with_new=True, only=(rooms, people))
