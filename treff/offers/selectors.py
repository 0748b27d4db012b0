"""Reads for calendars, lists and feeds. All run inside the request's Treff scope."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from . import planning
from .models import BookingRequest, Occurrence, Offer, PlanVersion, Series, SeriesChange


def local_day_bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = planning.timezone()
    start = dt.datetime.combine(first, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return start, end


def occurrences_between(
    *, treff, first: dt.date, last: dt.date, room=None, public_only: bool = False
) -> QuerySet[Occurrence]:
    """Occurrences that touch the local days first..last, with what a calendar shows."""
    start, end = local_day_bounds(first, last)
    rows = Occurrence.objects.filter(start__lt=end, end__gt=start)
    if treff is not None:  # None: every Treff in the request's scope
        rows = rows.filter(treff=treff)
    if room is not None:
        rows = rows.filter(room=room)
    if public_only:
        rows = rows.filter(series__offer__public=True, series__offer__active=True)
    return rows.select_related("series__offer", "room", "responsible").order_by(
        "start", "room__name"
    )


@dataclass
class Day:
    date: dt.date
    items: list
    holiday: str = ""
    closed: str = ""
    # Dates of this day that were moved to another day: shown as a short line, so the
    # original day does not silently lose them (they are booked where they land).
    moved_away: list = field(default_factory=list)

    @property
    def is_weekend(self) -> bool:
        return self.date.weekday() >= 5


def days_of(
    *, treff, first: dt.date, last: dt.date, room=None, public_only: bool = False
) -> list[Day]:
    """Each day of the range with its occurrences (local time), holidays and closures."""
    tz = planning.timezone()
    by_day = defaultdict(list)
    rows = occurrences_between(
        treff=treff, first=first, last=last, room=room, public_only=public_only
    )
    for occ in rows:
        by_day[occ.start.astimezone(tz).date()].append(occ)
    moved_away = defaultdict(list)
    for occ in moved_away_between(
        treff=treff, first=first, last=last, room=room, public_only=public_only
    ):
        moved_away[occ.original_date].append(occ)
    holidays = planning.holidays_between(first, last, state=treff.holiday_state)
    closures = planning.closures_between(treff.pk, first, last)
    days = []
    current = first
    while current <= last:
        days.append(
            Day(
                current,
                by_day[current],
                holidays.get(current, ""),
                closures.get(current, ""),
                moved_away[current],
            )
        )
        current += dt.timedelta(days=1)
    return days


def moved_away_between(
    *, treff, first: dt.date, last: dt.date, room=None, public_only: bool = False
) -> list[Occurrence]:
    """Dates whose rule day lies in first..last but which were moved to another day.

    Ordered by the series' regular start; `room` filters by the series' regular room.
    """
    tz = planning.timezone()
    rows = Occurrence.objects.filter(
        treff=treff, moved=True, cancelled=False, original_date__range=(first, last)
    )
    if room is not None:
        rows = rows.filter(series__room=room)
    if public_only:
        rows = rows.filter(series__offer__public=True, series__offer__active=True)
    rows = rows.select_related("series__offer", "series__room", "room")
    found = [occ for occ in rows if occ.start.astimezone(tz).date() != occ.original_date]
    return sorted(found, key=lambda occ: (occ.original_date, occ.series.start_time, occ.pk))


def offer_list(treff, *, archived: bool | None = None) -> QuerySet[Offer]:
    """The Treff's offers; `archived` True/False keeps only archived/active ones."""
    rows = Offer.objects.filter(treff=treff)
    if archived is not None:
        rows = rows.filter(active=not archived)
    return rows.select_related("provider").annotate(series_count=Count("series")).order_by("title")


def series_list(treff, *, offer=None, archived: bool | None = None) -> QuerySet[Series]:
    """The Treff's series; `archived` as in offer_list, by the state of their offer."""
    rows = Series.objects.filter(treff=treff)
    if offer is not None:
        rows = rows.filter(offer=offer)
    if archived is not None:
        rows = rows.filter(offer__active=not archived)
    return rows.select_related("offer", "room", "responsible").order_by(
        "offer__title", "starts_on", "start_time"
    )


def series_get(treff, pk: int) -> Series:
    return (
        Series.objects.filter(treff=treff)
        .select_related("offer", "room", "responsible", "treff")
        .prefetch_related(
            Prefetch("changes", queryset=SeriesChange.objects.order_by("original_date"))
        )
        .get(pk=pk)
    )


def booking_requests_for(user, treff=None) -> QuerySet[BookingRequest]:
    from treff.treffs.access import roles_of

    roles = roles_of(user)
    rows = BookingRequest.objects.select_related("treff", "provider", "requested_by", "series")
    if treff is not None:
        rows = rows.filter(treff=treff)
    managed = roles.coordinator_of | roles.carrier_treff_ids
    if not roles.city_staff:
        rows = rows.filter(Q(requested_by=user) | Q(treff_id__in=managed))
    return rows.order_by("-created_at")


def office_hours_of(user, *, treff_ids, until: dt.datetime) -> QuerySet[Occurrence]:
    """A visiting counsellor's own dates in the live plan, from now until `until`.

    Own: the series names them as the responsible person, or it was created from their
    accepted booking request. Only the Treffs in `treff_ids` (where they counsel); dates that
    have begun but not ended still show. Cancelled dates stay in, for the page to mark.
    """
    return (
        Occurrence.objects.filter(
            Q(responsible=user) | Q(series__booking_request__requested_by=user),
            treff_id__in=treff_ids,
            end__gt=timezone.now(),
            start__lt=until,
        )
        .select_related("series__offer", "room", "treff")
        .order_by("start", "pk")
    )


def plans_to_decide() -> list[PlanVersion]:
    """Submitted plan versions in the current scope, each with its Treff (the city decides)."""
    return list(
        PlanVersion.objects.filter(status=PlanVersion.Status.SUBMITTED).select_related("treff")
    )
