"""Reads of the ideas residents send (models.Suggestion), for the dashboard and reports."""

import datetime as dt

from django.db.models import Count

from .models import Suggestion


def new_counts(treff_ids) -> dict[int, int]:
    """Ideas not yet looked at, per Treff id (Treffs without any are missing)."""
    return {
        row["treff_id"]: row["new"]
        for row in Suggestion.objects.filter(treff_id__in=treff_ids, status=Suggestion.Status.NEW)
        .values("treff_id")
        .annotate(new=Count("pk"))
    }


def counts_in_period(treff_ids, start: dt.date, end: dt.date) -> dict[int, int]:
    """Ideas that came in from `start` to `end` (both included), per Treff id."""
    return {
        row["treff_id"]: row["ideas"]
        for row in Suggestion.objects.filter(
            treff_id__in=treff_ids, created_at__date__gte=start, created_at__date__lte=end
        )
        .values("treff_id")
        .annotate(ideas=Count("pk"))
    }
