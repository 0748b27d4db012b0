"""`{{ value|end_time }}`: an end of a time range, 00:00 shown as 24:00 (see core.times)."""

import datetime as dt

from django import template
from django.utils import timezone

from treff.core.times import format_end

register = template.Library()


@register.filter
def end_time(value) -> str:
    if isinstance(value, dt.datetime):
        value = (timezone.localtime(value) if timezone.is_aware(value) else value).time()
    if not isinstance(value, dt.time):
        return "" if value is None else str(value)
    return format_end(value)
