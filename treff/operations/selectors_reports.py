"""Reads of daily operations for the reports (Fachkonzept §6): counts and sums per Treff.

Every function takes a list of Treff ids and a period (`first` to `last`, both included, by
the day a tally or lunch day counts for), runs one grouped query (stock at a day and
visitors by hour: two) however many Treffs there are, and returns plain counts and amounts:
never an event, never who tapped, nothing that names a visitor. They run in the reader's
Treff scope.

A visitor count is the sum of the events' deltas (taps +1, corrections ±n), as on the tally
page, read from the sums the database keeps per tally (tally_counts.py); a group can come
out below zero when a correction falls into another group than the taps it corrects, and
the reports show such a group as 0.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractHour, ExtractIsoWeekDay
from django.utils import timezone

from treff.offers.models import Occurrence

from .models import BUCKETS, Donation, Handout, LunchDay, SwapEvent, Tally
from .selectors import tally_counts_between

# Visitors ---------------------------------------------------------------------------------

NO_HOUR = -1  # the hour group of events whose time of day is not known


def visitors_by_offer(treff_ids, *, first: dt.date, last: dt.date) -> dict[tuple, int]:
    """Visitors per (Treff id, offer): the offer is ("offer", offer id, title) while its
    series exists, ("title", None, title) for a tally whose series has been deleted (the
    tally kept the offer's title), and ("drop_in", None, "") for the open drop-in hours.

    An offer's title is its current one, so a renamed offer stays one row.
    """
    rows = (
        tally_counts_between(treff_ids, first, last, "total")
        .values(
            "treff_id",
            "tally__kind",
            "tally__series__offer_id",
            "tally__series__offer__title",
            "tally__title",
        )
        .annotate(total=Sum("visitors"))
    )
    counts: dict[tuple, int] = {}
    for row in rows:
        if row["tally__kind"] == Tally.Kind.DROP_IN:
            offer = ("drop_in", None, "")
        elif row["tally__series__offer_id"] is not None:
            offer = ("offer", row["tally__series__offer_id"], row["tally__series__offer__title"])
        else:
            offer = ("title", None, row["tally__title"])
        key = (row["treff_id"], offer)
        counts[key] = counts.get(key, 0) + row["total"]
    return counts


def visitors_by_weekday(treff_ids, *, first: dt.date, last: dt.date) -> dict[tuple[int, int], int]:
    """Visitors per (Treff id, ISO weekday 1 = Monday … 7 = Sunday) of the counted day."""
    rows = (
        tally_counts_between(treff_ids, first, last, "total")
        .annotate(weekday=ExtractIsoWeekDay("date"))
        .values("treff_id", "weekday")
        .annotate(total=Sum("visitors"))
    )
    return {(row["treff_id"], row["weekday"]): row["total"] for row in rows}


def visitors_by_hour(treff_ids, *, first: dt.date, last: dt.date) -> dict[tuple[int, int], int]:
    """Visitors per (Treff id, hour of the day 0–23 in local time, or NO_HOUR).

    Tallies carry no time of their own, so the hour comes from what is known:
    - an offer's visitors count at the hour its occurrence starts (after any change of
      time); a tally whose series has been deleted has no occurrence left: NO_HOUR;
    - a drop-in tap counts at the hour it reached the server, if that was on the counted
      day (the tally page counts people as they come in); a tap entered later for a past
      day, and every correction, has no hour: NO_HOUR (the "hour" tally counts keep it).
    """
    zone = ZoneInfo(settings.TIME_ZONE)
    start = Subquery(
        Occurrence.objects.filter(
            series_id=OuterRef("tally__series_id"), original_date=OuterRef("tally__original_date")
        ).values("start")[:1],
        output_field=DateTimeField(),
    )
    offers = tally_counts_between(treff_ids, first, last).filter(tally__kind=Tally.Kind.OCCURRENCE)
    rows = (
        offers.annotate(start=start)
        .annotate(
            hour=Case(
                When(start__isnull=False, then=ExtractHour("start", tzinfo=zone)),
                default=Value(NO_HOUR),
                output_field=IntegerField(),
            )
        )
        .values("treff_id", "hour")
        .annotate(total=Sum("visitors"))
    )
    counts = {(row["treff_id"], row["hour"]): row["total"] for row in rows}
    drop_in = (
        tally_counts_between(treff_ids, first, last, "hour")
        .filter(tally__kind=Tally.Kind.DROP_IN)
        .values("treff_id", "value")
        .annotate(total=Sum("visitors"))
    )
    for row in drop_in:
        key = (row["treff_id"], int(row["value"]) if row["value"] else NO_HOUR)
        counts[key] = counts.get(key, 0) + row["total"]
    return counts


def visitors_by_bucket(
    treff_ids, bucket: str, *, first: dt.date, last: dt.date
) -> dict[tuple[int, str], int]:
    """Visitors per (Treff id, value) of one anonymous bucket (a key of models.BUCKETS:
    age group, gender, visit, language), counting only the events where it was recorded.
    Raises ValueError for another name."""
    if bucket not in BUCKETS:
        raise ValueError(f"Unknown bucket {bucket!r}.")
    rows = (
        tally_counts_between(treff_ids, first, last, bucket)
        .values("treff_id", "value")
        .annotate(total=Sum("visitors"))
    )
    return {(row["treff_id"], row["value"]): row["total"] for row in rows}


# Lunch table ----------------------------------------------------------------------------------


def lunch_days_held(treff_ids, *, first: dt.date, last: dt.date):
    """The lunch days from `first` to `last` that have happened: days before today, and
    today once its portions served are recorded. The rule of `selectors.monthly_lunch_totals`
    (a day planned ahead is no lunch day of the figures), so /figures/ and /reports/ agree."""
    today = timezone.localdate()
    return (
        LunchDay.objects.filter(treff_id__in=treff_ids, date__range=(first, last))
        .filter(date__lte=today)
        .exclude(date=today, portions_served__isnull=True)
    )


@dataclass(frozen=True)
class LunchTotals:
    """One Treff's lunch table over a period.

    days            lunch days held
    tafel_days      of them, days with food from the Tafel (portions or kg above 0):
                    the deliveries, one per day at most
    planned, served portions (served: days without a figure count 0)
    guests          guests added up over the days (visits, not distinct persons)
    tafel_portions  portions from the Tafel
    tafel_kg        kilograms from the Tafel, Decimal with one place
    """

    days: int = 0
    tafel_days: int = 0
    planned: int = 0
    served: int = 0
    guests: int = 0
    tafel_portions: int = 0
    tafel_kg: Decimal = Decimal("0.0")


def lunch_totals(treff_ids, *, first: dt.date, last: dt.date) -> dict[int, LunchTotals]:
    """LunchTotals per Treff id (a Treff without lunch days gets zeros). One query."""
    rows = (
        lunch_days_held(treff_ids, first=first, last=last)
        .values("treff_id")
        .annotate(
            days=Count("pk"),
            tafel_days=Count("pk", filter=Q(tafel_portions__gt=0) | Q(tafel_kg__gt=0)),
            planned=Coalesce(Sum("portions_planned"), 0, output_field=IntegerField()),
            served=Coalesce(Sum("portions_served"), 0, output_field=IntegerField()),
            guests=Coalesce(Sum("guests"), 0, output_field=IntegerField()),
            tafel_portions=Coalesce(Sum("tafel_portions"), 0, output_field=IntegerField()),
            tafel_kg=Sum("tafel_kg"),
        )
        .order_by()
    )
    found = {}
    for row in rows:
        treff_id = row.pop("treff_id")
        kg = Decimal(row.pop("tafel_kg") or 0).quantize(Decimal("0.1"))
        found[treff_id] = LunchTotals(**row, tafel_kg=kg)
    return {pk: found.get(pk, LunchTotals()) for pk in treff_ids}


def lunch_allergen_days(treff_ids, *, first: dt.date, last: dt.date) -> dict[tuple[int, str], int]:
    """On how many lunch days held each allergen (models.Allergen code) was on the menu, per
    (Treff id, code); missing keys are 0. One query, grouped by the menu's allergen list."""
    counts: dict[tuple[int, str], int] = defaultdict(int)
    rows = (
        lunch_days_held(treff_ids, first=first, last=last)
        .values("treff_id", "allergens")
        .annotate(days=Count("pk"))
        .order_by()
    )
    for row in rows:
        # A list stored twice with the same code would count a day twice: set() once.
        for code in set(row["allergens"] or ()):
            counts[row["treff_id"], code] += row["days"]
    return dict(counts)


# Clothing store -------------------------------------------------------------------------------

CLOTHING_MODELS = {"donations": Donation, "handouts": Handout}


def clothing_pieces(
    treff_ids, *, kind: str, by: str, first: dt.date, last: dt.date
) -> dict[tuple[int, str], int]:
    """Pieces received (`kind` "donations") or handed out ("handouts") from `first` to `last`
    per (Treff id, category or size group: `by` "category" or "size_group"); missing keys are
    0. One query. KeyError/ValueError for another kind or grouping (a programming error)."""
    if by not in ("category", "size_group"):
        raise ValueError(f"Clothing is grouped by category or size_group, not {by!r}.")
    rows = (
        CLOTHING_MODELS[kind]
        .objects.filter(treff_id__in=treff_ids, date__range=(first, last))
        .values("treff_id", by)
        .annotate(pieces=Sum("quantity"))
        .order_by()
    )
    return {(row["treff_id"], row[by]): row["pieces"] for row in rows}


def clothing_stock_on(treff_ids, day: dt.date) -> dict[tuple[int, str], int]:
    """Pieces in stock at the end of `day` per (Treff id, category): everything received up
    to that day minus everything handed out (the stock is never stored, models). Two queries."""
    stock: dict[tuple[int, str], int] = defaultdict(int)
    for model, sign in ((Donation, 1), (Handout, -1)):
        rows = (
            model.objects.filter(treff_id__in=treff_ids, date__lte=day)
            .values("treff_id", "category")
            .annotate(pieces=Sum("quantity"))
            .order_by()
        )
        for row in rows:
            stock[row["treff_id"], row["category"]] += sign * row["pieces"]
    return dict(stock)


def swap_visitors(treff_ids, *, first: dt.date, last: dt.date) -> dict[int, int]:
    """Visitors of the clothes swaps from `first` to `last` per Treff id (missing: 0); the
    counts each swap recorded, added up. One query."""
    rows = (
        SwapEvent.objects.filter(treff_id__in=treff_ids, date__range=(first, last))
        .values("treff_id")
        .annotate(visitors=Sum("visitors"))
        .order_by()
    )
    return {row["treff_id"]: row["visitors"] for row in rows}
