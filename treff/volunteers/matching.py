"""Between the ORM and the matching engine: candidates for one request, the optimal
assignment of all open ones, the rules a proposal must pass, and what counts as overdue.

Times that end at midnight: the app stores 20:00–24:00 as 20:00–00:00 (treff.core.times),
while the engine's `Availability` refuses an end that is not after its start and counts
minutes as `end.hour * 60 + end.minute`. `engine_window` hands it `END_OF_DAY` for such an
end: a `datetime.time` that compares as the day's last instant (23:59:59.999999, so it is
after every start) and reads as hour 24, minute 0 (so the engine counts 1440 minutes and a
volunteer free until midnight covers the last quarter hour). Note for the engine's authors:
if the engine takes 00:00 as an end of 24:00 itself (`treff.core.times.end_minutes`), this
conversion can go.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from treff.core.geo import Point
from treff.core.times import MIDNIGHT

from .districts import gazetteer
from .engine import matching as engine
from .models import HelpRequest, Volunteer


class _EndOfDay(dt.time):
    """24:00 for the engine: the last instant of the day that reads as hour 24, minute 0."""

    __slots__ = ()

    @property
    def hour(self) -> int:
        return 24

    @property
    def minute(self) -> int:
        return 0


END_OF_DAY = _EndOfDay(23, 59, 59, 999999)


def engine_window(day: int, start: dt.time, end: dt.time) -> engine.Availability:
    """A weekly window for the engine; an end of 00:00 (midnight) becomes END_OF_DAY."""
    return engine.Availability(day, start, END_OF_DAY if end == MIDNIGHT else end)


RECENT_DAYS = 90
# A request nobody has picked up for this long, or an answer this late, is flagged.
OPEN_TOO_LONG = dt.timedelta(days=3)
PROPOSED_TOO_LONG = dt.timedelta(days=2)


def _volunteers(treff_id: int) -> list[Volunteer]:
    since = timezone.now() - dt.timedelta(days=RECENT_DAYS)
    return list(
        Volunteer.objects.filter(treff_id=treff_id)
        .prefetch_related("availability")
        .annotate(
            recent=Count("assignments", filter=Q(assignments__proposed_at__gte=since)),
            open_count=Count(
                "assignments",
                filter=Q(
                    assignments__status__in=[
                        HelpRequest.Status.PROPOSED,
                        HelpRequest.Status.ACCEPTED,
                    ]
                ),
            ),
        )
    )


def engine_volunteer(volunteer: Volunteer) -> engine.Volunteer:
    return engine.Volunteer(
        id=volunteer.pk,
        kinds=frozenset(volunteer.help_kinds),
        # Coordinates of the home address when known, else the district's centre.
        location=(
            Point(float(volunteer.latitude), float(volunteer.longitude))
            if volunteer.latitude is not None and volunteer.longitude is not None
            else gazetteer().resolve(volunteer.district)
        ),
        availability=tuple(
            engine_window(a.weekday, a.start, a.end) for a in volunteer.availability.all()
        ),
        languages=frozenset(volunteer.languages),
        mobility=frozenset([volunteer.mobility]),
        max_km=volunteer.reach_km,
        active=volunteer.status == Volunteer.Status.ACTIVE,
        clearance_until=volunteer.clearance_valid_until,
        gender=volunteer.gender or None,
        recent_assignments=getattr(volunteer, "recent", 0),
        open_assignments=getattr(volunteer, "open_count", 0),
        max_open=volunteer.max_open,
    )


def engine_request(help_request: HelpRequest) -> engine.HelpRequest:
    day = help_request.date.weekday() if help_request.date else help_request.weekday
    return engine.HelpRequest(
        id=help_request.pk,
        kind=help_request.kind,
        windows=(engine_window(day, help_request.start, help_request.end),),
        location=gazetteer().resolve(help_request.seeker.district),
        on=help_request.date,
        languages=frozenset([help_request.seeker.language]),
        consent=help_request.seeker.consents,
        prefers_gender=help_request.prefers_gender or None,
        urgency=help_request.urgency,
        created=help_request.created_at,
    )


@dataclass
class Ranked:
    volunteer: Volunteer
    reasons: list[str]


def ranked_candidates(help_request: HelpRequest, *, today) -> tuple[list[Ranked], str | None]:
    """The volunteers who could help, best first, with reasons; or why nobody may be asked."""
    volunteers = {v.pk: v for v in _volunteers(help_request.treff_id)}
    ranking = engine.candidates(
        engine_request(help_request),
        [engine_volunteer(v) for v in volunteers.values()],
        today=today,
    )
    if ranking.blocked is not None:
        return [], str(ranking.blocked.message)
    return [
        Ranked(volunteers[c.volunteer_id], [str(r.message) for r in c.reasons])
        for c in ranking.candidates
    ], None


def refusals(help_request: HelpRequest, volunteer: Volunteer, *, today) -> list[str]:
    """Why this volunteer may not be asked for this request (empty: they may)."""
    # The volunteer again, with the counts of their recent and open assignments.
    counted = next(
        (v for v in _volunteers(help_request.treff_id) if v.pk == volunteer.pk), volunteer
    )
    ranking = engine.candidates(
        engine_request(help_request), [engine_volunteer(counted)], today=today
    )
    if ranking.blocked is not None:
        return [str(ranking.blocked.message)]
    if ranking.candidates:
        return []
    return [str(excluded.message) for excluded in ranking.excluded]


@dataclass
class Proposal:
    pairs: list[dict] = field(default_factory=list)
    unassigned: list[HelpRequest] = field(default_factory=list)


def assign_all(treff, *, today) -> Proposal:
    help_requests = {
        r.pk: r
        for r in HelpRequest.objects.filter(
            treff=treff, status__in=[HelpRequest.Status.OPEN, HelpRequest.Status.NO_MATCH]
        ).select_related("seeker")
    }
    volunteers = {v.pk: v for v in _volunteers(treff.pk)}
    if not help_requests:
        return Proposal()
    assignment = engine.assign_all(
        [engine_request(r) for r in help_requests.values()],
        [engine_volunteer(v) for v in volunteers.values()],
        today=today,
    )
    return Proposal(
        pairs=[
            {
                "request": help_requests[m.request_id],
                "volunteer": volunteers[m.volunteer_id],
                "reasons": [str(r.message) for r in m.reasons],
            }
            for m in assignment.matches
        ],
        unassigned=[help_requests[u.request_id] for u in assignment.unassigned],
    )


def overdue_reason(help_request: HelpRequest, now) -> str:
    """Why the request is overdue, in words; "" when it is not. One of `overdue_rules()`."""
    today = timezone.localdate(now)
    if help_request.status == HelpRequest.Status.OPEN:
        if help_request.date and help_request.date < today:
            return _("Its day has passed and nobody has been asked yet.")
        if now - help_request.created_at > OPEN_TOO_LONG:
            return _("Nobody has been asked for more than %(days)d days.") % {
                "days": OPEN_TOO_LONG.days
            }
    elif help_request.status == HelpRequest.Status.PROPOSED and help_request.proposed_at:
        if now - help_request.proposed_at > PROPOSED_TOO_LONG:
            return _("The volunteer asked has not answered for more than %(days)d days.") % {
                "days": PROPOSED_TOO_LONG.days
            }
    elif (
        help_request.status == HelpRequest.Status.ACCEPTED
        and help_request.date
        and help_request.date < today
    ):
        return _("Its day has passed and it has not been closed as done yet.")
    return ""


def overdue(help_request: HelpRequest, now) -> bool:
    return bool(overdue_reason(help_request, now))


def overdue_rules() -> list[str]:
    """What makes a request overdue, for the legend next to the flag."""
    return [
        _("open for more than %(days)d days, or its day has passed, and nobody asked")
        % {"days": OPEN_TOO_LONG.days},
        _("a volunteer was asked more than %(days)d days ago and has not answered")
        % {"days": PROPOSED_TOO_LONG.days},
        _("accepted, its day has passed, and it has not been closed as done"),
    ]
