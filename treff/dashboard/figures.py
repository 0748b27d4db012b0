"""The year in figures per Treff: what the city needs to judge uptake (Fachkonzept §6).

Counts only — visitors, lunch portions, clothes handed out, counselling contacts — read from
the apps' aggregate selectors; nothing here can name a person.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from treff.counselling import selectors as counselling
from treff.operations import selectors as operations
from treff.treffs import selectors as treff_selectors

MONTHS = range(1, 13)


@dataclass
class MonthRow:
    month: dt.date
    visitors: int = 0
    lunch_days: int = 0
    portions: int = 0
    tafel_kg: float = 0
    clothes_out: int = 0
    contacts: int = 0


@dataclass
class TreffYear:
    treff: object
    months: list[MonthRow] = field(default_factory=list)

    @property
    def total(self) -> MonthRow:
        total = MonthRow(month=self.months[0].month)
        for row in self.months:
            total.visitors += row.visitors
            total.lunch_days += row.lunch_days
            total.portions += row.portions
            total.tafel_kg += row.tafel_kg
            total.clothes_out += row.clothes_out
            total.contacts += row.contacts
        return total


def figures_treffs(user):
    """The Treffs whose figures `user` reads (treffs.selectors.overseen_treffs), with room
    counts for the page."""
    return (
        treff_selectors.treff_list()
        .filter(pk__in=treff_selectors.overseen_treffs(user).values("pk"))
        .order_by("name")
    )


def year_figures(treffs, year: int) -> list[TreffYear]:
    """One table per Treff, twelve months each; a fixed number of grouped queries.

    Only what has happened counts (today included): a lunch day planned for next week or a
    contact entered ahead would otherwise count as a day or contact with nothing in it.
    """
    treffs = list(treffs)
    today = timezone.localdate()
    visitors = operations.monthly_treff_totals(year, until=today)
    lunch = operations.monthly_lunch_totals(year, until=today)
    clothing = operations.monthly_clothing_totals(year, until=today)
    last = min(dt.date(year, 12, 31), today)
    contacts = {
        (stats.treff.pk, month.month): count
        for stats in counselling.contact_statistics(treffs, first=dt.date(year, 1, 1), last=last)
        for month, count in stats.by_month
    }
    result = []
    for treff in treffs:
        rows = []
        for month in MONTHS:
            key = (treff.pk, month)
            meal = lunch.get(key, {})
            rows.append(
                MonthRow(
                    month=dt.date(year, month, 1),
                    visitors=visitors.get(key, 0),
                    lunch_days=meal.get("days", 0),
                    portions=meal.get("served", 0),
                    tafel_kg=float(meal.get("tafel_kg", 0)),
                    clothes_out=clothing.get(key, {}).get("handed_out", 0),
                    contacts=contacts.get(key, 0),
                )
            )
        result.append(TreffYear(treff, rows))
    return result
