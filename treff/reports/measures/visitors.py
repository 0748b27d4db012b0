"""Visitors (Fachkonzept §3, §6): the tallies of the drop-in hours and the offers.

Every visitor count is a sum of tally events (operations.selectors_reports). The tables
that split all visits another way (by kind of offer, per offer, weekday, hour, drop-in vs
offers) have the population "visits": their Treff totals are the same figures, so the
report links them and a total hidden in one stays hidden in the others. The anonymous
buckets (age group, gender, first visit, language) are recorded for some taps only, on the
tally page's optional details: those tables count that subset, each stands alone, and
none has a "not recorded" row (the issue asks for them "where recorded").
"""

from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from treff.core.choices import Language
from treff.offers.models import Category
from treff.operations import selectors as operations
from treff.operations import selectors_reports as visits
from treff.operations.models import AgeGroup, Gender, Visit
from treff.operations.selectors import DROP_IN_LABEL

from . import PERSONS, Figures, Measure, shared

# The hours shown even when nobody came in them, so that tables of different periods and
# Treffs have the same rows; an hour outside with visitors is added in its place.
DAY_HOURS = range(8, 20)
NO_TIME_LABEL = _("time not recorded")


def _count(value) -> int:
    # A correction can take a group below zero (it corrected taps counted in another
    # group, e.g. a drop-in tap at 10:00 corrected without a time); a count of persons
    # cannot be negative.
    return max(value or 0, 0)


def by_category(treffs, span) -> Figures:
    ids = [treff.pk for treff in treffs]
    visitors = shared(operations.visitors_by_category, ids, first=span.first, last=span.last)
    categories = ["", *Category.values]
    return Figures(
        [DROP_IN_LABEL, *Category.labels],
        [[_count(visitors.get((pk, c))) for pk in ids] for c in categories],
    )


def by_offer(treffs, span) -> Figures:
    """One row per offer and one for the drop-in hours, one column per Treff.

    An offer belongs to one Treff, so its row has its count in that Treff's column and 0
    in the others; with several Treffs shown its label names the Treff ("Seniorencafé
    (Franztreff)"). This keeps the report's one shape (a column per Treff, with the same
    Treff totals as the other visit tables, so they can be linked and suppressed together),
    and the zeros are true: nobody came to Franztreff's café in Rosseltreff. Rows: the
    drop-in hours first, then the Treffs in the order shown, each's offers by title; only
    offers with visitors in the period. Offers of the same title in one Treff (an offer
    deleted and made again) share a row.
    """
    ids = [treff.pk for treff in treffs]
    names = {treff.pk: treff.name for treff in treffs}
    counts = visits.visitors_by_offer(ids, first=span.first, last=span.last)
    drop_in = [_count(counts.get((pk, ("drop_in", None, "")))) for pk in ids]
    offers: dict[tuple[int, str], int] = {}
    for (pk, (kind, _id, title)), visitors in counts.items():
        if kind != "drop_in":
            offers[pk, title] = offers.get((pk, title), 0) + visitors
    rows = [(DROP_IN_LABEL, drop_in)]
    order = {pk: position for position, pk in enumerate(ids)}
    for pk, title in sorted(offers, key=lambda key: (order[key[0]], key[1].casefold(), key[1])):
        label = title if len(ids) == 1 else f"{title} ({names[pk]})"
        rows.append((label, [_count(offers[pk, title]) if p == pk else 0 for p in ids]))
    return Figures([label for label, _values in rows], [values for _label, values in rows])


def by_weekday(treffs, span) -> Figures:
    ids = [treff.pk for treff in treffs]
    counts = visits.visitors_by_weekday(ids, first=span.first, last=span.last)
    return Figures(
        [WEEKDAYS[day] for day in range(7)],
        [[_count(counts.get((pk, day + 1))) for pk in ids] for day in range(7)],
    )


def by_hour(treffs, span) -> Figures:
    """Rows 08:00–08:59 to 19:00–19:59 (and any other hour with visitors), then the visits
    whose time is not known (see selectors_reports.visitors_by_hour for where the hour
    comes from)."""
    ids = [treff.pk for treff in treffs]
    counts = visits.visitors_by_hour(ids, first=span.first, last=span.last)
    recorded = {hour for (_pk, hour), n in counts.items() if hour != visits.NO_HOUR and n}
    hours = sorted(set(DAY_HOURS) | recorded)
    return Figures(
        [f"{hour:02d}:00–{hour:02d}:59" for hour in hours] + [NO_TIME_LABEL],
        [[_count(counts.get((pk, hour))) for pk in ids] for hour in [*hours, visits.NO_HOUR]],
    )


def drop_in_or_offers(treffs, span) -> Figures:
    ids = [treff.pk for treff in treffs]
    visitors = shared(operations.visitors_by_category, ids, first=span.first, last=span.last)
    drop_in = [_count(visitors.get((pk, ""))) for pk in ids]
    offers = [
        _count(sum(n for (p, category), n in visitors.items() if p == pk and category))
        for pk in ids
    ]
    return Figures([DROP_IN_LABEL, _("offers")], [drop_in, offers])


def _bucket(name, choices):
    def compute(treffs, span) -> Figures:
        ids = [treff.pk for treff in treffs]
        counts = visits.visitors_by_bucket(ids, name, first=span.first, last=span.last)
        return Figures(
            list(choices.labels),
            [[_count(counts.get((pk, value))) for pk in ids] for value in choices.values],
        )

    compute.__name__ = f"by_{name}"
    return compute


WHERE_RECORDED = _(
    "Only visitors for whom this was recorded on the tally page are counted; most visitors "
    "are counted without details."
)

MEASURES = [
    Measure(
        "visitors",
        "visitors",
        _("Visitors by kind of offer"),
        _("Kind of offer"),
        PERSONS,
        by_category,
        population="visits",
    ),
    Measure(
        "visitors_offer",
        "visitors",
        _("Visitors per offer"),
        _("Offer"),
        PERSONS,
        by_offer,
        population="visits",
        note=_("Only offers with visitors in the period are listed."),
    ),
    Measure(
        "visitors_drop_in",
        "visitors",
        _("Visitors in the drop-in hours and at offers"),
        _("Counted at"),
        PERSONS,
        drop_in_or_offers,
        population="visits",
    ),
    Measure(
        "visitors_weekday",
        "visitors",
        _("Visitors by weekday"),
        _("Weekday"),
        PERSONS,
        by_weekday,
        population="visits",
    ),
    Measure(
        "visitors_hour",
        "visitors",
        _("Visitors by hour of the day"),
        _("Hour"),
        PERSONS,
        by_hour,
        population="visits",
        note=_(
            "Offers count at the hour they start; the drop-in hours at the hour of the tap. "
            "Taps entered later for a past day and corrections have no time."
        ),
    ),
    Measure(
        "visitors_age_group",
        "visitors",
        _("Visitors by age group, where recorded"),
        _("Age group"),
        PERSONS,
        _bucket("age_group", AgeGroup),
        note=WHERE_RECORDED,
    ),
    Measure(
        "visitors_gender",
        "visitors",
        _("Visitors by gender, where recorded"),
        _("Gender"),
        PERSONS,
        _bucket("gender", Gender),
        note=WHERE_RECORDED,
    ),
    Measure(
        "visitors_first_visit",
        "visitors",
        _("First and returning visitors, where recorded"),
        _("Visit"),
        PERSONS,
        _bucket("visit", Visit),
        note=WHERE_RECORDED,
    ),
    Measure(
        "visitors_language",
        "visitors",
        _("Visitors by language of conversation, where recorded"),
        _("Language"),
        PERSONS,
        _bucket("language", Language),
        note=WHERE_RECORDED,
    ),
]
