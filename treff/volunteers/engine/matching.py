"""Matching volunteers to help requests: ranked candidates with reasons, and "assign all".

Pure Python (numpy for distances, OR-Tools for the assignment), dataclasses in and out, no
ORM: the app translates its rows into `Volunteer` and `HelpRequest`, and `bench/matching.py`
builds them directly.

One function prices a pair (`_assess`): `candidates()` ranks with it, `assign_all()` minimises
its sum, `assign_greedy()` picks by it (those two live in assignment.py and are re-exported
here). A pair either fails a hard rule (not active, kind not offered, no capacity, no valid
clearance where one is needed, out of reach, not free at the requested time) or gets an
integer cost, lower is better, made of:

- distance: `cost_per_km` per kilometre (straight line; district centres where no address
  coordinates are known);
- language: `language_mismatch` if the volunteer speaks none of the requested languages;
- fair load: `per_recent_assignment` for each assignment in the last `recent_days` days, so
  the same few helpers are not asked every time;
- availability slack: up to `tight_fit` when the volunteer's free time only just covers the
  help, falling to 0 at `comfortable_slack_minutes` of spare time in and around the window;
- preference: `preference_unmet` when the person asked for, say, a female helper and the
  volunteer is not (or did not say).

Every cost part comes back as a `Reason`, so the coordinator sees why a volunteer ranks where
it does, and the parts add up to the candidate's cost.

Times: a week is cut into quarter hours. A volunteer's free window counts only its whole
quarter hours (free 9:10–12:00 counts from 9:15); a request's window is widened to whole
quarter hours (10:10–11:20 needs 10:00–11:30 free). Both roundings are on the safe side.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import lru_cache
from types import MappingProxyType

import numpy as np
from django.utils.translation import gettext_lazy as _

from treff.core.geo import EARTH_RADIUS_KM, District, Point, resolve
from treff.core.text import WEEKDAY_NAMES, LazyText, lazy_join

SLOT_MINUTES = 15
SLOTS_PER_DAY = 24 * 60 // SLOT_MINUTES
_DAY_BITS = (1 << SLOTS_PER_DAY) - 1

# The help kinds of Fachkonzept §2 and the Treff services volunteers run. The labels are the
# same texts as the app's HelpKind choices, so one translation serves both.
KIND_LABELS: Mapping[str, object] = MappingProxyType(
    {
        "shopping": _("Shopping when someone is ill"),
        "handyman": _("Small handyman jobs"),
        "accompaniment": _("Accompaniment to the doctor or to authorities"),
        "walk": _("Going for walks"),
        "reading": _("Reading aloud"),
        "home_visit": _("Company and home visits"),
        "lunch": _("Serving at the lunch table"),
        "clothing": _("Clothing store"),
        "digital": _("Help with phones and computers"),
    }
)
# Ways of getting about, slowest first: a distance is explained by the slowest way that covers
# it ("1.2 km away (on foot)" even for someone who also has a car).
MOBILITY_LABELS: Mapping[str, object] = MappingProxyType(
    {
        "foot": _("on foot"),
        "bike": _("by bike"),
        "public": _("by bus and tram"),
        "car": _("by car"),
    }
)
GENDER_LABELS: Mapping[str, object] = MappingProxyType(
    {"female": _("female"), "male": _("male"), "diverse": _("diverse")}
)
# Usual reach per way of getting about, in km, as the app's defaults.
DEFAULT_REACH_KM: Mapping[str, float] = MappingProxyType(
    {"foot": 2.0, "bike": 5.0, "public": 8.0, "car": 15.0}
)

# Codes of the hard rules, in the order they are checked (a volunteer is counted under the
# first rule it fails).
EXCLUDED_INACTIVE = "inactive"
EXCLUDED_KIND = "kind"
EXCLUDED_CAPACITY = "capacity"
EXCLUDED_CLEARANCE = "clearance"
EXCLUDED_DISTANCE = "distance"
EXCLUDED_TIME = "time"
_EXCLUDED_LABELS = {
    EXCLUDED_INACTIVE: _("Paused or left"),
    EXCLUDED_KIND: _("Do not offer this kind of help"),
    EXCLUDED_CAPACITY: _("Already have as many open assignments as they take on"),
    EXCLUDED_CLEARANCE: _("No police clearance certificate valid on the day"),
    EXCLUDED_DISTANCE: _("Live too far away for the way they get about"),
    EXCLUDED_TIME: _("Not free at the requested time"),
}


def _label(table: Mapping[str, object], code: str) -> object:
    # An unknown code (a kind added in the app before here) is shown as it is, not dropped.
    return table.get(code, code)


@dataclass(frozen=True, slots=True)
class _Km:
    """A distance rendered in the reader's number format (2.1 / 2,1)."""

    value: float

    def __str__(self) -> str:
        from django.utils import formats

        # number_format cuts off digits; 1.4999999 from the haversine should read 1.5.
        return formats.number_format(round(self.value, 1), 1)


@dataclass(frozen=True, slots=True)
class _Day:
    value: date

    def __str__(self) -> str:
        from django.utils import formats

        return formats.date_format(self.value, "SHORT_DATE_FORMAT")


@dataclass(frozen=True, slots=True)
class _Language:
    """A language code rendered as its name in the reader's language ("uk" → "Ukrainian")."""

    code: str

    def __str__(self) -> str:
        from django.utils.translation import get_language_info

        try:
            return str(get_language_info(self.code)["name_translated"])
        except KeyError:
            return self.code


# --- Input ---------------------------------------------------------------------------------


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


@dataclass(frozen=True, slots=True)
class Availability:
    """A weekly window: `day` 0 = Monday … 6 = Sunday, from `start` to `end` (end > start)."""

    day: int
    start: time
    end: time

    def __post_init__(self) -> None:
        if not 0 <= self.day <= 6:
            raise ValueError(f"Weekday must be 0..6, got {self.day}")
        if self.end <= self.start:
            raise ValueError(f"Window ends before it starts: {self.start}–{self.end}")


def _frozen(value: Iterable[str]) -> frozenset[str]:
    return value if isinstance(value, frozenset) else frozenset(value)


def _codes(value: Iterable[str]) -> frozenset[str]:
    # Language codes as Django writes them ("uk", "de"), whatever the form sent.
    return frozenset(code.strip().lower() for code in value)


@dataclass(frozen=True, slots=True)
class Volunteer:
    """One volunteer as the matcher sees them.

    `mobility` lists the ways they get about; each reaches `Config.reach_km[way]` unless
    `max_km` (their own limit) is given, which then holds for every way. `gender` is only
    read for requests that prefer a helper of a gender. `recent_assignments` counts the
    assignments in the last `Config.recent_days` days; `max_open - open_assignments` is how
    many more they can take on now. `location` may be a district's name; an unknown name
    raises UnknownDistrict.
    """

    id: int
    kinds: frozenset[str]
    location: Point | District | str
    availability: tuple[Availability, ...] = ()
    languages: frozenset[str] = frozenset()
    mobility: frozenset[str] = frozenset({"foot"})
    max_km: float | None = None
    active: bool = True
    clearance_until: date | None = None
    gender: str | None = None
    recent_assignments: int = 0
    open_assignments: int = 0
    max_open: int = 2

    def __post_init__(self) -> None:
        # Lists from a JSON field are welcome; the engine works on sets and tuples.
        object.__setattr__(self, "kinds", _frozen(self.kinds))
        object.__setattr__(self, "languages", _codes(self.languages))
        object.__setattr__(self, "location", resolve(self.location))
        object.__setattr__(self, "mobility", _frozen(self.mobility))
        object.__setattr__(self, "availability", tuple(self.availability))

    @property
    def capacity(self) -> int:
        return max(0, self.max_open - self.open_assignments)


@dataclass(frozen=True, slots=True)
class HelpRequest:
    """One request for help.

    `windows` say when the help may take place: one window on the weekday of `on` for a
    single date, or weekly windows for a recurring arrangement. The help takes `minutes`
    within one window; None means the whole window (an appointment). `location` None means the
    place does not matter (help by phone, or at the Treff). `languages` are those the person
    speaks; any one of them will do. `urgency` as the app's choices: 1 can wait, 2 normal,
    3 urgent. Without `consent` the request is never passed on to anyone. `location` may be a
    district's name, as for volunteers.
    """

    id: int
    kind: str
    windows: tuple[Availability, ...]
    location: Point | District | str | None = None
    minutes: int | None = None
    on: date | None = None
    languages: frozenset[str] = frozenset()
    consent: bool = False
    prefers_gender: str | None = None
    urgency: int = 2
    created: datetime | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "languages", _codes(self.languages))
        object.__setattr__(self, "windows", tuple(self.windows))
        if self.location is not None:
            object.__setattr__(self, "location", resolve(self.location))
        if not self.windows:
            raise ValueError(f"Request {self.id} has no time window.")
        if self.on is not None and any(w.day != self.on.weekday() for w in self.windows):
            raise ValueError(f"Request {self.id}: a window lies on another weekday than {self.on}")
        if self.minutes is not None:
            longest = max(_minutes(w.end) - _minutes(w.start) for w in self.windows)
            if not 0 < self.minutes <= longest:
                raise ValueError(f"Request {self.id}: {self.minutes} minutes fit no window.")
        if self.urgency < 1:
            raise ValueError(f"Request {self.id}: urgency starts at 1.")


@dataclass(frozen=True, slots=True)
class Config:
    """What needs a clearance, how far people go, and the weights of the cost parts."""

    # Kinds that bring a volunteer alone into someone's home or life: only with a police
    # clearance certificate (erweitertes Führungszeugnis) valid on the day.
    clearance_kinds: frozenset[str] = frozenset({"accompaniment", "home_visit"})
    reach_km: Mapping[str, float] = field(default_factory=lambda: DEFAULT_REACH_KM)
    cost_per_km: int = 10
    language_mismatch: int = 40
    per_recent_assignment: int = 8
    recent_days: int = 90
    tight_fit: int = 10
    comfortable_slack_minutes: int = 120
    preference_unmet: int = 50


# --- Output --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reason:
    """One line of a candidate's explanation; `cost` is this part's share of the total."""

    code: str
    message: LazyText
    cost: int = 0


@dataclass(frozen=True, slots=True)
class Candidate:
    volunteer_id: int
    cost: int
    km: float | None  # None if the place does not matter
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Excluded:
    """How many volunteers a hard rule ruled out, for "why is nobody proposed?"."""

    code: str
    count: int
    message: LazyText


@dataclass(frozen=True, slots=True)
class Ranking:
    """The answer of `candidates()`: best first, and why the others are missing.

    `blocked` is set when the request itself may not be passed on (no consent); then there
    are no candidates at all.
    """

    candidates: tuple[Candidate, ...]
    excluded: tuple[Excluded, ...] = ()
    blocked: Reason | None = None


@dataclass(frozen=True, slots=True)
class Match:
    request_id: int
    volunteer_id: int
    cost: int
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Unassigned:
    request_id: int
    reason: Reason


@dataclass(frozen=True, slots=True)
class Assignment:
    """A proposal for all open requests, for the coordinator to review and confirm.

    `unhelped` is the urgency-weighted number of requests (with consent) left without help;
    `total_cost` the sum of the matches' costs. The optimal assignment has the smallest
    `unhelped`, and among those the smallest `total_cost`.
    """

    matches: tuple[Match, ...]
    unassigned: tuple[Unassigned, ...]
    total_cost: int
    unhelped: int


# --- Preparation ---------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _free_mask(windows: tuple[Availability, ...]) -> int:
    """The whole quarter hours of the week inside the windows, one bit each."""
    mask = 0
    for window in windows:
        first = -(-_minutes(window.start) // SLOT_MINUTES)
        last = _minutes(window.end) // SLOT_MINUTES
        if last > first:
            mask |= ((1 << (last - first)) - 1) << (window.day * SLOTS_PER_DAY + first)
    return mask


@dataclass(frozen=True, slots=True)
class _Window:
    day: int
    mask: int  # the window's slots, week-wide bits
    need: int  # slots the help takes
    around: int  # the window widened by the comfortable slack, for measuring spare time


@dataclass(frozen=True, slots=True)
class _Prepared:
    help_request: HelpRequest
    windows: tuple[_Window, ...]
    clearance_from: int | None  # ordinal of the first day a clearance must be valid, if needed
    lat: float | None  # radians
    lon: float | None


def _prepare(help_request: HelpRequest, today: date, config: Config) -> _Prepared:
    margin = config.comfortable_slack_minutes // SLOT_MINUTES
    windows = []
    for window in help_request.windows:
        first = _minutes(window.start) // SLOT_MINUTES
        last = -(-_minutes(window.end) // SLOT_MINUTES)
        need = -(-help_request.minutes // SLOT_MINUTES) if help_request.minutes else last - first
        base = window.day * SLOTS_PER_DAY
        low, high = max(0, first - margin), min(SLOTS_PER_DAY, last + margin)
        windows.append(
            _Window(
                day=window.day,
                mask=((1 << (last - first)) - 1) << (base + first),
                need=need,
                around=((1 << (high - low)) - 1) << (base + low),
            )
        )
    clearance_from = None
    if help_request.kind in config.clearance_kinds:
        # Valid today, and still on the day of the help if that is later.
        clearance_from = max(today, help_request.on or today).toordinal()
    lat = lon = None
    if help_request.location is not None:
        lat, lon = math.radians(help_request.location.lat), math.radians(help_request.location.lon)
    return _Prepared(help_request, tuple(windows), clearance_from, lat, lon)


@dataclass(frozen=True, slots=True)
class _Volunteer:
    volunteer: Volunteer
    mask: int
    ways: tuple[str, ...]  # slowest first


class _Group:
    """The volunteers offering one kind, as columns for vectorised filtering."""

    __slots__ = ("active", "capacity", "clearance", "cos_lat", "lat", "lon", "members", "reach")

    def __init__(self, members: list[int], prepared: list[_Volunteer], config: Config) -> None:
        self.members = np.array(members, dtype=np.int64)
        people = [prepared[i].volunteer for i in members]
        self.active = np.array([v.active for v in people], dtype=bool)
        self.capacity = np.array([v.capacity > 0 for v in people], dtype=bool)
        self.clearance = np.array(
            [v.clearance_until.toordinal() if v.clearance_until else -1 for v in people],
            dtype=np.int64,
        )
        self.lat = np.radians(np.array([v.location.lat for v in people], dtype=np.float64))
        self.lon = np.radians(np.array([v.location.lon for v in people], dtype=np.float64))
        self.cos_lat = np.cos(self.lat)
        self.reach = np.array([_reach(v, config) for v in people], dtype=np.float64)


def _reach(volunteer: Volunteer, config: Config) -> float:
    if volunteer.max_km is not None:
        return float(volunteer.max_km)
    return max((config.reach_km.get(way, 0.0) for way in volunteer.mobility), default=0.0)


class Pool:
    """Volunteers prepared for matching: free-time bit masks and per-kind columns.

    Build it once with `prepare()` to rank many requests against the same volunteers;
    `candidates()` and the assignments also accept a plain sequence and prepare it themselves.
    """

    def __init__(self, volunteers: Iterable[Volunteer], config: Config) -> None:
        self.config = config
        self.volunteers = tuple(volunteers)
        ids = [v.id for v in self.volunteers]
        if len(set(ids)) != len(ids):
            raise ValueError("Volunteer ids must be unique.")
        order = {way: n for n, way in enumerate(MOBILITY_LABELS)}
        self.prepared = [
            _Volunteer(
                v,
                _free_mask(v.availability),
                tuple(sorted(v.mobility, key=lambda way: order.get(way, len(order)))),
            )
            for v in self.volunteers
        ]
        by_kind: dict[str, list[int]] = {}
        for index, v in enumerate(self.volunteers):
            for kind in v.kinds:
                by_kind.setdefault(kind, []).append(index)
        self.groups = {
            kind: _Group(members, self.prepared, config) for kind, members in by_kind.items()
        }
        self.active_count = sum(v.active for v in self.volunteers)


def prepare(volunteers: Iterable[Volunteer], *, config: Config | None = None) -> Pool:
    return Pool(volunteers, config or Config())


def _pool(volunteers: Iterable[Volunteer] | Pool, config: Config) -> Pool:
    if isinstance(volunteers, Pool):
        if volunteers.config != config:
            raise ValueError("The pool was prepared with another Config.")
        return volunteers
    return Pool(volunteers, config)


# --- The price of a pair -------------------------------------------------------------------


def _runs(bits: int, need: int) -> bool:
    """Whether `bits` holds `need` consecutive ones (log-many shifts, not a bit loop)."""
    have = 1
    while have < need and bits:
        step = min(have, need - have)
        bits &= bits >> step
        have += step
    return bits != 0


def _spare_minutes(help_request: _Prepared, mask: int) -> int | None:
    """Spare free minutes in and around the best fitting window; None if no window fits."""
    best = None
    for window in help_request.windows:
        if _runs(mask & window.mask, window.need):
            spare = ((mask & window.around).bit_count() - window.need) * SLOT_MINUTES
            best = spare if best is None else max(best, spare)
    return best


def _format_slot(slot: int) -> str:
    minutes = slot * SLOT_MINUTES
    return f"{minutes // 60:02d}:{minutes % 60:02d}" if minutes < 24 * 60 else "24:00"


def _free_times(help_request: _Prepared, mask: int) -> LazyText:
    """The volunteer's free stretches inside the request's windows that are long enough."""
    parts = []
    for window in help_request.windows:
        bits = ((mask & window.mask) >> (window.day * SLOTS_PER_DAY)) & _DAY_BITS
        slot = 0
        while bits >> slot:
            if not (bits >> slot) & 1:
                slot += 1
                continue
            end = slot
            while (bits >> end) & 1:
                end += 1
            if end - slot >= window.need:
                parts.append(
                    LazyText(
                        _("%(day)s %(start)s–%(end)s"),
                        day=WEEKDAY_NAMES[window.day],
                        start=_format_slot(slot),
                        end=_format_slot(end),
                    )
                )
            slot = end
    return LazyText(_("Free on %(times)s"), times=lazy_join(parts))


def _way(prepared: _Volunteer, km: float, config: Config) -> str:
    """The slowest way of getting about that usually covers `km`, else the fastest one."""
    for way in prepared.ways:
        if km <= config.reach_km.get(way, 0.0):
            return way
    return prepared.ways[-1] if prepared.ways else ""


def _assess(
    help_request: _Prepared,
    prepared: _Volunteer,
    km: float | None,
    config: Config,
    *,
    explain: bool,
) -> tuple[int, tuple[Reason, ...]] | None:
    """The cost of the pair (and its reasons if `explain`), or None if not free in time.

    The other hard rules are checked before, vectorised over the pool, by `_scan`.
    """
    spare = _spare_minutes(help_request, prepared.mask)
    if spare is None:
        return None
    volunteer, wish = prepared.volunteer, help_request.help_request
    comfortable = config.comfortable_slack_minutes
    time_cost = config.tight_fit * max(0, comfortable - spare) // comfortable if comfortable else 0
    distance_cost = round(km * config.cost_per_km) if km is not None else 0
    matched = wish.languages & volunteer.languages
    language_cost = config.language_mismatch if wish.languages and not matched else 0
    load_cost = config.per_recent_assignment * volunteer.recent_assignments
    wanted = wish.prefers_gender
    preference_cost = config.preference_unmet if wanted and volunteer.gender != wanted else 0
    cost = time_cost + distance_cost + language_cost + load_cost + preference_cost
    if not explain:
        return cost, ()

    reasons = [
        Reason("kind", LazyText(_("Offers “%(kind)s”"), kind=_label(KIND_LABELS, wish.kind)))
    ]
    if help_request.clearance_from is not None:
        reasons.append(
            Reason(
                "clearance",
                LazyText(
                    _("Police clearance certificate valid until %(date)s"),
                    date=_Day(volunteer.clearance_until),
                ),
            )
        )
    reasons.append(Reason("time", _free_times(help_request, prepared.mask), time_cost))
    if km is not None:
        way = _label(MOBILITY_LABELS, _way(prepared, km, config))
        if isinstance(wish.location, Point) and isinstance(volunteer.location, Point):
            message = LazyText(_("%(km)s km away (%(way)s)"), km=_Km(km), way=way)
        elif wish.location == volunteer.location:
            message = LazyText(
                _("Lives in the same district, %(district)s (%(way)s)"),
                district=volunteer.location.name,
                way=way,
            )
        else:
            message = LazyText(
                _("About %(km)s km away between district centres (%(way)s)"), km=_Km(km), way=way
            )
        reasons.append(Reason("distance", message, distance_cost))
    if wish.languages:
        if matched:
            message = LazyText(
                _("Speaks %(languages)s"),
                languages=lazy_join(_Language(code) for code in sorted(matched)),
            )
        else:
            message = LazyText(
                _("Speaks none of the requested languages (%(languages)s)"),
                languages=lazy_join(_Language(code) for code in sorted(wish.languages)),
            )
        reasons.append(Reason("language", message, language_cost))
    reasons.append(
        Reason(
            "load",
            LazyText(
                _("Helped %(count)s× in the last %(days)s days"),
                count=volunteer.recent_assignments,
                days=config.recent_days,
            ),
            load_cost,
        )
    )
    if wanted:
        label = _label(GENDER_LABELS, wanted)
        if preference_cost:
            message = LazyText(_("Not the preferred %(gender)s helper"), gender=label)
        else:
            message = LazyText(_("Preferred: %(gender)s helper"), gender=label)
        reasons.append(Reason("preference", message, preference_cost))
    return cost, tuple(reasons)


def _scan(
    help_request: _Prepared, pool: Pool, config: Config
) -> tuple[list[tuple[int, int, float | None]], dict[str, int]]:
    """Every volunteer passing the hard rules as (cost, index in pool, km); and the counts
    of volunteers each rule ruled out."""
    excluded = dict.fromkeys(_EXCLUDED_LABELS, 0)
    excluded[EXCLUDED_INACTIVE] = len(pool.volunteers) - pool.active_count
    group = pool.groups.get(help_request.help_request.kind)
    if group is None:
        excluded[EXCLUDED_KIND] = pool.active_count
        return [], excluded
    ok = group.active
    active_here = int(ok.sum())
    excluded[EXCLUDED_KIND] = pool.active_count - active_here
    ok = ok & group.capacity
    excluded[EXCLUDED_CAPACITY] = active_here - int(ok.sum())
    if help_request.clearance_from is not None:
        before = int(ok.sum())
        ok = ok & (group.clearance >= help_request.clearance_from)
        excluded[EXCLUDED_CLEARANCE] = before - int(ok.sum())
    km = None
    if help_request.lat is not None:
        # Haversine over the whole group at once, as geo.distance_km does for one pair.
        h = (
            np.sin((group.lat - help_request.lat) / 2) ** 2
            + math.cos(help_request.lat)
            * group.cos_lat
            * np.sin((group.lon - help_request.lon) / 2) ** 2
        )
        km = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(1.0, h)))
        before = int(ok.sum())
        ok = ok & (km <= group.reach)
        excluded[EXCLUDED_DISTANCE] = before - int(ok.sum())
    found = []
    for position in np.flatnonzero(ok).tolist():
        index = int(group.members[position])
        distance = float(km[position]) if km is not None else None
        priced = _assess(help_request, pool.prepared[index], distance, config, explain=False)
        if priced is None:
            excluded[EXCLUDED_TIME] += 1
        else:
            found.append((priced[0], index, distance))
    return found, excluded


def _no_consent() -> Reason:
    return Reason(
        "no_consent",
        LazyText(
            _(
                "The person has not agreed to their request being passed on, so it is not "
                "shown to any volunteer. Ask for their consent first."
            )
        ),
    )


# --- Public API ----------------------------------------------------------------------------


def candidates(
    help_request: HelpRequest,
    volunteers: Iterable[Volunteer] | Pool,
    *,
    today: date,
    config: Config | None = None,
    limit: int = 20,
) -> Ranking:
    """The best `limit` volunteers for one request, cheapest first, each with its reasons.

    Ties go to fewer recent assignments, then to the lower id, so the order is stable.
    """
    config = config or Config()
    if not help_request.consent:
        return Ranking(candidates=(), blocked=_no_consent())
    pool = _pool(volunteers, config)
    prepared = _prepare(help_request, today, config)
    found, counts = _scan(prepared, pool, config)
    best = heapq.nsmallest(
        limit,
        found,
        key=lambda item: (
            item[0],
            pool.volunteers[item[1]].recent_assignments,
            pool.volunteers[item[1]].id,
        ),
    )
    ranked = []
    for cost, index, km in best:
        _cost, reasons = _assess(prepared, pool.prepared[index], km, config, explain=True)
        ranked.append(Candidate(pool.volunteers[index].id, cost, km, reasons))
    excluded = tuple(
        Excluded(
            code,
            count,
            LazyText(_("%(rule)s: %(count)s"), rule=_EXCLUDED_LABELS[code], count=count),
        )
        for code, count in counts.items()
        if count
    )
    return Ranking(candidates=tuple(ranked), excluded=excluded)


# "Assign all" and its greedy baseline live in assignment.py, which builds on everything
# above; imported last for that reason, and re-exported so that callers keep importing them
# from here.
from .assignment import assign_all as assign_all  # noqa: E402
from .assignment import assign_greedy as assign_greedy  # noqa: E402
