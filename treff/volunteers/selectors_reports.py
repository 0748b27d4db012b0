"""Reads of volunteering for the reports (Fachkonzept §6): counts per Treff over a period.

Every function takes a list of Treff ids and a period (`first` to `last`, both included) and
runs a fixed number of grouped queries, however many Treffs there are. Only counts and sums
leave here, never who. A volunteer belongs to one Treff (`Volunteer.treff`; shifts and help
are arranged within it), so each is counted by that Treff.

The dates they rest on: `started_on` (volunteering since), `ended_on` (set with the status
"left"), finished help by the day it was given (`helped_on`), attended shifts by their day
(before today: a shift later today has not happened), and the clearance's issue date as it
is stored now (a renewal replaces it, so an older period is judged on today's dates).
"""

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Q, Sum
from django.utils import timezone

from treff.core.times import duration_minutes

from .models import HelpRequest, ShiftSignup, Volunteer, clearance_expiry


def _listed(treff_ids, *, first: dt.date, last: dt.date):
    """Volunteers on the Treff's list on at least one day of the period: started by its last
    day and not ended before its first. One who left without a recorded day (before
    `ended_on` existed) is on no list: when they left is unknown."""
    return Volunteer.objects.filter(treff_id__in=treff_ids, started_on__lte=last).filter(
        Q(ended_on__gte=first) | Q(ended_on__isnull=True) & ~Q(status=Volunteer.Status.LEFT)
    )


def contributions(treff_ids, *, first: dt.date, last: dt.date) -> dict[int, dict[int, int]]:
    """Minutes per volunteer id per Treff id, for volunteers who finished help (given in the
    period) or attended a shift (in the period, before today). A volunteer who only finished
    help without minutes entered has 0 minutes but a key: they contributed. Two queries.

    For the selectors' own sums only: the ids never leave this module's public functions.
    """
    minutes: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    helped = (
        HelpRequest.objects.filter(
            treff_id__in=treff_ids,
            status=HelpRequest.Status.DONE,
            helped_on__range=(first, last),
            volunteer__isnull=False,
        )
        .values("treff_id", "volunteer_id")
        .annotate(spent=Sum("minutes_spent"))
        .order_by()
    )
    for row in helped:
        minutes[row["treff_id"]][row["volunteer_id"]] += row["spent"] or 0
    shifts = (
        ShiftSignup.objects.filter(
            shift__treff_id__in=treff_ids,
            cancelled_at__isnull=True,
            attended=True,
            shift__date__range=(first, last),
            shift__date__lt=timezone.localdate(),
        )
        .values("shift__treff_id", "volunteer_id", "shift__start", "shift__end")
        .annotate(shifts=Count("pk"))
        .order_by()
    )
    for row in shifts:
        length = duration_minutes(row["shift__start"], row["shift__end"])
        minutes[row["shift__treff_id"]][row["volunteer_id"]] += length * row["shifts"]
    return minutes


def active_volunteers(treff_ids, *, first: dt.date, last: dt.date) -> dict[tuple[int, str], int]:
    """Volunteers active in the period per (Treff id, "contributed" | "listed"), missing: 0.

    Active: on the Treff's list on a day of the period (`_listed`), or gave help or attended a
    shift in it (`contributions`). "contributed": did the latter; "listed": on the list
    without recorded help or shift. The two are disjoint; their sum is the active volunteers.
    The status now (active or paused) plays no part: it has no history, and a volunteer
    paused today may have been busy last year. Three queries.
    """
    listed: dict[int, set[int]] = defaultdict(set)
    for treff_id, pk in _listed(treff_ids, first=first, last=last).values_list("treff_id", "pk"):
        listed[treff_id].add(pk)
    given = contributions(treff_ids, first=first, last=last)
    counts = {}
    for pk in treff_ids:
        contributed = set(given.get(pk, {}))
        counts[pk, "contributed"] = len(contributed)
        counts[pk, "listed"] = len(listed[pk] - contributed)
    return counts


def volunteers_started(treff_ids, *, first: dt.date, last: dt.date) -> dict[int, int]:
    """Volunteers whose engagement began in the period (`started_on`), per Treff id. One
    query."""
    return _count_by_treff(
        Volunteer.objects.filter(treff_id__in=treff_ids, started_on__range=(first, last))
    )


def volunteers_ended(treff_ids, *, first: dt.date, last: dt.date) -> dict[int, int]:
    """Volunteers whose engagement ended in the period (`ended_on`), per Treff id. One
    query."""
    return _count_by_treff(
        Volunteer.objects.filter(treff_id__in=treff_ids, ended_on__range=(first, last))
    )


def _count_by_treff(volunteers) -> dict[int, int]:
    rows = volunteers.values("treff_id").annotate(n=Count("pk")).order_by()
    return {row["treff_id"]: row["n"] for row in rows}


def volunteer_minutes(treff_ids, *, first: dt.date, last: dt.date) -> dict[int, tuple[int, int]]:
    """(minutes of finished help and attended shifts, number of volunteers who contributed)
    per Treff id, (0, 0) for a Treff without any. Two queries."""
    given = contributions(treff_ids, first=first, last=last)
    return {
        pk: (sum(given[pk].values()), len(given[pk])) if pk in given else (0, 0) for pk in treff_ids
    }


def clearances_due(treff_ids, *, first: dt.date, last: dt.date) -> dict[tuple[int, str], int]:
    """Volunteers still on the list at the end of the period whose police clearance is due by
    its last day, per (Treff id, "in_period" | "overdue"); missing keys are 0.

    "in_period": due for renewal (`clearance_expiry`, five years after issue) on a day of the
    period; "overdue": due before it began and not renewed since. Volunteers without a
    clearance recorded are not counted (not every kind of help needs one). Paused volunteers
    count: they need a valid clearance when they come back. One query, grouped by issue day.
    """
    still_listed = Q(ended_on__gt=last) | Q(ended_on__isnull=True) & ~Q(
        status=Volunteer.Status.LEFT
    )
    rows = (
        Volunteer.objects.filter(
            still_listed,
            treff_id__in=treff_ids,
            started_on__lte=last,
            clearance_issued_on__isnull=False,
            clearance_seen_on__isnull=False,
        )
        .values("treff_id", "clearance_issued_on")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[tuple[int, str], int] = defaultdict(int)
    for row in rows:
        due = clearance_expiry(row["clearance_issued_on"])
        if due < first:
            counts[row["treff_id"], "overdue"] += row["n"]
        elif due <= last:
            counts[row["treff_id"], "in_period"] += row["n"]
    return dict(counts)
