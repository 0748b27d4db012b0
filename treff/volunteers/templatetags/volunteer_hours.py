"""`{{ minutes|hours_minutes }}`: a duration in whole minutes as hours and minutes ("4 h 05 min").

Pages sum minutes first and format once, so rows and their total agree: three times 20
minutes is "1 h 00 min", where rounding each row to tenths of an hour would give 0.9 h.
"""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


def format_hours(minutes) -> str:
    """Whole minutes (int, None = 0) as "H h MM min" in the active language."""
    minutes = int(minutes or 0)
    hours, rest = divmod(minutes, 60)
    return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": f"{rest:02d}"}


register.filter("hours_minutes", format_hours)
