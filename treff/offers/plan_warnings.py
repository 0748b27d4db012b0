"""The Fachkonzept's rules (§4.5) for a stretch of a Treff's plan, as warnings."""

import datetime as dt

from django.utils import formats
from django.utils.functional import lazy

from treff.treffs.models import OpeningHours, Room

from . import planning
from .engine import plan_rules as engine_rules
from .models import Category, PlanRules


def rules_of(treff) -> engine_rules.TreffRules:
    return rules_from(PlanRules.objects.filter(treff=treff).first() or PlanRules(treff=treff))


def rules_from(stored: PlanRules) -> engine_rules.TreffRules:
    """The engine's rules from a Treff's stored PlanRules (unsaved: the defaults)."""
    return engine_rules.TreffRules(
        coordinator_presence=stored.coordinator_presence,
        presence_start=_time(stored.presence_start),
        presence_end=_time(stored.presence_end),
        lunch_max_per_week=stored.lunch_max_per_week,
        lunch_start=_time(stored.lunch_start),
        lunch_end=_time(stored.lunch_end),
        require_visiting_counselling_room=stored.require_visiting_counselling_room,
    )


def _time(value):
    # Unsaved defaults are strings ("09:00"); stored values are times.
    return dt.time.fromisoformat(value) if isinstance(value, str) else value


def plan_warnings(treff, first, last, *, days, rooms) -> list:
    """Warnings for first..last from the occurrences already loaded for the page.

    The coordinator's presence is read from the Treff's opening hours: they are the hours
    the Treff promises to be staffed, which is what §4.5 asks of the coordinator.
    """
    occurrences = [occ for day in days for occ in day.items]
    hours = OpeningHours.objects.filter(treff=treff).values_list("weekday", "opens", "closes")
    return check(
        rules=rules_of(treff),
        occurrences=occurrences,
        opening_hours=hours,
        has_visiting_counselling_room=any(
            room.kind == Room.Kind.VISITING_COUNSELLING for room in rooms
        ),
        first=first,
        last=last,
        days=[day.date for day in days],
        days_off={day.date for day in days if day.holiday or day.closed},
    )


_short_date = lazy(formats.date_format, str)


def check(
    *, rules, occurrences, opening_hours, has_visiting_counselling_room, first, last, days, days_off
) -> list:
    """The warnings of one Treff for first..last from rows already read: its stored
    Occurrences (with series__offer), its opening hours as (weekday, opens, closes), the
    `days` to plan presence on and its `days_off` (holidays, closures). Shared by the plan's
    pages and the reports (selectors_reports), so both warn by the same rules."""
    by_weekday: dict[int, list] = {}
    for weekday, opens, closes in opening_hours:
        by_weekday.setdefault(weekday, []).append((opens, closes))
    presence = [
        (day, opens, closes) for day in days for opens, closes in by_weekday.get(day.weekday(), [])
    ]
    return engine_rules.check_rules(
        rules=rules,
        occurrences=[planning.engine_occurrence(occ) for occ in occurrences],
        lunch_series_ids={
            occ.series_id for occ in occurrences if occ.series.offer.category == Category.LUNCH
        },
        coordinator_hours=presence,
        has_visiting_counselling_room=has_visiting_counselling_room,
        window_start=first,
        window_end=last,
        days_off=days_off,
        # Lazy: a report only counts the warnings, and formatting every day of five years
        # in advance took most of its time; a page formats them in its own language.
        format_date=lambda day: _short_date(day, "SHORT_DATE_FORMAT"),
    )
