"""Volunteers (Fachkonzept §4.1, §6): who was active, came, left, their hours, clearances.

The figures count volunteers, so they are persons and suppressed for readers outside the
Treff; the hours are a sum over persons, a statistic hidden when fewer than k volunteers
gave them (the hours of one or two would be theirs). Definitions (dates as stored, see
volunteers.selectors_reports):

- active: on the Treff's list on at least one day of the period (started by its last day,
  not ended before its first), or gave help (a request done, by the day the help was given)
  or attended a shift in it. Split into those who gave help or took a shift and those only
  on the list; the current status (active, paused) plays no part, it has no history.
- new: began (`started_on`) in the period. Left: ended (`ended_on`, recorded with the status
  "left") in the period.
- hours: minutes of finished help (as entered) and attended shifts (their length), in hours
  with one decimal place; base: the volunteers who contributed.
- clearances due: volunteers still on the list at the period's end whose police clearance
  (renewed every five years) is due on a day of the period, or was due before and is not
  renewed.

A volunteer belongs to one Treff and is counted there; someone registered with two Treffs
has two entries and counts in both, so the total over Treffs can count a person twice.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from treff.volunteers import selectors_reports as volunteers

from . import PERSONS, STATISTICS, Figures, Measure

TWICE = _("Someone registered as a volunteer with two Treffs counts in each.")


def active(treffs, span) -> Figures:
    ids = [treff.pk for treff in treffs]
    counts = volunteers.active_volunteers(ids, first=span.first, last=span.last)
    rows = {
        "contributed": _("gave help or took a shift"),
        "listed": _("on the list, without help or shift recorded"),
    }
    return Figures(list(rows.values()), [[counts[pk, row] for pk in ids] for row in rows])


def began(treffs, span) -> Figures:
    ids = [treff.pk for treff in treffs]
    started = volunteers.volunteers_started(ids, first=span.first, last=span.last)
    return Figures([_("began")], [[started.get(pk, 0) for pk in ids]])


def left(treffs, span) -> Figures:
    ids = [treff.pk for treff in treffs]
    ended = volunteers.volunteers_ended(ids, first=span.first, last=span.last)
    return Figures([_("left")], [[ended.get(pk, 0) for pk in ids]])


def hours(treffs, span) -> Figures:
    """One row: hours of help and shifts per Treff (Decimal, one place), with the number of
    volunteers they rest on. No value over all Treffs: beside the Treffs shown it would give
    away the hours of a Treff hidden for resting on too few volunteers."""
    ids = [treff.pk for treff in treffs]
    minutes = volunteers.volunteer_minutes(ids, first=span.first, last=span.last)
    return Figures(
        [_("hours of help and shifts")],
        [[_hours(minutes[pk][0]) for pk in ids]],
        bases=[[minutes[pk][1] for pk in ids]],
    )


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def clearances(treffs, span) -> Figures:
    ids = [treff.pk for treff in treffs]
    counts = volunteers.clearances_due(ids, first=span.first, last=span.last)
    rows = {
        "in_period": _("due for renewal in the period"),
        "overdue": _("due before, not renewed"),
    }
    return Figures(list(rows.values()), [[counts.get((pk, r), 0) for pk in ids] for r in rows])


VOLUNTEERS = _("Volunteers")

MEASURES = [
    Measure(
        "volunteers_active",
        "volunteers",
        _("Active volunteers"),
        VOLUNTEERS,
        PERSONS,
        active,
        note=TWICE,
    ),
    Measure(
        "volunteers_new",
        "volunteers",
        _("New volunteers (began in the period)"),
        VOLUNTEERS,
        PERSONS,
        began,
        note=TWICE,
    ),
    Measure(
        "volunteers_left",
        "volunteers",
        _("Volunteers who left in the period"),
        VOLUNTEERS,
        PERSONS,
        left,
        note=TWICE,
    ),
    Measure(
        "volunteers_hours",
        "volunteers",
        _("Hours of volunteering"),
        VOLUNTEERS,
        STATISTICS,
        hours,
        note=_(
            "Help given and shifts attended. There is no figure for all Treffs together: "
            "beside the Treffs shown it would give away the hours of a hidden one."
        ),
    ),
    Measure(
        "volunteers_clearances",
        "volunteers",
        _("Police clearances due (volunteers still on the list at the end of the period)"),
        _("Police clearance"),
        PERSONS,
        clearances,
        note=TWICE,
    ),
]
