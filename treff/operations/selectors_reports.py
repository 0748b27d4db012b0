"""Visitor counts for the reports (Fachkonzept §6): grouped queries over the tally events.

Every function here takes a list of Treff ids and a period (`first` to `last`, both
included, by the day a tally counts for), reads in one grouped query whatever the number
of Treffs, and returns plain dicts of counts: never an event, never who tapped. A count is
the sum of the events' deltas (taps +1, corrections ±n), as on the tally page; a group can
come out below zero when a correction falls into another group than the taps it corrects,
and the reports show such a group as 0.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    Case,
    DateTimeField,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, TruncDate

from treff.offers.models import Occurrence

from .models import BUCKETS, Tally, TallyEvent

NO_HOUR = -1  # the hour group of events whose time of day is not known


def _events(treff_ids, first: dt.date, last: dt.date):
    return TallyEvent.objects.filter(
        tally__treff_id__in=treff_ids, tally__date__range=(first, last)
    ).order_by()


def visitors_by_offer(treff_ids, *, first: dt.date, last: dt.date) -> dict[tuple, int]:
    """Visitors per (Treff id, offer): the offer is ("offer", offer id, title) while its
    series exists, ("title", None, title) for a tally whose series has been deleted (the
    tally kept the offer's title), and ("drop_in", None, "") for the open drop-in hours.

    An offer's title is its current one, so a renamed offer stays one row.
    """
    rows = (
        _events(treff_ids, first, last)
        .values(
            "tally__treff_id",
            "tally__kind",
            "tally__series__offer_id",
            "tally__series__offer__title",
            "tally__title",
        )
        .annotate(visitors=Sum("delta"))
    )
    counts: dict[tuple, int] = {}
    for row in rows:
        if row["tally__kind"] == Tally.Kind.DROP_IN:
            offer = ("drop_in", None, "")
        elif row["tally__series__offer_id"] is not None:
            offer = ("offer", row["tally__series__offer_id"], row["tally__series__offer__title"])
        else:
            offer = ("title", None, row["tally__title"])
        key = (row["tally__treff_id"], offer)
        counts[key] = counts.get(key, 0) + row["visitors"]
    return counts


def visitors_by_weekday(treff_ids, *, first: dt.date, last: dt.date) -> dict[tuple[int, int], int]:
    """Visitors per (Treff id, ISO weekday 1 = Monday … 7 = Sunday) of the counted day."""
    rows = (
        _events(treff_ids, first, last)
        .annotate(weekday=ExtractIsoWeekDay("tally__date"))
        .values("tally__treff_id", "weekday")
        .annotate(visitors=Sum("delta"))
    )
    return {(row["tally__treff_id"], row["weekday"]): row["visitors"] for row in rows}


def visitors_by_hour(treff_ids, *, first: dt.date, last: dt.date) -> dict[tuple[int, int], int]:
    """Visitors per (Treff id, hour of the day 0–23 in local time, or NO_HOUR).

    Tallies carry no time of their own, so the hour comes from what is known:
    - an offer's visitors count at the hour its occurrence starts (after any change of
      time); a tally whose series has been deleted has no occurrence left: NO_HOUR;
    - a drop-in tap counts at the hour it reached the server, if that was on the counted
      day (the tally page counts people as they come in); a tap entered later for a past
      day, and every correction, has no hour: NO_HOUR.
    """
    zone = ZoneInfo(settings.TIME_ZONE)
    start = Subquery(
        Occurrence.objects.filter(
            series_id=OuterRef("tally__series_id"), original_date=OuterRef("tally__original_date")
        ).values("start")[:1],
        output_field=DateTimeField(),
    )
    rows = (
        _events(treff_ids, first, last)
        .annotate(
            start=start,
            tapped_on=TruncDate("created_at", tzinfo=zone),
        )
        .annotate(
            hour=Case(
                When(
                    Q(tally__kind=Tally.Kind.OCCURRENCE) & Q(start__isnull=False),
                    then=ExtractHour("start", tzinfo=zone),
                ),
                When(
                    Q(tally__kind=Tally.Kind.DROP_IN)
                    & Q(kind=TallyEvent.Kind.TAP)
                    & Q(tapped_on=F("tally__date")),
                    then=ExtractHour("created_at", tzinfo=zone),
                ),
                default=Value(NO_HOUR),
                output_field=IntegerField(),
            )
        )
        .values("tally__treff_id", "hour")
        .annotate(visitors=Sum("delta"))
    )
    return {(row["tally__treff_id"], row["hour"]): row["visitors"] for row in rows}


def visitors_by_bucket(
    treff_ids, bucket: str, *, first: dt.date, last: dt.date
) -> dict[tuple[int, str], int]:
    """Visitors per (Treff id, value) of one anonymous bucket (a key of models.BUCKETS:
    age group, gender, visit, language), counting only the events where it was recorded.
    Raises ValueError for another name (it would name a column)."""
    if bucket not in BUCKETS:
        raise ValueError(f"Unknown bucket {bucket!r}.")
    rows = (
        _events(treff_ids, first, last)
        .exclude(**{bucket: ""})
        .values("tally__treff_id", bucket)
        .annotate(visitors=Sum("delta"))
    )
    return {(row["tally__treff_id"], row[bucket]): row["visitors"] for row in rows}
