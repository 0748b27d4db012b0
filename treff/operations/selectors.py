"""Reads for daily operations. All run inside the request's Treff scope.

`day_summary` is what the coordinator's dashboard shows for today; `monthly_totals` and its
siblings are the city's view: figures per Treff, month and offer category, nothing else.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Count, IntegerField, Q, Sum
from django.db.models.functions import Coalesce, ExtractMonth, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from treff.offers import planning
from treff.offers import selectors as offer_selectors
from treff.offers.models import Category, Occurrence, PlanRules

from .models import (
    BUCKETS,
    ClothingCategory,
    Donation,
    Handout,
    LunchDay,
    SizeGroup,
    SwapEvent,
    Tally,
    TallyCount,
    TallyEvent,
)

DROP_IN_LABEL = _("open drop-in hours")


def month_end(first: dt.date) -> dt.date:
    """The last day of `first`'s month."""
    return first + relativedelta(day=31)


# Visitor tallies ------------------------------------------------------------------------------


def tally_total(tally: Tally | None, **buckets) -> int:
    """The count: the sum of the tally's events (optionally of one bucket only)."""
    if tally is None or tally.pk is None:
        return 0
    total = TallyEvent.objects.filter(tally=tally, **buckets).aggregate(total=Sum("delta"))
    return total["total"] or 0


def tally_find(*, treff, day: dt.date, occurrence: Occurrence | None) -> Tally | None:
    if occurrence is None:
        return Tally.objects.filter(treff=treff, kind=Tally.Kind.DROP_IN, date=day).first()
    return Tally.objects.filter(
        treff=treff, series_id=occurrence.series_id, original_date=occurrence.original_date
    ).first()


@dataclass
class TallyDetail:
    total: int
    breakdown: list  # [(dimension label, [(choice label, count), …]), …]
    corrections: list


def tally_detail(tally: Tally | None) -> TallyDetail:
    """Count, the count per bucket (age group, gender, visit, language) and the corrections."""
    if tally is None:
        return TallyDetail(0, [], [])
    per_bucket: dict[str, dict[str, int]] = {name: defaultdict(int) for name in BUCKETS}
    total = 0
    for row in (
        TallyEvent.objects.filter(tally=tally)
        .values(*BUCKETS)
        .annotate(count=Sum("delta"))
        .order_by()
    ):
        total += row["count"]
        for name in BUCKETS:
            if row[name]:
                per_bucket[name][row[name]] += row["count"]
    labels = {name: TallyEvent._meta.get_field(name).verbose_name for name in BUCKETS}
    breakdown = [
        (
            labels[name],
            [
                (choices(value).label, per_bucket[name][value])
                for value in choices.values
                if per_bucket[name].get(value)
            ],
        )
        for name, choices in BUCKETS.items()
        if any(per_bucket[name].values())
    ]
    corrections = list(
        TallyEvent.objects.filter(tally=tally, kind=TallyEvent.Kind.CORRECTION)
        .select_related("created_by")
        .order_by("-created_at", "-pk")
    )
    return TallyDetail(total, breakdown, corrections)


@dataclass
class TallyRow:
    """One line of the day view: an occurrence (or a tally whose series has gone)."""

    title: str
    occurrence: Occurrence | None
    total: int
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    room: str = ""
    cancelled: bool = False


@dataclass
class DaySummary:
    date: dt.date
    rows: list[TallyRow]
    drop_in: int
    lunch: LunchDay | None

    @property
    def visitors(self) -> int:
        return self.drop_in + sum(row.total for row in self.rows)


def _totals(tallies):
    return tallies.annotate(
        total=Coalesce(Sum("events__delta"), 0, output_field=IntegerField())
    ).order_by()


def day_summary(treff, day: dt.date) -> DaySummary:
    """The Treff's occurrences on `day` with their counts, the drop-in count and the lunch day.

    Three queries, however many occurrences and taps the day has.
    """
    occurrences = list(offer_selectors.occurrences_between(treff=treff, first=day, last=day))
    keys = [(occ.series_id, occ.original_date) for occ in occurrences]
    tallies = _totals(
        Tally.objects.filter(treff=treff).filter(
            Q(date=day)
            | Q(
                series_id__in={series for series, _date in keys},
                original_date__in={date for _series, date in keys},
            )
        )
    )
    by_key, drop_in, orphans = {}, 0, []
    for tally in tallies:
        if tally.kind == Tally.Kind.DROP_IN:
            drop_in = tally.total if tally.date == day else drop_in
        elif tally.series_id is None:
            orphans.append(tally)
        else:
            by_key[(tally.series_id, tally.original_date)] = tally
    rows = []
    for occ in occurrences:
        tally = by_key.get((occ.series_id, occ.original_date))
        rows.append(
            TallyRow(
                title=occ.series.offer.title,
                occurrence=occ,
                total=tally.total if tally else 0,
                start=occ.start,
                end=occ.end,
                room=occ.room.name,
                cancelled=occ.cancelled,
            )
        )
    rows += [TallyRow(title=t.title, occurrence=None, total=t.total) for t in orphans]
    lunch = LunchDay.objects.filter(treff=treff, date=day).first()
    return DaySummary(day, rows, drop_in, lunch)


@dataclass
class MonthlyTotal:
    treff_id: int
    treff_name: str
    month: int
    category: str
    visitors: int

    @property
    def category_label(self) -> str:
        if not self.category:
            return str(DROP_IN_LABEL)
        return Category(self.category).label if self.category in Category.values else ""


def monthly_totals(year: int, *, treff=None, until: dt.date | None = None) -> list[MonthlyTotal]:
    """Visitors per Treff, month and offer category ("" = open drop-in hours) in a year.

    For the city and reports: counts only, and every Treff in the reader's scope. `until`
    (inclusive) leaves out tallies of days that have not happened yet.
    """
    counts = TallyCount.objects.filter(dimension="total", date__year=year)
    if until is not None:
        counts = counts.filter(date__lte=until)
    if treff is not None:
        counts = counts.filter(treff=treff)
    rows = (
        counts.annotate(month=ExtractMonth("date"))
        .values("treff_id", "treff__name", "month", "tally__category")
        .annotate(total=Sum("visitors"))
        .order_by("treff__name", "month", "tally__category")
    )
    return [
        MonthlyTotal(
            row["treff_id"], row["treff__name"], row["month"], row["tally__category"], row["total"]
        )
        for row in rows
    ]


def tally_counts_between(treff_ids, first: dt.date, last: dt.date, dimension: str = "total"):
    """The tally counts of one dimension (tally_counts.py) of the tallies counted for a day
    from `first` to `last`: at most about 25 rows per tally where the events are every tap."""
    return TallyCount.objects.filter(
        dimension=dimension, treff_id__in=treff_ids, date__range=(first, last)
    ).order_by()


def visitors_by_category(treff_ids, *, first: dt.date, last: dt.date) -> dict[tuple[int, str], int]:
    """Visitors per (Treff id, offer category) from `first` to `last` (both included);
    category "" is the open drop-in hours. One grouped query; counts only, for the reports."""
    rows = (
        tally_counts_between(treff_ids, first, last)
        .values("treff_id", "tally__category")
        .annotate(total=Sum("visitors"))
    )
    return {(row["treff_id"], row["tally__category"]): row["total"] for row in rows}


def visitors_by_month(treff_ids, first: dt.date, last: dt.date) -> dict[tuple[int, dt.date], int]:
    """Visitors per (Treff id, first day of the month) from `first` to `last` (both included),
    drop-in hours and offers together. One grouped query; counts only, for the reports'
    trends. A month without tallies is missing; a correction can leave a month below zero."""
    rows = (
        tally_counts_between(treff_ids, first, last)
        .annotate(month=TruncMonth("date"))
        .values("treff_id", "month")
        .annotate(total=Sum("visitors"))
    )
    return {(row["treff_id"], row["month"]): row["total"] for row in rows}


def lunch_guests_by_month(
    treff_ids, first: dt.date, last: dt.date
) -> dict[tuple[int, dt.date], int]:
    """Lunch guests per (Treff id, first day of the month) from `first` to `last` (both
    included): the guests recorded for each lunch day, summed. One grouped query; a month
    without recorded guests is missing."""
    rows = (
        LunchDay.objects.filter(
            treff_id__in=treff_ids, date__range=(first, last), guests__isnull=False
        )
        .annotate(month=TruncMonth("date"))
        .values("treff_id", "month")
        .annotate(guests=Sum("guests"))
        .order_by()
    )
    return {(row["treff_id"], row["month"]): row["guests"] for row in rows}


def monthly_treff_totals(
    year: int, *, treff=None, until: dt.date | None = None
) -> dict[tuple[int, int], int]:
    """Visitors per (Treff id, month); `until` as in `monthly_totals`."""
    totals: dict[tuple[int, int], int] = defaultdict(int)
    for row in monthly_totals(year, treff=treff, until=until):
        totals[(row.treff_id, row.month)] += row.visitors
    return dict(totals)


def monthly_lunch_totals(
    year: int, *, treff=None, until: dt.date | None = None
) -> dict[tuple[int, int], dict]:
    """Lunch days, portions served, guests and Tafel food per (Treff id, month).

    With `until` only days that have happened count: those before it, and `until` itself
    once its portions served are recorded. A day planned ahead (portions planned, nothing
    served yet) is no lunch day of the figures — it would add a day with 0 portions.
    """
    days = LunchDay.objects.filter(date__year=year)
    if until is not None:
        days = days.filter(date__lte=until).exclude(date=until, portions_served__isnull=True)
    if treff is not None:
        days = days.filter(treff=treff)
    rows = (
        days.annotate(month=ExtractMonth("date"))
        .values("treff_id", "month")
        .annotate(
            days=Count("pk"),
            served=Coalesce(Sum("portions_served"), 0),
            guests=Coalesce(Sum("guests"), 0),
            tafel_portions=Coalesce(Sum("tafel_portions"), 0),
            tafel_kg=Sum("tafel_kg"),
        )
        .order_by("treff_id", "month")
    )
    return {
        (row["treff_id"], row["month"]): {
            "days": row["days"],
            "served": row["served"],
            "guests": row["guests"],
            "tafel_portions": row["tafel_portions"],
            "tafel_kg": row["tafel_kg"] or Decimal(0),
        }
        for row in rows
    }


def monthly_clothing_totals(
    year: int, *, treff=None, until: dt.date | None = None
) -> dict[tuple[int, int], dict]:
    """Pieces received and handed out per (Treff id, month); `until` (inclusive) leaves out
    entries dated ahead."""
    result: dict[tuple[int, int], dict] = defaultdict(lambda: {"received": 0, "handed_out": 0})
    for model, key in ((Donation, "received"), (Handout, "handed_out")):
        rows = model.objects.filter(date__year=year)
        if until is not None:
            rows = rows.filter(date__lte=until)
        if treff is not None:
            rows = rows.filter(treff=treff)
        for row in (
            rows.annotate(month=ExtractMonth("date"))
            .values("treff_id", "month")
            .annotate(pieces=Sum("quantity"))
            .order_by()
        ):
            result[(row["treff_id"], row["month"])][key] = row["pieces"]
    return dict(result)


# Lunch table ----------------------------------------------------------------------------------


@dataclass
class LunchRules:
    max_per_week: int = 3
    start: dt.time = dt.time(11)
    end: dt.time = dt.time(13)


def lunch_rules(treff) -> LunchRules:
    """The Treff's plan rule for the lunch table (Fachkonzept §4.5: up to 3×, 11–13)."""
    rules = PlanRules.objects.filter(treff_id=treff.pk).first()
    if rules is None:
        return LunchRules()
    return LunchRules(rules.lunch_max_per_week, rules.lunch_start, rules.lunch_end)


@dataclass
class LunchMonth:
    first: dt.date
    days: list[LunchDay]
    rules: LunchRules
    over_limit: set[dt.date] = field(default_factory=set)  # Mondays of weeks over the rule
    totals: dict = field(default_factory=dict)
    # Where the lunch table and the plan disagree: lunch days without a Mittagstisch date in
    # the plan, and past Mittagstisch dates of the plan without a lunch day ("not recorded").
    unplanned: set[dt.date] = field(default_factory=set)
    not_recorded: list[dt.date] = field(default_factory=list)


def lunch_month(treff, first: dt.date) -> LunchMonth:
    """The lunch days of one month, their totals, and the weeks with more days than allowed."""
    last = month_end(first)
    # Whole weeks around the month, so a week that straddles the 1st is judged complete.
    week_start = first - dt.timedelta(days=first.weekday())
    week_end = last + dt.timedelta(days=6 - last.weekday())
    rules = lunch_rules(treff)
    around = list(
        LunchDay.objects.filter(treff=treff, date__range=(week_start, week_end)).order_by("date")
    )
    per_week: dict[dt.date, int] = defaultdict(int)
    for day in around:
        per_week[day.date - dt.timedelta(days=day.date.weekday())] += 1
    days = [day for day in around if first <= day.date <= last]
    totals = {
        "days": len(days),
        "planned": sum(d.portions_planned for d in days),
        "served": sum(d.portions_served or 0 for d in days),
        "guests": sum(d.guests or 0 for d in days),
        "helpers": sum(d.helpers or 0 for d in days),
        "tafel_portions": sum(d.tafel_portions or 0 for d in days),
        "tafel_kg": sum((d.tafel_kg or Decimal(0) for d in days), Decimal(0)),
    }
    over = {monday for monday, count in per_week.items() if count > rules.max_per_week}
    planned = lunch_plan_dates(treff, first, last)
    recorded = {day.date for day in days}
    today = timezone.localdate()
    return LunchMonth(
        first,
        days,
        rules,
        over,
        totals,
        unplanned=recorded - planned,
        not_recorded=sorted(day for day in planned - recorded if day < today),
    )


def lunch_plan_dates(treff, first: dt.date, last: dt.date) -> set[dt.date]:
    """The local days first..last with a Mittagstisch date in the plan: an occurrence, not
    cancelled, of an offer of the category "lunch table". One query."""
    tz = planning.timezone()
    rows = offer_selectors.occurrences_between(treff=treff, first=first, last=last).filter(
        series__offer__category=Category.LUNCH, cancelled=False
    )
    return {start.astimezone(tz).date() for start in rows.values_list("start", flat=True)}


# Clothing store -------------------------------------------------------------------------------


def stock_of(treff, category: str, size_group: str) -> int:
    received = Donation.objects.filter(
        treff=treff, category=category, size_group=size_group
    ).aggregate(total=Sum("quantity"))["total"]
    handed_out = Handout.objects.filter(
        treff=treff, category=category, size_group=size_group
    ).aggregate(total=Sum("quantity"))["total"]
    return (received or 0) - (handed_out or 0)


@dataclass
class StockRow:
    category: str
    size_group: str
    received: int
    handed_out: int

    @property
    def stock(self) -> int:
        return self.received - self.handed_out

    @property
    def category_label(self) -> str:
        return ClothingCategory(self.category).label

    @property
    def size_label(self) -> str:
        return SizeGroup(self.size_group).label


@dataclass
class Stock:
    rows: list[StockRow]  # per category and size group, in the order of the choices
    per_category: list[tuple[str, int]]  # (label, pieces in stock)

    @property
    def total(self) -> int:
        return sum(row.stock for row in self.rows)


def clothing_stock(treff) -> Stock:
    """Current stock = intake − hand-outs, per category and size group. Two queries."""
    sums: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for index, model in enumerate((Donation, Handout)):
        for row in (
            model.objects.filter(treff=treff)
            .values("category", "size_group")
            .annotate(pieces=Sum("quantity"))
            .order_by()
        ):
            sums[(row["category"], row["size_group"])][index] = row["pieces"]
    rows = [
        StockRow(category, size, *sums[(category, size)])
        for category in ClothingCategory.values
        for size in SizeGroup.values
        if (category, size) in sums
    ]
    per_category: dict[str, int] = defaultdict(int)
    for row in rows:
        per_category[row.category] += row.stock
    return Stock(
        rows,
        [(ClothingCategory(c).label, n) for c, n in per_category.items()],
    )


@dataclass
class ClothingHistory:
    first: dt.date
    donations: list
    handouts: list
    swaps: list


def clothing_history(treff, first: dt.date) -> ClothingHistory:
    """Donations, hand-outs and swaps of one month, newest first."""
    last = month_end(first)
    span = {"treff": treff, "date__range": (first, last)}
    return ClothingHistory(
        first,
        list(Donation.objects.filter(**span).select_related("created_by")),
        list(Handout.objects.filter(**span).select_related("created_by")),
        list(SwapEvent.objects.filter(**span)),
    )
