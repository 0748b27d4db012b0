"""Reads for the public pages: public facts only, each in the one Treff's scope.

A visitor has no Treff scope. The views find the Treff with treffs.selectors.public_treff
(the one deliberate unscoped read) and call these inside `scope(treff=[treff.pk])`.
Every function reads a fixed number of queries, whatever the number of offers or dates.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import get_language

from treff.offers import planning, translations
from treff.offers import selectors as offer_selectors
from treff.offers.models import Category, Occurrence, Offer
from treff.operations.models import LunchDay

# How far ahead an offer's own page lists dates, and how many at most.
OFFER_DAYS_AHEAD = 56
OFFER_DATES_SHOWN = 12
# The visiting specialist services (Fachkonzept §3: debt, addiction, family counselling …),
# whose dates the page lists as their office hours at the Treff.
COUNSELLING = (Category.VISITING_COUNSELLING,)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass
class Week:
    first: dt.date
    last: dt.date
    days: list  # offers.selectors.Day, only the days with something to say


@dataclass
class TreffWeeks:
    weeks: list[Week]
    lunch: list[dict]  # {"date", "menu", "allergens" (labels), "start", "end"}, by date
    counselling: list[Occurrence]  # the visiting services' dates in the two weeks
    offers: list[Offer]  # the public offers, by title


def treff_weeks(treff, *, today: dt.date, language: str | None = None) -> TreffWeeks:
    """This week's and next week's public dates (Monday–Sunday), from the live plan.

    Cancelled dates are kept (the page shows them as cancelled); a moved date stands at its
    new time, and its old day says where it went. Six queries, and one more for the offers'
    texts in `language` (default: the active one) unless it is German.
    """
    first = monday_of(today)
    last = first + dt.timedelta(days=13)
    days = offer_selectors.days_of(treff=treff, first=first, last=last, public_only=True)
    weeks = []
    for start in (first, first + dt.timedelta(days=7)):
        end = start + dt.timedelta(days=6)
        shown = [
            day
            for day in days
            if start <= day.date <= end and (day.items or day.moved_away or day.closed)
        ]
        weeks.append(Week(start, end, shown))
    tz = planning.timezone()
    lunch_dates = {}
    counselling = []
    for day in days:
        for occ in day.items:
            category = occ.series.offer.category
            if category == Category.LUNCH and not occ.cancelled:
                lunch_dates.setdefault(day.date, occ)
            elif category in COUNSELLING:
                counselling.append(occ)
    menus = {
        row.date: row for row in LunchDay.objects.filter(treff=treff, date__in=list(lunch_dates))
    }
    lunch = []
    for date, occ in sorted(lunch_dates.items()):
        menu = menus.get(date)
        lunch.append(
            {
                "date": date,
                "start": occ.start.astimezone(tz),
                "end": occ.end.astimezone(tz),
                "menu": menu.menu if menu else "",
                "allergens": menu.allergen_labels() if menu else [],
            }
        )
    offers = list(
        Offer.objects.filter(treff=treff, public=True, active=True)
        .select_related("provider")
        .order_by("title")
    )
    shown = [occ.series.offer for day in days for occ in (*day.items, *day.moved_away)]
    translations.prefetch(shown + offers, language or get_language())
    return TreffWeeks(weeks, lunch, counselling, offers)


def public_offer(treff, pk: int, language: str | None = None) -> Offer | None:
    """The offer with its texts in `language` (default: the active one). Two queries."""
    offer = (
        Offer.objects.filter(treff=treff, public=True, active=True, pk=pk)
        .select_related("provider")
        .first()
    )
    if offer is not None:
        translations.prefetch([offer], language or get_language())
    return offer


def next_dates(offer: Offer, *, today: dt.date) -> list[Occurrence]:
    """The offer's next dates from today (cancelled ones included, marked), at most
    OFFER_DATES_SHOWN within OFFER_DAYS_AHEAD days. One query."""
    start, end = offer_selectors.local_day_bounds(
        today, today + dt.timedelta(days=OFFER_DAYS_AHEAD)
    )
    rows = (
        Occurrence.objects.filter(series__offer=offer, start__lt=end, end__gt=start)
        .select_related("room")
        .order_by("start")
    )
    return list(rows[:OFFER_DATES_SHOWN])
