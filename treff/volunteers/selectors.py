"""Reads for shifts, hours and qualifications.

Hours are minutes until they are shown: rows and totals are sums of whole minutes, and a page
turns each into hours and minutes once (templatetags `volunteer_hours`), so the rows of a
certificate add up to its total.
"""

import datetime as dt
from collections import defaultdict

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .models import (
    HelpKind,
    HelpRequest,
    Shift,
    ShiftSignup,
    Volunteer,
    VolunteerQualification,
)


def upcoming_shifts(treff, *, days: int = 28):
    """Shifts from today for `days` days, each with `filled` (active sign-ups)."""
    today = timezone.localdate()
    return (
        Shift.objects.filter(treff=treff, date__range=(today, today + dt.timedelta(days=days)))
        .select_related("template")
        .annotate(filled=Count("signups", filter=Q(signups__cancelled_at__isnull=True)))
        .order_by("date", "start")
    )


def overstaffed_shifts(template) -> list[Shift]:
    """Shifts of `template` from today on with more active sign-ups than its maximum."""
    today = timezone.localdate()
    return list(
        Shift.objects.filter(template=template, date__gte=today)
        .select_related("template")
        .annotate(filled=Count("signups", filter=Q(signups__cancelled_at__isnull=True)))
        .filter(filled__gt=F("template__max_volunteers"))
        .order_by("date")
    )


def coordination_changes(volunteer: Volunteer) -> list[ShiftSignup]:
    """Sign-ups of upcoming shifts the coordination made or took back for `volunteer`.

    A removal is left out once the volunteer is on that shift again.
    """
    today = timezone.localdate()
    signups = list(
        ShiftSignup.objects.filter(volunteer=volunteer, shift__date__gte=today)
        .filter(
            Q(assigned_by__isnull=False, cancelled_at__isnull=True) | Q(removed_by__isnull=False)
        )
        .select_related("shift__template")
        .order_by("shift__date", "shift__start", "created_at")
    )
    on_again = {s.shift_id for s in signups if s.cancelled_at is None}
    return [s for s in signups if s.cancelled_at is None or s.shift_id not in on_again]


def qualifications_of(volunteer: Volunteer) -> list[VolunteerQualification]:
    return list(VolunteerQualification.objects.filter(volunteer=volunteer).order_by("kind"))


def _done_in(year: int, **filters):
    # The day the help was given decides the year and month, not the day it was closed.
    return HelpRequest.objects.filter(
        status=HelpRequest.Status.DONE, helped_on__year=year, **filters
    )


def _attended_in(year: int, **filters):
    return ShiftSignup.objects.filter(
        cancelled_at__isnull=True,
        attended=True,
        shift__date__year=year,
        shift__date__lt=timezone.localdate(),
        **filters,
    ).select_related("shift__template")


def hours_by_month(volunteer: Volunteer, year: int) -> dict[int, int]:
    """Minutes of engagement per month (1–12) of `year`: finished help and attended shifts."""
    minutes: dict[int, int] = defaultdict(int)
    for helped_on, spent in _done_in(year, volunteer=volunteer).values_list(
        "helped_on", "minutes_spent"
    ):
        minutes[helped_on.month] += spent or 0
    for signup in _attended_in(year, volunteer=volunteer):
        minutes[signup.shift.date.month] += signup.shift.minutes
    return dict(sorted(minutes.items()))


def kinds_given(volunteer: Volunteer, year: int) -> list[str]:
    """The kinds of help `volunteer` gave in `year`, in HelpKind's order: finished help by the
    day it was given, attended shifts by their template's kind (the certificate names them)."""
    given = set(_done_in(year, volunteer=volunteer).values_list("kind", flat=True))
    given |= {signup.shift.template.kind for signup in _attended_in(year, volunteer=volunteer)}
    return [kind.value for kind in HelpKind if kind in given]


def engagement_years(volunteer: Volunteer, years) -> list[int]:
    """Those of `years` with finished help or an attended shift: the years with a certificate."""
    return [year for year in years if hours_by_month(volunteer, year)]


def hours_per_volunteer(treff, year: int) -> dict[int, int]:
    """Total minutes per volunteer id of the Treff in `year` (for the overview).

    Only volunteers with finished help or an attended shift that year have a key (possibly
    with 0 minutes, when none were entered): `pk in result` means a certificate exists.
    """
    totals: dict[int, int] = defaultdict(int)
    for volunteer_id, spent in _done_in(year, treff=treff).values_list(
        "volunteer_id", "minutes_spent"
    ):
        totals[volunteer_id] += spent or 0
    for signup in _attended_in(year, shift__treff=treff):
        totals[signup.volunteer_id] += signup.shift.minutes
    return dict(totals)


# The dashboard's reads ------------------------------------------------------------------------


def open_help_counts(treff_ids) -> dict[int, int]:
    """Open help requests per Treff id (Treffs without any are missing), one query."""
    return {
        row["treff_id"]: row["open"]
        for row in HelpRequest.objects.filter(
            treff_id__in=treff_ids, status=HelpRequest.Status.OPEN
        )
        .values("treff_id")
        .annotate(open=Count("pk"))
    }


def clearances_due(treff_ids, *, today: dt.date, ahead_days: int = 60) -> list[Volunteer]:
    """Active volunteers whose police clearance runs out within `ahead_days`, oldest first.

    The clearance is re-checked every five years (Volunteer.clearance_valid_until); the
    coordinator is reminded two months ahead by default.
    """
    soon = today + dt.timedelta(days=ahead_days)
    return [
        volunteer
        for volunteer in Volunteer.objects.filter(
            treff_id__in=treff_ids,
            status=Volunteer.Status.ACTIVE,
            clearance_issued_on__isnull=False,
        )
        .select_related("treff")
        .order_by("clearance_issued_on")
        if volunteer.clearance_valid_until and volunteer.clearance_valid_until <= soon
    ]


def own_profile(user) -> Volunteer | None:
    """The user's volunteer profile with `waiting`: help requests proposed to them."""
    return (
        Volunteer.objects.filter(user=user)
        .annotate(
            waiting=Count("assignments", filter=Q(assignments__status=HelpRequest.Status.PROPOSED))
        )
        .first()
    )


def help_requests_by_status(treff_ids, *, first: dt.date, last: dt.date) -> dict:
    """Help requests taken from `first` to `last` (both included, local days) per (Treff id,
    status as it stands now). One grouped query; counts only, for the reports."""
    rows = (
        HelpRequest.objects.filter(treff_id__in=treff_ids, created_at__date__range=(first, last))
        .values("treff_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(row["treff_id"], row["status"]): row["n"] for row in rows}


# The reports' reads (Fachkonzept §6) --------------------------------------------------------

# The stages of a help request a report counts, in the order of the report. Each is an event
# with its own day: taken (created_at), matched (accepted_at: the volunteer said yes; a
# proposal can still be declined, so proposed_at is no match), done (helped_on: the day the
# help was given, on which its hours count too), cancelled (closed_at), and still unmatched
# at the end of the period.
HELP_STAGES = ("opened", "matched", "done", "cancelled", "unmatched")


def help_requests_by_kind(treff_ids, stage: str, *, first: dt.date, last: dt.date) -> dict:
    """Help requests per (Treff id, kind of help) that reached `stage` (HELP_STAGES) from
    `first` to `last` (local days, both included); "unmatched": taken by `last` and at its
    end neither accepted by a volunteer nor done or cancelled (a request marked "no volunteer
    found" is unmatched too). Kinds as they stand after corrections. One grouped query;
    ValueError for an unknown stage."""
    done, cancelled = HelpRequest.Status.DONE, HelpRequest.Status.CANCELLED
    filters = {
        "opened": Q(created_at__date__range=(first, last)),
        "matched": Q(accepted_at__date__range=(first, last)),
        "done": Q(status=done, helped_on__range=(first, last)),
        "cancelled": Q(status=cancelled, closed_at__date__range=(first, last)),
        "unmatched": Q(created_at__date__lte=last)
        & (Q(accepted_at__isnull=True) | Q(accepted_at__date__gt=last))
        & (Q(closed_at__isnull=True) | Q(closed_at__date__gt=last)),
    }
    if stage not in filters:
        raise ValueError(f"Unknown stage of a help request: {stage!r}.")
    rows = (
        HelpRequest.objects.filter(filters[stage], treff_id__in=treff_ids)
        .values("treff_id", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(row["treff_id"], row["kind"]): row["n"] for row in rows}


def help_match_waits(treff_ids, *, first: dt.date, last: dt.date) -> list[tuple[int, dt.timedelta]]:
    """(Treff id, time from intake to match) of each help request matched from `first` to
    `last` (the volunteer accepted then, local days). One query; no request is named."""
    rows = HelpRequest.objects.filter(
        treff_id__in=treff_ids, accepted_at__date__range=(first, last)
    ).values_list("treff_id", "created_at", "accepted_at")
    return [(treff_id, accepted - created) for treff_id, created, accepted in rows]


def help_requests_by_month(
    treff_ids, first: dt.date, last: dt.date
) -> dict[tuple[int, dt.date], int]:
    """Help requests taken per (Treff id, first day of the month) from `first` to `last`
    (both included, local days, as in help_requests_by_status). One grouped query; counts
    only, for the reports' trends. A month without requests is missing."""
    rows = (
        HelpRequest.objects.filter(treff_id__in=treff_ids, created_at__date__range=(first, last))
        .annotate(month=TruncMonth("created_at"))
        .values("treff_id", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    # Truncating a moment gives the local midnight of the 1st; the reports key by day.
    return {(row["treff_id"], _day(row["month"])): row["n"] for row in rows}


def _day(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def application_counts(treff_ids) -> dict[int, int]:
    """Applications to volunteer waiting per Treff id (Treffs without any are missing)."""
    from .models import VolunteerApplication

    return {
        row["treff_id"]: row["waiting"]
        for row in VolunteerApplication.objects.filter(treff_id__in=treff_ids)
        .values("treff_id")
        .annotate(waiting=Count("pk"))
    }
