"""The plan (Fachkonzept §3, §4.3, §4.5, §6): dates, rooms, visiting services, the rules.

Amounts, not persons: dates, hours and weeks are shown as they are, to every reader. Reads go
through offers.selectors_reports (its docstring says how a date is counted: on the local day
it starts; held once it is over and not cancelled; a date still ahead is neither held nor
cancelled). The §4.5 rules are checked by the plan's own code (offers.plan_warnings), the
same that warns on the week and month pages, so a report counts exactly the weeks the
coordinator was warned about.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from treff.offers import selectors_reports as plan
from treff.offers.engine import plan_rules
from treff.offers.models import Category
from treff.public import selectors_ideas as ideas
from treff.public.models import Suggestion

from . import AMOUNTS, Figures, Measure, shared

TENTH = Decimal("0.1")
RULE_LABELS = {
    plan_rules.CODE_COORDINATOR_UNCOVERED: _("Coordinator's presence not fully planned"),
    plan_rules.CODE_LUNCH_TOO_MANY: _("Lunch on more days a week than intended"),
    plan_rules.CODE_LUNCH_OUTSIDE_HOURS: _("Lunch outside the lunch hours"),
}


def _now():
    # To the minute: the held and cancelled tables read the dates once (measures.shared).
    return timezone.now().replace(second=0, microsecond=0)


def _dates(which: int):
    def compute(treffs, span) -> Figures:
        ids = [treff.pk for treff in treffs]
        dates = shared(plan.dates_by_category, ids, first=span.first, last=span.last, now=_now())
        return Figures(
            list(Category.labels),
            [[dates.get((pk, c), (0, 0))[which] for pk in ids] for c in Category.values],
        )

    return compute


def room_utilisation(treffs, span) -> Figures:
    """Per room: booked % of its Treff's opening hours (1 place), only in its Treff's column."""
    ids = [treff.pk for treff in treffs]
    names = {treff.pk: treff.name for treff in treffs}
    rooms = sorted(
        plan.room_use(ids, first=span.first, last=span.last),
        key=lambda use: (ids.index(use.treff_id), use.name),
    )

    def label(use):
        return f"{use.name} ({names[use.treff_id]})" if len(ids) > 1 else use.name

    def percent(use):
        value = use.percent
        return None if value is None else value.quantize(TENTH, rounding=ROUND_HALF_UP)

    return Figures(
        [label(use) for use in rooms],
        [[percent(use) if use.treff_id == pk else None for pk in ids] for use in rooms],
    )


def residents_ideas(treffs, span) -> Figures:
    """Ideas residents sent through the public website in the period (§4.5: the visitors'
    needs shape the plan), by where they stand now: new, considered, done.

    Counted as amounts, not persons: an idea is anonymous and names nobody.
    """
    ids = [treff.pk for treff in treffs]
    counts = ideas.counts_by_status(ids, first=span.first, last=span.last)
    return Figures(
        list(Suggestion.Status.labels),
        [[counts.get((pk, status), 0) for pk in ids] for status in Suggestion.Status.values],
    )


def visiting_hours(treffs, span) -> Figures:
    """Per visiting service (its provider): hours held in each Treff, 1 place."""
    ids = [treff.pk for treff in treffs]
    minutes = plan.visiting_hours(ids, first=span.first, last=span.last, now=_now())
    services = sorted({provider for _pk, provider in minutes}, key=str.casefold)

    def hours(pk, service):
        held = Decimal(minutes.get((pk, service), 0)) / Decimal(60)
        return held.quantize(TENTH, rounding=ROUND_HALF_UP)

    return Figures(services, [[hours(pk, service) for pk in ids] for service in services])


def rule_weeks(treffs, span) -> Figures:
    ids = [treff.pk for treff in treffs]
    weeks = plan.rule_weeks(ids, first=span.first, last=span.last)
    return Figures(
        [RULE_LABELS[code] for code in plan.RULE_CODES],
        [[weeks.get((pk, code), 0) for pk in ids] for code in plan.RULE_CODES],
    )


MEASURES = [
    Measure(
        "plan_held",
        "plan",
        _("Dates held"),
        _("Kind of offer"),
        AMOUNTS,
        _dates(0),
        note=_("Dates still ahead count neither as held nor as cancelled."),
    ),
    Measure("plan_cancelled", "plan", _("Dates cancelled"), _("Kind of offer"), AMOUNTS, _dates(1)),
    Measure(
        "plan_rooms",
        "plan",
        _("Room utilisation (% of the opening hours)"),
        _("Room"),
        AMOUNTS,
        room_utilisation,
        note=_(
            "Dates not cancelled, held or still ahead, within the opening hours; days the "
            "Treff is closed do not count."
        ),
        additive=False,
    ),
    Measure(
        "plan_visiting",
        "plan",
        _("Visiting services: office hours held (hours)"),
        _("Service"),
        AMOUNTS,
        visiting_hours,
    ),
    Measure(
        "plan_rules",
        "plan",
        _("Weeks with a warning of the plan rules (§4.5)"),
        _("Rule"),
        AMOUNTS,
        rule_weeks,
        note=_("The coordinator's presence is planned through the Treff's opening hours."),
    ),
    Measure(
        "plan_ideas",
        "plan",
        _("Residents' ideas for the Treff (public website)"),
        _("Where the idea stands"),
        AMOUNTS,
        residents_ideas,
        note=_("Ideas that came in during the period, by where they stand today."),
    ),
]
