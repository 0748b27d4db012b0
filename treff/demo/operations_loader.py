"""About three months of daily operations for both Treffs, up to yesterday.

Visitor counts on the occurrences of the demo plan (plus the open drop-in hours of each
weekday), lunch days on the dates of the Mittagstisch occurrences with menus, allergens and
deliveries from the Dessauer Tafel, donations and hand-outs that never take the stock below
zero, and a clothes swap or two. Deterministic (a seeded random.Random) and idempotent: a
Treff that already has any tally is left as it is.
"""

import datetime as dt
import random
import uuid
from collections import defaultdict
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from treff.core.choices import Language
from treff.offers import planning
from treff.offers.models import Category, Occurrence
from treff.operations import services
from treff.operations.models import (
    AgeGroup,
    ClothingCategory,
    Condition,
    Donation,
    Gender,
    Handout,
    LunchDay,
    Season,
    SizeGroup,
    SwapEvent,
    Tally,
    TallyEvent,
    Visit,
)
from treff.treffs.models import Treff

DAYS = 91
SEED = 6

# A typical count per offer category, before the weekday pattern and chance.
TYPICAL = {
    Category.LUNCH: 22,
    Category.SOCIAL_COUNSELLING: 6,
    Category.VISITING_COUNSELLING: 5,
    Category.INFORMATION: 12,
    Category.LEISURE: 14,
    Category.CLOTHING: 11,
    Category.MEDIA: 8,
    Category.CRISIS: 4,
}
# Mondays and Fridays are quieter, mid-week busier.
WEEKDAY_FACTOR = [0.85, 1.05, 1.15, 1.1, 0.8, 0.5, 0.5]

MENUS = [
    ("Kartoffelsuppe mit Würstchen und Brot", ["gluten", "celery", "mustard"]),
    ("Spaghetti Bolognese mit Reibekäse", ["gluten", "milk", "celery"]),
    ("Hühnerfrikassee mit Reis", ["milk", "celery"]),
    ("Linseneintopf mit Brötchen", ["gluten", "celery"]),
    ("Gemüselasagne", ["gluten", "milk", "eggs"]),
    ("Fischstäbchen mit Kartoffelbrei und Erbsen", ["fish", "gluten", "milk"]),
    ("Kohlrouladen mit Salzkartoffeln", ["celery", "mustard"]),
    ("Milchreis mit Zimt und Apfelmus", ["milk"]),
    ("Gulasch mit Nudeln", ["gluten", "eggs", "celery"]),
    ("Soljanka mit Brot", ["gluten", "celery", "mustard", "sulphites"]),
    ("Kartoffelpuffer mit Apfelmus", ["eggs", "gluten"]),
    ("Chili sin Carne mit Reis", ["celery"]),
    ("Königsberger Klopse mit Kartoffeln", ["gluten", "eggs", "milk", "mustard"]),
    ("Asiatische Gemüsepfanne mit Nudeln", ["gluten", "soy", "sesame"]),
]
LANGUAGES = [Language.GERMAN] * 12 + [
    Language.UKRAINIAN,
    Language.UKRAINIAN,
    Language.ARABIC,
    Language.RUSSIAN,
    Language.RUSSIAN,
    Language.TURKISH,
    Language.ENGLISH,
]
AGES = [AgeGroup.UNDER_18] + [AgeGroup.YOUNG] * 2 + [AgeGroup.ADULT] * 5 + [AgeGroup.SENIOR] * 5
GENDERS = [Gender.FEMALE] * 6 + [Gender.MALE] * 4 + [Gender.DIVERSE, Gender.NOT_SAID]
REASONS = [
    "zweimal getippt",
    "Strichliste vom Nachmittag nachgetragen",
    "Kind mitgezählt, war Begleitung",
    "Handy hatte kein Netz, Zettel übertragen",
]


def demo_operations_load(today: dt.date) -> int:
    """Create the history for every demo Treff without tallies. Returns the rows created."""
    users = {u.username: u for u in get_user_model().objects.all()}
    created = 0
    for index, slug in enumerate(("franztreff", "rosseltreff")):
        treff = Treff.objects.filter(slug=slug).first()
        if treff is None or Tally.objects.filter(treff=treff).exists():
            continue
        rng = random.Random(SEED + index)
        counters = [users[name] for name in (slug, "ehrenamt", "beratung") if name in users]
        if slug != "franztreff":
            counters = counters[:1]
        first = today - dt.timedelta(days=DAYS)
        last = today - dt.timedelta(days=1)
        created += _tallies(rng, treff, first, last, counters)
        created += _lunch(rng, treff, first, today, counters[0])
        created += _clothing(rng, treff, first, last, counters[0])
    return created


def _key(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _open_days(treff, first: dt.date, last: dt.date) -> list[dt.date]:
    weekdays = set(treff.opening_hours.values_list("weekday", flat=True)) or set(range(5))
    holidays = planning.holidays_between(first, last, state=treff.holiday_state)
    closures = planning.closures_between(treff.pk, first, last)
    days, day = [], first
    while day <= last:
        if day.weekday() in weekdays and day not in holidays and day not in closures:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _occurrences(treff, first: dt.date, last: dt.date):
    start, end = (
        dt.datetime.combine(first, dt.time.min, tzinfo=planning.timezone()),
        dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=planning.timezone()),
    )
    return list(
        Occurrence.objects.filter(treff=treff, start__gte=start, start__lt=end, cancelled=False)
        .exclude(closed__gt="")
        .select_related("series__offer")
        .order_by("start")
    )


def _tallies(rng, treff, first, last, counters) -> int:
    tallies: list[tuple[Tally, int]] = []
    for occ in _occurrences(treff, first, last):
        offer = occ.series.offer
        day = timezone.localtime(occ.start).date()
        typical = TYPICAL.get(offer.category, 8) * WEEKDAY_FACTOR[day.weekday()]
        count = max(3, min(25, round(rng.gauss(typical, typical * 0.25))))
        tally = Tally(
            treff=treff,
            kind=Tally.Kind.OCCURRENCE,
            date=day,
            series_id=occ.series_id,
            original_date=occ.original_date,
            category=offer.category,
            title=offer.title,
        )
        tallies.append((tally, count))
    for day in _open_days(treff, first, last):
        typical = 12 * WEEKDAY_FACTOR[day.weekday()]
        count = max(3, min(25, round(rng.gauss(typical, 3))))
        tallies.append((Tally(treff=treff, kind=Tally.Kind.DROP_IN, date=day), count))
    Tally.objects.bulk_create([tally for tally, _count in tallies])
    # Re-read the ids (bulk_create does not return them on every database).
    ids = {
        (t.kind, t.series_id, t.original_date, t.date): t.pk
        for t in Tally.objects.filter(treff=treff)
    }
    events, corrections = [], []
    for tally, count in tallies:
        tally.pk = ids[(tally.kind, tally.series_id, tally.original_date, tally.date)]
        user = rng.choice(counters)
        for _tap in range(count):
            described = rng.random() < 0.6
            events.append(
                TallyEvent(
                    treff=treff,
                    tally=tally,
                    key=_key(rng),
                    delta=1,
                    age_group=rng.choice(AGES) if described else "",
                    gender=rng.choice(GENDERS) if described else "",
                    visit=(Visit.FIRST if rng.random() < 0.12 else Visit.RETURNING)
                    if described
                    else "",
                    language=rng.choice(LANGUAGES) if described else "",
                    created_by=user,
                )
            )
        if rng.random() < 0.04:
            # A few corrections, as they happen: a double tap, or a paper list typed in.
            reason = rng.choice(REASONS)
            new = count - 1 if reason == REASONS[0] or reason == REASONS[2] else count + 3
            corrections.append(
                (
                    TallyEvent(
                        treff=treff,
                        tally=tally,
                        key=_key(rng),
                        kind=TallyEvent.Kind.CORRECTION,
                        delta=new - count,
                        reason=reason,
                        old_total=count,
                        new_total=new,
                        created_by=counters[0],
                    ),
                    dt.datetime.combine(tally.date, dt.time(16, 30), tzinfo=planning.timezone()),
                )
            )
    TallyEvent.objects.bulk_create(events, batch_size=2000)
    TallyEvent.objects.bulk_create([event for event, _when in corrections])
    for event, when in corrections:
        # created_at is set on insert; the log should show the day of the correction.
        TallyEvent.objects.filter(key=event.key).update(created_at=when)
    return len(tallies) + len(events) + len(corrections)


def _lunch(rng, treff, first, today, user) -> int:
    """Lunch on the dates of the Mittagstisch occurrences, up to a week ahead (planned only),
    but for one date left out and one day added outside the plan."""
    dates = sorted(
        {
            timezone.localtime(occ.start).date()
            for occ in _occurrences(treff, first, today + dt.timedelta(days=7))
            if occ.series.offer.category == Category.LUNCH
        }
    )
    # Where the lunch table and the plan disagree, as happens: a Mittagstisch date two weeks
    # back that nobody recorded ("not recorded" on the lunch list), and last Saturday's
    # neighbourhood meal, recorded but never put into the plan ("not in the plan").
    past = [day for day in dates if day < today - dt.timedelta(days=7)]
    if past:
        dates.remove(past[-1])
    saturday = today - dt.timedelta(days=(today.weekday() - 5) % 7 or 7)
    extra = saturday if saturday >= first and saturday not in dates else None
    if extra:
        dates = sorted([*dates, extra])
    days = []
    for day in dates:
        menu, allergens = rng.choice(MENUS)
        if day == extra:
            menu = "Adventsessen mit der Nachbarschaft: Gulasch mit Rotkohl und Klößen"
        planned = rng.randrange(25, 46)
        lunch = LunchDay(
            treff=treff,
            date=day,
            menu=menu,
            allergens=allergens,
            portions_planned=planned,
            updated_by=user,
        )
        if day < today:
            served = max(15, min(50, planned + rng.randint(-6, 4)))
            lunch.portions_served = served
            lunch.guests = served - rng.randint(0, 3)
            lunch.helpers = rng.randint(2, 5)
            if rng.random() < 0.8:
                lunch.tafel_portions = rng.randrange(10, planned)
            if rng.random() < 0.6:
                lunch.tafel_kg = Decimal(rng.randrange(40, 250)) / 10
        days.append(lunch)
    LunchDay.objects.bulk_create(days)
    return len(days)


def _clothing(rng, treff, first, last, user) -> int:
    """Donations twice or three times a week, hand-outs only from what is in stock."""
    stock: dict[tuple[str, str], int] = defaultdict(int)
    donations, handouts = [], []
    kinds = [
        (category, size)
        for category in ClothingCategory.values
        for size in (
            [SizeGroup.CHILDREN]
            if category in ("children", "baby")
            else [SizeGroup.ONE_SIZE]
            if category in ("bedding", "household", "accessories")
            else [SizeGroup.ADULT_SM, SizeGroup.ADULT_LXL, SizeGroup.XXL]
        )
    ]
    for day in _open_days(treff, first, last):
        if rng.random() < 0.5:
            for _i in range(rng.randint(1, 3)):
                category, size = rng.choice(kinds)
                quantity = rng.randint(2, 15)
                stock[(category, size)] += quantity
                winter = day.month in (10, 11, 12, 1, 2) and rng.random() < 0.6
                donations.append(
                    Donation(
                        treff=treff,
                        date=day,
                        category=category,
                        size_group=size,
                        season=Season.WINTER if winter else rng.choice(Season.values),
                        quantity=quantity,
                        condition=rng.choice(
                            [Condition.NEW] + [Condition.GOOD] * 4 + [Condition.WORN]
                        ),
                        created_by=user,
                    )
                )
        if day.weekday() in (0, 3):  # the Kleiderkammer opens Monday and Thursday
            available = [kind for kind, pieces in stock.items() if pieces > 0]
            for category, size in rng.sample(available, min(len(available), rng.randint(2, 6))):
                quantity = rng.randint(1, min(5, stock[(category, size)]))
                stock[(category, size)] -= quantity
                handouts.append(
                    Handout(
                        treff=treff,
                        date=day,
                        category=category,
                        size_group=size,
                        quantity=quantity,
                        created_by=user,
                    )
                )
    Donation.objects.bulk_create(donations)
    Handout.objects.bulk_create(handouts)
    swaps = [
        SwapEvent(
            treff=treff,
            date=last - dt.timedelta(days=offset),
            title=title,
            visitors=rng.randint(12, 30),
            items_brought=rng.randint(60, 140),
            items_taken=rng.randint(40, 110),
            notes="Reste gingen an die Kleiderkammer.",
        )
        for offset, title in ((60, "Kleidertauschbörse im Spätsommer"), (12, "Wintertausch"))
        if last - dt.timedelta(days=offset) >= first
    ]
    SwapEvent.objects.bulk_create(swaps)
    return len(donations) + len(handouts) + len(swaps) + len(_bag_of_donations(treff, last, user))


def _bag_of_donations(treff, day, user) -> list[Donation]:
    """One bag with several kinds in it, entered as lines of one form (services.donations_add)."""
    lines = [
        Donation(
            category=ClothingCategory.JACKETS,
            size_group=SizeGroup.ADULT_LXL,
            season=Season.WINTER,
            quantity=3,
            condition=Condition.GOOD,
        ),
        Donation(
            category=ClothingCategory.CHILDREN,
            size_group=SizeGroup.CHILDREN,
            season=Season.WINTER,
            quantity=7,
            condition=Condition.NEW,
        ),
        Donation(
            category=ClothingCategory.SHOES,
            size_group=SizeGroup.ADULT_SM,
            season=Season.ALL_YEAR,
            quantity=2,
            condition=Condition.WORN,
        ),
    ]
    return services.donations_add(date=day, lines=lines, treff=treff, user=user)
