"""Between the ORM and the matching engine: candidates for one request, the optimal
assignment of all open ones, the rules a proposal must pass, and what counts as overdue."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from .engine import geo as engine_geo
from .engine import matching as engine
from .models import HelpRequest, Volunteer

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
            engine_geo.Point(float(volunteer.latitude), float(volunteer.longitude))
            if volunteer.latitude is not None and volunteer.longitude is not None
            else volunteer.district
        ),
        availability=tuple(
            engine.Availability(a.weekday, a.start, a.end) for a in volunteer.availability.all()
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


def engine_request(request: HelpRequest) -> engine.HelpRequest:
    day = request.date.weekday() if request.date else request.weekday
    return engine.HelpRequest(
        id=request.pk,
        kind=request.kind,
        windows=(engine.Availability(day, request.start, request.end),),
        location=request.seeker.district,
        on=request.date,
        languages=frozenset([request.seeker.language]),
        consent=request.seeker.consents,
        prefers_gender=request.prefers_gender or None,
        urgency=request.urgency,
        created=request.created_at,
    )


@dataclass
class Ranked:
    volunteer: Volunteer
    reasons: list[str]


def ranked_candidates(request: HelpRequest, *, today) -> tuple[list[Ranked], str | None]:
    """The volunteers who could help, best first, with reasons; or why nobody may be asked."""
    volunteers = {v.pk: v for v in _volunteers(request.treff_id)}
    ranking = engine.candidates(
        engine_request(request), [engine_volunteer(v) for v in volunteers.values()], today=today
    )
    if ranking.blocked is not None:
        return [], str(ranking.blocked.message)
    return [
        Ranked(volunteers[c.volunteer_id], [str(r.message) for r in c.reasons])
        for c in ranking.candidates
    ], None


def refusals(request: HelpRequest, volunteer: Volunteer, *, today) -> list[str]:
    """Why this volunteer may not be asked for this request (empty: they may)."""
    # The volunteer again, with the counts of their recent and open assignments.
    counted = next((v for v in _volunteers(request.treff_id) if v.pk == volunteer.pk), volunteer)
    ranking = engine.candidates(engine_request(request), [engine_volunteer(counted)], today=today)
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
    requests = {
        r.pk: r
        for r in HelpRequest.objects.filter(
            treff=treff, status__in=[HelpRequest.Status.OPEN, HelpRequest.Status.NO_MATCH]
        ).select_related("seeker")
    }
    volunteers = {v.pk: v for v in _volunteers(treff.pk)}
    if not requests:
        return Proposal()
    assignment = engine.assign_all(
        [engine_request(r) for r in requests.values()],
        [engine_volunteer(v) for v in volunteers.values()],
        today=today,
    )
    return Proposal(
        pairs=[
            {
                "request": requests[m.request_id],
                "volunteer": volunteers[m.volunteer_id],
                "reasons": [str(r.message) for r in m.reasons],
            }
            for m in assignment.matches
        ],
        unassigned=[requests[u.request_id] for u in assignment.unassigned],
    )


def overdue(request: HelpRequest, now) -> bool:
    if request.status == HelpRequest.Status.OPEN:
        if request.date and request.date < timezone.localdate(now):
            return True
        return now - request.created_at > OPEN_TOO_LONG
    if request.status == HelpRequest.Status.PROPOSED and request.proposed_at:
        return now - request.proposed_at > PROPOSED_TOO_LONG
    if request.status == HelpRequest.Status.ACCEPTED and request.date:
        return request.date < timezone.localdate(now)
    return False
