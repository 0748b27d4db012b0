"""Rules and time slots in words, for templates and e-mails (see offers/engine/wording.py).

    {% load treff_recurrence %}
    {{ series|recurrence_text }}          every 2 weeks on Tuesday, 10:00–12:00
    {{ series|recurrence_text:"span" }}   … , from 01/05/2027 to 06/29/2027
    {{ series|recurrence_text:"rule" }}   every 2 weeks on Tuesday (no time)
    {{ planning_request|window_text }}    Monday, Tuesday or Wednesday, 09:00–17:00
    {% slot_text date=r.date weekday=r.weekday start=r.start end=r.end %}
                                          once on Monday, 12/07/2026, 10:00–11:00
                                          every week on Monday, 10:00–11:00

Everything is rendered in the active language; an end of 00:00 is shown as 24:00.
"""

from django import template

from treff.offers import planning
from treff.offers.engine import wording

register = template.Library()


@register.filter
def recurrence_text(value, arg: str = "") -> str:
    """A Series' or BookingRequest's rule; arg "span" adds the dates, "rule" drops the time."""
    if value is None or value == "":
        return ""
    return planning.describe(value, times=arg != "rule", span=arg == "span")


@register.filter
def window_text(value) -> str:
    """A planning request's possible weekdays and time window."""
    if value is None or value == "":
        return ""
    return wording.describe_window(value.weekdays or (), value.window_start, value.window_end)


def slot_text_of(*, date=None, weekday=None, start=None, end=None) -> str:
    """A date (or a weekly weekday) with a time range in words, for code outside templates.

    A single date names its weekday ("once on Monday, 12/07/2026"), see wording.rule_phrase.
    """
    return wording.describe_slot(
        day=date, weekday=weekday, start=start, end=end, format_date=planning.short_date
    )


@register.simple_tag
def slot_text(*, date=None, weekday=None, start=None, end=None) -> str:
    """A date or a weekly weekday with a time range: "every week on Monday, 10:00–12:00"."""
    return slot_text_of(date=date, weekday=weekday, start=start, end=end)
