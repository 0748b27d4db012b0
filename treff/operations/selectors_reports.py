"""Reads of daily operations for the reports (Fachkonzept §6): sums per Treff over a period.

Every function takes a list of Treff ids and a period (`first` to `last`, both included) and
runs one grouped query (stock at a day: two), however many Treffs there are. Counts and
amounts only leave here; nothing names a visitor. They run in the reader's Treff scope.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, IntegerField, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Donation, Handout, LunchDay, SwapEvent

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
    tafel_days      of them, days with food from the Dessauer Tafel (portions or kg above 0):
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
