"""The recurrence rule shared by series and booking requests, and how it is validated.

Split from models.py (which re-exports everything here): the fields of a rule, their
choices, and the clean() that turns every impossible rule into a message on its field.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from treff.core.times import ENDS_BY_MIDNIGHT, MIDNIGHT_HINT, ends_after_start, runs_overnight
from treff.core.validators import planned_date

from .engine import recurrence as engine


class RecurrenceKind(models.TextChoices):
    ONCE = "once", _("Once")
    WEEKLY = "weekly", _("Weekly or every n weeks")
    MONTHLY_NTH = "monthly_nth", _("Monthly on the n-th weekday")
    MONTHLY_DAY = "monthly_day", _("Monthly on a day of the month")


class Nth(models.IntegerChoices):
    FIRST = 1, _("first")
    SECOND = 2, _("second")
    THIRD = 3, _("third")
    FOURTH = 4, _("fourth")
    FIFTH = 5, _("fifth")
    LAST = -1, _("last")


def _plausible(day) -> bool:
    try:
        planned_date(day)
    except ValidationError:
        return False
    return True


def rule_of(values) -> engine.Recurrence:
    """The engine's rule of a Series or BookingRequest (raises ValueError for an odd kind)."""
    once = values.kind == engine.Kind.ONCE
    return engine.Recurrence(
        kind=engine.Kind(values.kind),
        starts_on=values.starts_on,
        ends_on=values.starts_on if once else values.ends_on,
        interval=values.interval,
        weekdays=tuple(values.weekdays),
        nth=values.nth,
        month_day=values.month_day,
    )


LAST_DATE_NEEDED = _("A repeating series needs a last date.")


class RecurrenceFields(models.Model):
    """The recurrence rule, shared by series and booking requests."""

    kind = models.CharField(
        _("repeats"), max_length=20, choices=RecurrenceKind.choices, default=RecurrenceKind.WEEKLY
    )
    starts_on = models.DateField(_("first date"), validators=[planned_date])
    ends_on = models.DateField(
        _("last date"),
        validators=[planned_date],
        help_text=_("Not needed for a single date."),
        error_messages={"blank": LAST_DATE_NEEDED, "null": LAST_DATE_NEEDED},
    )
    interval = models.PositiveSmallIntegerField(
        _("every"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("1 = every week (month), 2 = every second week (month), …"),
    )
    weekdays = models.JSONField(_("weekdays"), default=list, blank=True)
    nth = models.SmallIntegerField(_("which weekday"), choices=Nth.choices, null=True, blank=True)
    month_day = models.PositiveSmallIntegerField(
        _("day of the month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"), help_text=MIDNIGHT_HINT)

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        # A single date ends on the day it starts, so its last date need not be given.
        if self.kind == RecurrenceKind.ONCE and self.ends_on is None:
            self.ends_on = self.starts_on
        super().clean_fields(exclude)

    def clean(self):
        """The rule as the engine checks it, and a time range that ends after it starts.

        Every writer (forms, services, the planner, the demo) passes here through
        `full_clean()`, so an impossible rule is a message on its field, never a ValueError
        from the engine or an IntegrityError from the database.
        """
        super().clean()
        errors: dict[str, list] = {}
        weekdays = self.weekdays
        days_ok = isinstance(weekdays, list) and all(
            type(day) is int and 0 <= day <= 6 for day in weekdays
        )
        if not days_ok:
            errors.setdefault("weekdays", []).append(_("Choose weekdays from Monday to Sunday."))
        if (
            self.start_time
            and self.end_time
            and not ends_after_start(self.start_time, self.end_time)
        ):
            errors.setdefault("end_time", []).append(
                ENDS_BY_MIDNIGHT
                if runs_overnight(self.start_time, self.end_time)
                else _("The end time must be after the start time.")
            )
        # The engine checks what the fields' own validators have let through, so that one
        # mistake (an interval of 13) gets one message, not two.
        complete = (
            days_ok
            and self.kind in engine.Kind.__members__.values()
            and self.starts_on
            and (self.kind == engine.Kind.ONCE or self.ends_on)
            and isinstance(self.interval, int)
            and 1 <= self.interval <= engine.MAX_INTERVAL
            and (self.month_day is None or 1 <= self.month_day <= 31)
            and (self.nth is None or self.nth in Nth.values)
            and _plausible(self.starts_on)
            and (self.kind == engine.Kind.ONCE or _plausible(self.ends_on))
        )
        if complete:
            for problem in engine.validate(rule_of(self)):
                errors.setdefault(problem.field, []).append(problem.message)
        if errors:
            raise ValidationError(errors)
