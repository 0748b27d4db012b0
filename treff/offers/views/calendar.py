"""Week, month and day views of a Treff's plan, and the room-occupancy overview.

Server-rendered tables with real header cells: a screen reader announces day and hour for
each entry, the keyboard reaches every link, and the pages print on A4.
"""

import datetime as dt

from django.http import Http404
from django.shortcuts import render

from treff.core.params import date_param, int_param
from treff.treffs.models import Room
from treff.treffs.shortcuts import get_treff_or_404

from .. import planning, selectors, weekgrid
from ..plan_warnings import plan_warnings

DAY = dt.timedelta(days=1)


def reference_date(request) -> dt.date:
    """`?date=YYYY-MM-DD` (today by default); anything odd is a 400 page that says why."""
    return date_param(request, "date", default=dt.datetime.now(planning.timezone()).date())


def _room_filter(request, rooms):
    """The room named by ?room=, which must be one of this Treff's rooms (else 404).

    Not a number at all is a 400 (core.params.int_param).
    """
    room_id = int_param(request, "room")
    if room_id is None:
        return None
    for room in rooms:
        if room.pk == room_id:
            return room
    raise Http404


def _context(request, treff, **extra):
    return {
        "treff": treff,
        "can_manage": request.user.has_perm("offers.manage_plan", treff),
        "today": dt.datetime.now(planning.timezone()).date(),
        **extra,
    }


def week(request, slug):
    """The week as a grid of quarter hours (weekgrid.py); `?date=` picks the week and the day
    a phone shows (today by default)."""
    treff = get_treff_or_404(request, slug, "offers.view_plan")
    rooms = list(Room.objects.filter(treff=treff).order_by("name"))
    room = _room_filter(request, rooms)
    selected = reference_date(request)
    monday = selected - dt.timedelta(days=selected.weekday())
    days = selectors.days_of(treff=treff, first=monday, last=monday + 6 * DAY, room=room)
    if selected.weekday() < 5 and not any(day.items or day.moved_away for day in days[5:]):
        days = days[:5]  # a working week unless something happens at the weekend
    tz = planning.timezone()
    grid = weekgrid.build(days, tz=tz, selected=selected, now=dt.datetime.now(tz))
    return render(
        request,
        "offers/week.html",
        _context(
            request,
            treff,
            room=room,
            rooms=rooms,
            days=days,
            grid=grid,
            selected=selected,
            monday=monday,
            previous=monday - 7 * DAY,
            next=monday + 7 * DAY,
            iso_week=monday.isocalendar().week,
            warnings=plan_warnings(treff, monday, monday + 6 * DAY, days=days, rooms=rooms),
        ),
    )


def month(request, slug):
    treff = get_treff_or_404(request, slug, "offers.view_plan")
    rooms = list(Room.objects.filter(treff=treff).order_by("name"))
    room = _room_filter(request, rooms)
    reference = reference_date(request)
    first = reference.replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - DAY
    grid_start = first - dt.timedelta(days=first.weekday())
    grid_end = last + dt.timedelta(days=6 - last.weekday())
    days = selectors.days_of(treff=treff, first=grid_start, last=grid_end, room=room)
    weeks = [days[i : i + 7] for i in range(0, len(days), 7)]
    return render(
        request,
        "offers/month.html",
        _context(
            request,
            treff,
            room=room,
            rooms=rooms,
            weeks=[(week[0].date.isocalendar().week, week) for week in weeks],
            month_start=first,
            previous=(first - DAY).replace(day=1),
            next=last + DAY,
            warnings=plan_warnings(treff, first, last, days=days, rooms=rooms),
        ),
    )


def day(request, slug):
    treff = get_treff_or_404(request, slug, "offers.view_plan")
    rooms = list(Room.objects.filter(treff=treff).order_by("name"))
    room = _room_filter(request, rooms)
    current = reference_date(request)
    (the_day,) = selectors.days_of(treff=treff, first=current, last=current, room=room)
    return render(
        request,
        "offers/day.html",
        _context(
            request,
            treff,
            room=room,
            rooms=rooms,
            day=the_day,
            previous=current - DAY,
            next=current + DAY,
        ),
    )


def room_overview(request, slug):
    """Which room is used when, for one week: rooms as rows, days as columns (on a phone each
    room a block of its days, treff.css .treff-table--stack)."""
    treff = get_treff_or_404(request, slug, "offers.view_plan")
    monday = reference_date(request)
    monday -= dt.timedelta(days=monday.weekday())
    days = selectors.days_of(treff=treff, first=monday, last=monday + 6 * DAY)
    rooms = list(Room.objects.filter(treff=treff).order_by("name"))
    rows = [
        (
            room,
            [
                (
                    day,
                    [o for o in day.items if o.room_id == room.pk],
                    [o for o in day.moved_away if o.series.room_id == room.pk],
                )
                for day in days
            ],
        )
        for room in rooms
    ]
    return render(
        request,
        "offers/rooms.html",
        _context(
            request,
            treff,
            rooms=rooms,
            days=days,
            rows=rows,
            monday=monday,
            previous=monday - 7 * DAY,
            next=monday + 7 * DAY,
            iso_week=monday.isocalendar().week,
        ),
    )
