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


def counts_by_status(treff_ids, *, first: dt.date, last: dt.date) -> dict[tuple[int, str], int]:
    """Ideas that came in from `first` to `last` (both included, local days), by where they
    stand now: {(Treff id, status): count}; one query whatever the number of Treffs."""
    rows = (
        Suggestion.objects.filter(
            treff_id__in=treff_ids, created_at__date__gte=first, created_at__date__lte=last
        )
        .values("treff_id", "status")
        .annotate(ideas=Count("pk"))
        .order_by()
    )
    return {(row["treff_id"], row["status"]): row["ideas"] for row in rows}
