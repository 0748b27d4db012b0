"""Recurrence rules and time ranges in words, in the active language.

The one place where a rule becomes a sentence: series, booking requests, plan snapshots, the
planner's lists and the volunteers' help requests all call `describe()`, so a rule reads the
same on every page and in every e-mail ("wöchentlich am Montag, 10:00–12:00").

Pure Python like the rest of the engine: dates are formatted by a `format_date` the caller
passes (Django's localised formats in the app), times as HH:MM with an end of 00:00 shown as
24:00 (see treff.core.times). A rule that is incomplete (an old row, a half-filled form) is
still described as far as it goes; describing never raises.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, time

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from treff.core.text import WEEKDAY_NAMES
from treff.core.times import format_end

from .recurrence import Kind, Recurrence

DateFormat = Callable[[date], str]

# One full phrase per case rather than glued fragments: word order and inflection differ
# between languages ("am ersten Donnerstag im Monat"), so translators need the whole phrase.
_NTH_MONTHLY = {
    1: gettext_lazy("on the first %(weekday)s of the month"),
    2: gettext_lazy("on the second %(weekday)s of the month"),
    3: gettext_lazy("on the third %(weekday)s of the month"),
    4: gettext_lazy("on the fourth %(weekday)s of the month"),
    -1: gettext_lazy("on the last %(weekday)s of the month"),
}
_NTH_EVERY_N_MONTHS = {
    1: gettext_lazy("every %(interval)s months on the first %(weekday)s"),
    2: gettext_lazy("every %(interval)s months on the second %(weekday)s"),
    3: gettext_lazy("every %(interval)s months on the third %(weekday)s"),
    4: gettext_lazy("every %(interval)s months on the fourth %(weekday)s"),
    -1: gettext_lazy("every %(interval)s months on the last %(weekday)s"),
}


def weekday_name(day: int) -> str:
    """The weekday's name (0 = Monday) in the active language; "" for anything else."""
    if isinstance(day, int) and 0 <= day <= 6:
        return str(WEEKDAY_NAMES[day])
    return ""


def weekday_list(days: Iterable[int], *, alternative: bool = False) -> str:
    """Days in words, e.g. Monday, Wednesday and Friday (with `alternative`: … or Friday).

    Days are sorted from Monday and named once; unknown numbers are left out.
    """
    names = [weekday_name(day) for day in sorted(set(days)) if weekday_name(day)]
    if len(names) <= 1:
        return "".join(names)
    params = {"first": ", ".join(names[:-1]), "last": names[-1]}
    if alternative:
        return _("%(first)s or %(last)s") % params
    return _("%(first)s and %(last)s") % params


def time_range(start: time | None, end: time | None) -> str:
    """A time range, e.g. 10:00–12:00; an end of 00:00 is midnight, 20:00–24:00.

    Empty without both ends. Accepts "HH:MM" strings too (a model's unsaved default).
    """
    if start is None or end is None:
        return ""
    start, end = (time.fromisoformat(v) if isinstance(v, str) else v for v in (start, end))
    return f"{start:%H:%M}–{format_end(end)}"


def rule_phrase(rec: Recurrence, *, format_date: DateFormat = date.isoformat) -> str:
    """The rule alone: "every 2 weeks on Tuesday and Thursday", "once on Saturday,
    12/06/2027" (a single date names its weekday, as a weekly rule does)."""
    if rec.kind == Kind.ONCE:
        # "Saturday, 12.06.2027" reads the same way round in every language Treff speaks.
        day = f"{weekday_name(rec.starts_on.weekday())}, {format_date(rec.starts_on)}"
        return _("once on %(date)s") % {"date": day}
    interval = rec.interval if isinstance(rec.interval, int) and rec.interval > 1 else 1
    if rec.kind == Kind.WEEKLY:
        weekdays = weekday_list(rec.weekdays)
        if not weekdays:
            if interval == 1:
                return _("every week")
            return _("every %(interval)s weeks") % {"interval": interval}
        params = {"weekdays": weekdays, "interval": interval}
        if interval == 1:
            return _("every week on %(weekdays)s") % params
        return _("every %(interval)s weeks on %(weekdays)s") % params
    if rec.kind == Kind.MONTHLY_NTH:
        weekday = weekday_name(rec.weekdays[0]) if len(set(rec.weekdays)) == 1 else ""
        table = _NTH_MONTHLY if interval == 1 else _NTH_EVERY_N_MONTHS
        if weekday and rec.nth in table:
            return str(table[rec.nth]) % {"weekday": weekday, "interval": interval}
        return _monthly(interval)
    if rec.kind == Kind.MONTHLY_DAY and rec.month_day:
        params = {"day": rec.month_day, "interval": interval}
        if interval == 1:
            return pgettext("recurrence", "monthly on day %(day)s") % params
        return pgettext("recurrence", "every %(interval)s months on day %(day)s") % params
    return _monthly(interval)


def _monthly(interval: int) -> str:
    if interval == 1:
        return _("every month")
    return _("every %(interval)s months") % {"interval": interval}


def describe(
    rec: Recurrence,
    *,
    start: time | None = None,
    end: time | None = None,
    span: bool = False,
    format_date: DateFormat = date.isoformat,
) -> str:
    """A rule in words, with its time range and, if asked, its first and last date.

    "every week on Monday, 10:00–12:00, from 01/07/2027 to 03/25/2027" — German:
    "wöchentlich am Montag, 10:00–12:00, vom 07.01.2027 bis 25.03.2027". A single date has no
    span to add. `start`/`end` are local wall-clock times (an end of 00:00 is midnight).
    """
    text = rule_phrase(rec, format_date=format_date)
    times = time_range(start, end)
    if times:
        text = f"{text}, {times}"
    if span and rec.kind != Kind.ONCE and rec.starts_on and rec.ends_on:
        text = _("%(rule)s, from %(first)s to %(last)s") % {
            "rule": text,
            "first": format_date(rec.starts_on),
            "last": format_date(rec.ends_on),
        }
    return text


def describe_slot(
    *,
    day: date | None = None,
    weekday: int | None = None,
    start: time | None = None,
    end: time | None = None,
    format_date: DateFormat = date.isoformat,
) -> str:
    """A date or a weekly weekday with a time range, e.g. a neighbourhood-help request.

    `day` wins over `weekday`: "once on Monday, 12/07/2026, 10:00–11:00", else "every week on
    Monday, 10:00–11:00". Neither: the time range alone.
    """
    if day is not None:
        rec = Recurrence(Kind.ONCE, day, day)
    elif weekday is not None:
        rec = Recurrence(Kind.WEEKLY, date.min, date.min, weekdays=(weekday,))
    else:
        return time_range(start, end)
    return describe(rec, start=start, end=end, format_date=format_date)


def describe_window(weekdays: Iterable[int], start: time | None, end: time | None) -> str:
    """Where something may take place: "Monday, Tuesday or Wednesday, 09:00–17:00"."""
    days = weekday_list(weekdays, alternative=True)
    times = time_range(start, end)
    return ", ".join(part for part in (days, times) if part)
