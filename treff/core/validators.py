"""Validators for what people type in: dates inside a plausible window around today.

A plan, a lunch day or a help request in the year 9999 or 0001 is a typing error, and such a
date would also break every calendar that tries to show the week after it. Model fields name
one of the windows below, so `full_clean()` in the services refuses the value with a message
in the user's language, whatever form or import it came through.
"""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import formats, timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


@deconstructible
class PlausibleDate:
    """Refuses dates more than `past_years` before or `future_years` after today (local date).

    Today is read at validation time, so a window moves with the calendar; existing rows keep
    their dates, and only a change of them is checked again.
    """

    def __init__(self, *, past_years: int, future_years: int) -> None:
        self.past_years = past_years
        self.future_years = future_years

    def __call__(self, value: dt.date) -> None:
        if not isinstance(value, dt.date):
            return
        if isinstance(value, dt.datetime):
            value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        today = timezone.localdate()
        earliest = today - relativedelta(years=self.past_years)
        latest = today + relativedelta(years=self.future_years)
        params = {
            "date": formats.date_format(value, "SHORT_DATE_FORMAT"),
            "earliest": formats.date_format(earliest, "SHORT_DATE_FORMAT"),
            "latest": formats.date_format(latest, "SHORT_DATE_FORMAT"),
        }
        if value < earliest:
            raise ValidationError(
                _("%(date)s lies too far in the past; enter a date from %(earliest)s on."),
                code="date_too_early",
                params=params,
            )
        if value > latest:
            if self.future_years == 0:
                raise ValidationError(
                    _("%(date)s lies in the future; enter a date up to today."),
                    code="date_in_future",
                    params=params,
                )
            raise ValidationError(
                _("%(date)s lies too far in the future; enter a date up to %(latest)s."),
                code="date_too_late",
                params=params,
            )

    def accepts(self, value: dt.date) -> bool:
        """Whether `value` lies inside the window; lets a model's clean() leave a date that
        the field's validator already refuses to that one message."""
        try:
            self(value)
        except ValidationError:
            return False
        return True

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, PlausibleDate)
            and self.past_years == other.past_years
            and self.future_years == other.future_years
        )

    def __hash__(self) -> int:
        return hash((self.past_years, self.future_years))


# Dates of things planned: series, closure days, plan periods, booking requests, shifts, lunch
# days, help requests. Five years back keeps last years' plans editable.
planned_date = PlausibleDate(past_years=5, future_years=5)
# Dates of things that have happened: a contact, a donation, a certificate seen, a consent.
past_date = PlausibleDate(past_years=10, future_years=0)
# Facts about a person's history: volunteering since, a certificate issued on.
history_date = PlausibleDate(past_years=60, future_years=0)

# Free text a person types (notes, messages, descriptions): long enough for any real note,
# short enough that a pasted file is refused with a message instead of stored.
LONG_TEXT_MAX = 5000
long_text = MaxLengthValidator(LONG_TEXT_MAX)
