"""RFC 5545 calendars of series: one VEVENT per series with RRULE and EXDATE, a VEVENT with
RECURRENCE-ID for each moved date, and the VTIMEZONE of Europe/Berlin."""

import datetime as dt

from django.utils import timezone as django_timezone
from icalendar import Calendar, Event, vRecur

from . import planning
from .engine import recurrence as engine


def calendar_of(series_list, *, name: str, domain: str) -> bytes:
    """series_list: Series with offer, room and treff loaded, changes and occurrences prefetched."""
    cal = Calendar()
    cal.add("prodid", "-//Treff//Occupancy plan//DE")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", planning.timezone().key)
    stamp = django_timezone.now()
    for series in series_list:
        for event in _events(series, domain=domain, stamp=stamp):
            cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def _events(series, *, domain: str, stamp: dt.datetime):
    tz = planning.timezone()
    occurrences = {occ.original_date: occ for occ in series.occurrences.all()}
    rule = planning.recurrence_of(series)
    rule_dates = engine.dates(rule)
    if not rule_dates:
        return
    uid = f"series-{series.pk}@{domain}"
    first = rule_dates[0]
    master = _event(series, uid=uid, stamp=stamp)
    master.add("dtstart", dt.datetime.combine(first, series.start_time, tzinfo=tz))
    master.add("dtend", dt.datetime.combine(first, series.end_time, tzinfo=tz))
    if series.rrule:
        master.add("rrule", vRecur.from_ical(series.rrule))
        # Dates the rule names but the plan does not hold: holidays, closures, cancellations.
        excluded = [
            dt.datetime.combine(day, series.start_time, tzinfo=tz)
            for day in rule_dates
            if day not in occurrences or occurrences[day].cancelled
        ]
        if excluded:
            master.add("exdate", excluded)
    elif first not in occurrences or occurrences[first].cancelled:
        master.add("status", "CANCELLED")
    yield master
    for day, occ in sorted(occurrences.items()):
        if occ.moved and not occ.cancelled and series.rrule:
            moved = _event(series, uid=uid, stamp=stamp, room=occ.room)
            moved.add("recurrence-id", dt.datetime.combine(day, series.start_time, tzinfo=tz))
            moved.add("dtstart", occ.start.astimezone(tz))
            moved.add("dtend", occ.end.astimezone(tz))
            yield moved


def _event(series, *, uid: str, stamp: dt.datetime, room=None) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("last-modified", series.updated_at)
    event.add("sequence", series.version)
    event.add("summary", series.offer.title)
    treff = series.treff
    place = ", ".join(
        part for part in ((room or series.room).name, treff.name, treff.address_line) if part
    )
    event.add("location", place)
    if series.offer.description:
        event.add("description", series.offer.description)
    event.add("categories", [series.offer.get_category_display()])
    return event
