"""Reads for shifts and hours."""

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Q
from django.utils import timezone

from .models import HelpRequest, Shift, ShiftSignup, Volunteer


def upcoming_shifts(treff, *, days: int = 28):
    today = timezone.localdate()
    return (
        Shift.objects.filter(treff=treff, date__range=(today, today + dt.timedelta(days=days)))
        .select_related("template")
        .annotate(filled=Count("signups", filter=Q(signups__cancelled_at__isnull=True)))
        .order_by("date", "start")
    )


def hours_by_month(volunteer: Volunteer, year: int) -> dict[int, int]:
    """Minutes of engagement per month: finished help and attended shifts."""
    minutes: dict[int, int] = defaultdict(int)
    for request in HelpRequest.objects.filter(
        volunteer=volunteer, status=HelpRequest.Status.DONE, closed_at__year=year
    ).only("closed_at", "minutes_spent"):
        minutes[timezone.localtime(request.closed_at).month] += request.minutes_spent or 0
    today = timezone.localdate()
    for signup in ShiftSignup.objects.filter(
        volunteer=volunteer,
        cancelled_at__isnull=True,
        attended=True,
        shift__date__year=year,
        shift__date__lt=today,
    ).select_related("shift"):
        minutes[signup.shift.date.month] += signup.shift.minutes
    return dict(sorted(minutes.items()))


def hours_per_volunteer(treff, year: int) -> dict[int, int]:
    """Total minutes per volunteer of the Treff in a year (for the overview)."""
    totals: dict[int, int] = defaultdict(int)
    for volunteer_id, minutes in HelpRequest.objects.filter(
        treff=treff, status=HelpRequest.Status.DONE, closed_at__year=year
    ).values_list("volunteer_id", "minutes_spent"):
        totals[volunteer_id] += minutes or 0
    today = timezone.localdate()
    for signup in ShiftSignup.objects.filter(
        shift__treff=treff,
        cancelled_at__isnull=True,
        attended=True,
        shift__date__year=year,
        shift__date__lt=today,
    ).select_related("shift"):
        totals[signup.volunteer_id] += signup.shift.minutes
    return dict(totals)
