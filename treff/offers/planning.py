"""Between the ORM and the pure engine: model rows in, engine dataclasses out, and back."""

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import formats

from treff.treffs.models import Membership, Role

from .engine import recurrence as engine
from .engine import wording
from .models import ClosureDay, Series, SeriesChange


@cache
def timezone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def recurrence_of(values) -> engine.Recurrence:
    """A Recurrence from a Series, a BookingRequest or a form's cleaned_data."""
    get = values.get if isinstance(values, dict) else lambda name: getattr(values, name)
    kind = engine.Kind(get("kind"))
    starts_on = get("starts_on")
    return engine.Recurrence(
        kind=kind,
        starts_on=starts_on,
        ends_on=starts_on if kind == engine.Kind.ONCE else get("ends_on"),
        interval=get("interval") or 1,
        weekdays=tuple(int(day) for day in get("weekdays") or ()),
        nth=get("nth"),
        month_day=get("month_day"),
    )


def recurrence_problems(cleaned: dict) -> list[engine.Problem]:
    if not all(cleaned.get(name) for name in ("kind", "starts_on")):
        return []
    if cleaned.get("kind") != engine.Kind.ONCE and not cleaned.get("ends_on"):
        return []
    return engine.validate(recurrence_of(cleaned))


def spec_of(series: Series) -> engine.SeriesSpec:
    return engine.SeriesSpec(
        series_id=series.pk or 0,
        recurrence=recurrence_of(series),
        start_time=series.start_time,
        end_time=series.end_time,
        room_id=series.room_id,
        person_ids=frozenset([series.responsible_id]) if series.responsible_id else frozenset(),
        treff_id=series.treff_id,
        label=series.offer.title,
    )


def change_of(change: SeriesChange) -> engine.Change:
    return engine.Change(
        original_date=change.original_date,
        cancelled=change.cancelled,
        new_date=change.new_date,
        new_start=change.new_start,
        new_end=change.new_end,
        new_room_id=change.new_room_id,
    )


def holidays_between(start: dt.date, end: dt.date, *, state: str) -> dict[dt.date, str]:
    """The public holidays from `start` to `end` in `state` (Treff.holiday_state)."""
    years = range(start.year, end.year + 1)
    return {
        day: name
        for day, name in engine.public_holidays(years, state=state).items()
        if start <= day <= end
    }


def closures_between(treff_id: int, start: dt.date, end: dt.date) -> dict[dt.date, str]:
    return dict(
        ClosureDay.objects.filter(treff_id=treff_id, date__range=(start, end)).values_list(
            "date", "reason"
        )
    )


def expand(series: Series, *, changes=None) -> list[engine.Occurrence]:
    """All occurrences of a series over its whole span, with its single-date changes.

    A moved date is an occurrence wherever it lands, also before the first or after the last
    date of the series, so the window reaches every date a change moves to (and the holidays
    and closure days there are read too).
    """
    rule = recurrence_of(series)
    if changes is None:
        changes = series.changes.all() if series.pk else []
    changes = list(changes)
    targets = [change.new_date for change in changes if change.new_date and not change.cancelled]
    first = min([rule.starts_on, *targets])
    last = max([rule.ends_on, *targets])
    return engine.expand(
        spec_of(series),
        tz=timezone(),
        window_start=first,
        window_end=last,
        changes={change.original_date: change_of(change) for change in changes},
        holidays=holidays_between(first, last, state=series.treff.holiday_state),
        closures=closures_between(series.treff_id, first, last),
        holiday_policy=series.holiday_policy,
    )


def short_date(day: dt.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def describe(values, *, times: bool = True, span: bool = False) -> str:
    """A series' or booking request's rule in words, in the active language.

    `values` is a Series, a BookingRequest or a form's cleaned_data; `times` adds the time
    range (24:00 for midnight), `span` the first and last date. See engine/wording.py.
    """
    get = values.get if isinstance(values, dict) else lambda name: getattr(values, name, None)
    try:
        rule = recurrence_of(values)
    except (TypeError, ValueError):
        return ""  # an incomplete rule (a form being filled in) has nothing to describe yet
    return wording.describe(
        rule,
        start=get("start_time") if times else None,
        end=get("end_time") if times else None,
        span=span,
        format_date=short_date,
    )


def people_of(treff):
    """Who can be responsible for a series: the Treff's coordinators and counsellors."""
    user_ids = Membership.objects.filter(
        treff=treff, role__in=[Role.COORDINATOR, Role.COUNSELLOR]
    ).values("user_id")
    return (
        get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .order_by("last_name", "first_name", "username")
    )


def engine_occurrence(row) -> engine.Occurrence:
    """A stored Occurrence (with series__offer loaded) as the engine sees it."""
    tz = timezone()
    return engine.Occurrence(
        series_id=row.series_id,
        original_date=row.original_date,
        start=row.start.astimezone(tz),
        end=row.end.astimezone(tz),
        room_id=row.room_id,
        person_ids=frozenset([row.responsible_id]) if row.responsible_id else frozenset(),
        treff_id=row.treff_id,
        label=row.series.offer.title,
        cancelled=row.cancelled,
        moved=row.moved,
    )
