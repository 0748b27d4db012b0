"""RFC 5545 calendars of series: one VEVENT per series with RRULE and EXDATE, a VEVENT with
RECURRENCE-ID for each moved date, and the VTIMEZONE of Europe/Berlin."""

import datetime as dt

from django.utils import timezone as django_timezone
from icalendar import Calendar, Event, vRecur

from treff.core.times import end_datetime

from . import planning
from .engine import recurrence as engine


def calendar_of(series_list, *, name: str, domain: str, room=None) -> bytes:
    """series_list: Series with offer, room and treff loaded, changes and occurrences prefetched.

    With `room` (a room's feed), only what happens in that room: a series of another room
    contributes the dates moved into this one (as single events), and a series of this room
    loses the dates moved out of it.
    """
    cal = Calendar()
    cal.add("prodid", "-//Treff//Occupancy plan//DE")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", planning.timezone().key)
    stamp = django_timezone.now()
    for series in series_list:
        if room is not None and series.room_id != room.pk:
            events = _moved_into(series, room, domain=domain, stamp=stamp)
        else:
            events = _events(series, domain=domain, stamp=stamp, room=room)
        for event in events:
            cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def _events(series, *, domain: str, stamp: dt.datetime, room=None):
    """The master VEVENT of a series and one override per moved date.

    A moved date keeps its identity (RECURRENCE-ID = the rule's date at the series' time)
    wherever it lands, also outside the RRULE's span: RFC 5545 lets an override's DTSTART lie
    anywhere, and calendars then show it at its new place instead of dropping it. A single
    date (no RRULE) that was moved is the master itself, at its new place.
    """
    tz = planning.timezone()
    occurrences = {occ.original_date: occ for occ in series.occurrences.all()}
    if room is not None:
        # A room's feed: a date moved to another room is not in this room any more.
        occurrences = {day: occ for day, occ in occurrences.items() if occ.room_id == room.pk}
    rule = planning.recurrence_of(series)
    rule_dates = engine.dates(rule)
    if not rule_dates:
        return
    uid = f"series-{series.pk}@{domain}"
    first = rule_dates[0]
    if not series.rrule:
        occ = occurrences.get(first)
        master = _event(series, uid=uid, stamp=stamp, room=occ.room if occ else None)
        if occ is not None and occ.moved:
            master.add("dtstart", occ.start.astimezone(tz))
            master.add("dtend", occ.end.astimezone(tz))
        else:
            master.add("dtstart", dt.datetime.combine(first, series.start_time, tzinfo=tz))
            master.add("dtend", end_datetime(first, series.end_time, tz))
        if occ is None or occ.cancelled:
            if room is not None:
                return  # moved to another room, or cancelled: nothing for this room's feed
            master.add("status", "CANCELLED")
        yield master
        return
    master = _event(series, uid=uid, stamp=stamp)
    master.add("dtstart", dt.datetime.combine(first, series.start_time, tzinfo=tz))
    master.add("dtend", end_datetime(first, series.end_time, tz))
    master.add("rrule", vRecur.from_ical(series.rrule))
    # Dates the rule names but the plan does not hold: holidays, closures, cancellations.
    excluded = [
        dt.datetime.combine(day, series.start_time, tzinfo=tz)
        for day in rule_dates
        if day not in occurrences or occurrences[day].cancelled
    ]
    if excluded:
        master.add("exdate", excluded)
    yield master
    for day, occ in sorted(occurrences.items()):
        if occ.moved and not occ.cancelled:
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


def _moved_into(series, room, *, domain: str, stamp: dt.datetime):
    """Single events for the dates of `series` (another room's) moved into `room`."""
    tz = planning.timezone()
    for occ in sorted(series.occurrences.all(), key=lambda occ: occ.start):
        if occ.room_id != room.pk or occ.cancelled:
            continue
        uid = f"series-{series.pk}-{occ.original_date:%Y%m%d}@{domain}"
        event = _event(series, uid=uid, stamp=stamp, room=occ.room)
        event.add("dtstart", occ.start.astimezone(tz))
        event.add("dtend", occ.end.astimezone(tz))
        yield event
