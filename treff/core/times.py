"""Times of day that may end at midnight (20:00–24:00).

A `TimeField` cannot hold 24:00, so an end time of 00:00 means "midnight at the end of the
day": an evening event 20:00–24:00 is stored as start 20:00, end 00:00. Every time range in
Treff (series, single-date moves, booking requests, shifts, availability, help requests)
follows this rule through the helpers here, so durations, datetimes and the database's check
constraints agree. Pages show such an end as "24:00".
"""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

MIDNIGHT = dt.time(0)
DAY_MINUTES = 24 * 60
# The hint under every end-time field. A browser's time field cannot take 24:00, so people
# are told the one value that works.
MIDNIGHT_HINT = _("For midnight enter 00:00.")
# Said instead of "the end must be after the start" when the range seems to run overnight.
ENDS_BY_MIDNIGHT = _(
    "A date ends at midnight at the latest: it cannot run into the next day. For an end at "
    "midnight enter 00:00."
)
# An end before 06:00 after a start from noon on reads as a range meant to run overnight.
_SMALL_HOURS_END = dt.time(6)
_LATE_START = dt.time(12)


def minutes_of(moment: dt.time) -> int:
    return moment.hour * 60 + moment.minute


def end_minutes(end: dt.time) -> int:
    """Minutes after the day's start at which a range ends: 00:00 counts as 24:00 (1440)."""
    return DAY_MINUTES if end == MIDNIGHT else minutes_of(end)


def ends_after_start(start: dt.time, end: dt.time) -> bool:
    """True when `end` lies after `start` on the same day (00:00 as an end is midnight)."""
    return end_minutes(end) > minutes_of(start)


def runs_overnight(start: dt.time, end: dt.time) -> bool:
    """True for a refused range that was meant to run past midnight (20:00–00:30).

    That is an end in the small hours (before 06:00, not 00:00 itself) after a start from
    noon on; such a range gets ENDS_BY_MIDNIGHT rather than "the end must be after the start".
    """
    return (
        end != MIDNIGHT
        and end < _SMALL_HOURS_END
        and start >= _LATE_START
        and not ends_after_start(start, end)
    )


def duration_minutes(start: dt.time, end: dt.time) -> int:
    """Wall-clock length of a range in minutes; 20:00–00:00 is 240."""
    return end_minutes(end) - minutes_of(start)


def end_datetime(day: dt.date, end: dt.time, tzinfo=None) -> dt.datetime:
    """The moment a range on `day` ends: 00:00 is the next day's 00:00."""
    if end == MIDNIGHT:
        return dt.datetime.combine(day + dt.timedelta(days=1), MIDNIGHT, tzinfo=tzinfo)
    return dt.datetime.combine(day, end, tzinfo=tzinfo)


def format_end(end: dt.time) -> str:
    """An end time as people write it: 00:00 as an end is "24:00"."""
    return "24:00" if end == MIDNIGHT else f"{end:%H:%M}"


def end_after_start_q(start: str, end: str) -> Q:
    """The condition for a CheckConstraint: `end` after `start`, or the end is midnight."""
    return Q(**{f"{end}__gt": F(start)}) | Q(**{end: MIDNIGHT})


class EndTimeField(forms.TimeField):
    """A time field for the end of a range: takes "24:00" (and 00:00) as midnight."""

    default_help_text = MIDNIGHT_HINT

    def to_python(self, value):
        if isinstance(value, str) and value.strip() in ("24:00", "24:00:00", "24.00"):
            return MIDNIGHT
        return super().to_python(value)


class EndAfterStartModel:
    """Mixin for a model with `start` and `end` times: the end after the start, reported on
    "end" with the forms' messages (TimeRangeMixin), so a service's full_clean() refuses a
    range the way the form does. The model's CheckConstraint (end_after_start_q) stays as
    the database's guard; full_clean() does not report it a second time, without a field.
    """

    def time_range_problem(self) -> str | None:
        start, end = self.start, self.end
        if start is None or end is None or ends_after_start(start, end):
            return None
        return ENDS_BY_MIDNIGHT if runs_overnight(start, end) else _END_AFTER_START

    def clean_fields(self, exclude=None):
        errors: dict = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        skip = set(exclude or ()) | set(errors)
        if not {"start", "end"} & skip and (problem := self.time_range_problem()):
            errors["end"] = [problem]
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        if self.time_range_problem() is not None:
            exclude = {*(exclude or ()), "end"}
        super().validate_constraints(exclude=exclude)


_END_AFTER_START = _("The end must be after the start.")
