"""The Fachkonzept's rules (§4.5) for a stretch of a Treff's plan, as warnings."""

import datetime as dt

from django.utils import formats

from treff.treffs.models import OpeningHours, Room

from . import planning
from .engine import plan_rules as engine_rules
from .models import Category, PlanRules


def rules_of(treff) -> engine_rules.TreffRules:
    stored = PlanRules.objects.filter(treff=treff).first() or PlanRules(treff=treff)
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
    hours = OpeningHours.objects.filter(treff=treff)
    by_weekday: dict[int, list] = {}
    for block in hours:
        by_weekday.setdefault(block.weekday, []).append((block.opens, block.closes))
    presence = [
        (day.date, opens, closes)
        for day in days
        for opens, closes in by_weekday.get(day.date.weekday(), [])
    ]
    return engine_rules.check_rules(
        rules=rules_of(treff),
        occurrences=[planning.engine_occurrence(occ) for occ in occurrences],
        lunch_series_ids={
            occ.series_id for occ in occurrences if occ.series.offer.category == Category.LUNCH
        },
        coordinator_hours=presence,
        has_visiting_counselling_room=any(
            room.kind == Room.Kind.VISITING_COUNSELLING for room in rooms
        ),
        window_start=first,
        window_end=last,
        days_off={day.date for day in days if day.holiday or day.closed},
        format_date=lambda day: formats.date_format(day, "SHORT_DATE_FORMAT"),
    )
