"""Shifts for Treff services (the lunch table, the clothing store) and the qualifications some
of them need. Imported by `models.py`, which re-exports every model here; foreign keys to the
volunteer are by name so that this module does not import `models.py`.

A shift's time range may end at midnight (an end of 00:00 is 24:00, `treff.core.times`).
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from treff.core.times import (
    EndAfterStartModel,
    duration_minutes,
    end_after_start_q,
    end_minutes,
    minutes_of,
)
from treff.core.validators import history_date, planned_date
from treff.treffs.models import Treff

from .choices import HelpKind, QualificationKind, Weekday, qualification_default_expiry

# Shifts are laid out for at most this long at once (one template, one save).
MAX_TEMPLATE_DAYS = 366


class ShiftTemplate(EndAfterStartModel, models.Model):
    """A recurring service volunteers staff, e.g. Mittagstisch-Ausgabe Mo/Mi/Fr 10:30–13:30."""

    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="shift_templates")
    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(_("kind of help"), max_length=20, choices=HelpKind.choices)
    weekdays = models.JSONField(_("weekdays"), default=list)
    start = models.TimeField(pgettext_lazy("time of day", "from"))
    end = models.TimeField(pgettext_lazy("time of day", "until"))
    min_volunteers = models.PositiveSmallIntegerField(
        _("volunteers needed at least"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    max_volunteers = models.PositiveSmallIntegerField(
        _("volunteers at most"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    starts_on = models.DateField(_("first day"), validators=[planned_date])
    ends_on = models.DateField(_("last day"), validators=[planned_date])
    required_qualification = models.CharField(
        _("requires"),
        max_length=20,
        choices=QualificationKind.choices,
        blank=True,
        help_text=_(
            "Volunteers sign up only with this qualification valid on the day of the shift."
        ),
    )

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("shift template")
        verbose_name_plural = _("shift templates")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=end_after_start_q("start", "end"),
                name="volunteers_shift_template_time_order",
                violation_error_message=_("The end must be after the start."),
            ),
            models.CheckConstraint(
                condition=models.Q(max_volunteers__gte=models.F("min_volunteers")),
                name="volunteers_shift_template_min_max",
                violation_error_message=_("The maximum must not be below the minimum."),
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="volunteers_shift_template_period",
                violation_error_message=_("The last day must not be before the first."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        days = self.weekdays if isinstance(self.weekdays, list) else None
        if not days or any(day not in Weekday.values for day in days):
            errors["weekdays"] = _("Choose at least one weekday.")
        if (
            self.starts_on
            and self.ends_on
            and (self.ends_on - self.starts_on).days > (MAX_TEMPLATE_DAYS)
        ):
            errors["ends_on"] = _("Plan shifts for at most a year ahead.")
        if errors:
            raise ValidationError(errors)


class Shift(models.Model):
    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="shifts")
    template = models.ForeignKey(ShiftTemplate, on_delete=models.CASCADE, related_name="shifts")
    date = models.DateField(pgettext_lazy("calendar day", "date"), validators=[planned_date])
    start = models.TimeField(pgettext_lazy("time of day", "from"))
    end = models.TimeField(pgettext_lazy("time of day", "until"))
    reminded_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        ordering = ["date", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "date"], name="volunteers_shift_one_per_day"
            ),
            models.CheckConstraint(
                condition=end_after_start_q("start", "end"),
                name="volunteers_shift_time_order",
                violation_error_message=_("The end must be after the start."),
            ),
        ]

    def __str__(self):
        return f"{self.template} {self.date:%d.%m.%Y}"

    @property
    def minutes(self) -> int:
        """Length in minutes; a shift until midnight (end 00:00) counts up to 24:00."""
        return duration_minutes(self.start, self.end)

    def overlaps(self, other: "Shift") -> bool:
        """True when both lie on the same day and their times overlap (touching is fine)."""
        return (
            self.date == other.date
            and minutes_of(self.start) < end_minutes(other.end)
            and minutes_of(other.start) < end_minutes(self.end)
        )


class ShiftSignup(models.Model):
    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="signups")
    volunteer = models.ForeignKey(
        "volunteers.Volunteer", on_delete=models.CASCADE, related_name="signups"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Set when the coordinator, not the volunteer, put them on the shift or took them off;
    # the volunteer's page shows both.
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The coordinator unticks this if someone signed up but did not come.
    attended = models.BooleanField(_("attended"), default=True)

    objects = ScopedManager(treff="shift__treff")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "volunteer"],
                condition=models.Q(cancelled_at__isnull=True),
                name="volunteers_one_active_signup",
                violation_error_message=_("You are already signed up for this shift."),
            )
        ]

    def __str__(self):
        return f"{self.volunteer} @ {self.shift}"


class VolunteerQualification(models.Model):
    """A qualification a volunteer holds: its kind and two dates, never a copy of the proof.

    `valid_until` is the last day it holds (inclusive); the coordinator may enter it, else it
    follows from the kind (`choices.QUALIFICATION_VALIDITY`). One row per volunteer and kind:
    a refresher replaces the dates.
    """

    volunteer = models.ForeignKey(
        "volunteers.Volunteer", on_delete=models.CASCADE, related_name="qualifications"
    )
    kind = models.CharField(_("qualification"), max_length=20, choices=QualificationKind.choices)
    obtained_on = models.DateField(_("obtained or last renewed on"), validators=[history_date])
    # blank: the form may leave it empty, clean() then fills in the kind's usual period.
    valid_until = models.DateField(
        _("valid until"),
        blank=True,
        validators=[planned_date],
        help_text=_("Empty: the usual period for this qualification."),
    )

    objects = ScopedManager(treff="volunteer__treff")

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "kind"],
                name="volunteers_one_qualification_per_kind",
                violation_error_message=_("This qualification is already recorded."),
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("obtained_on")),
                name="volunteers_qualification_period",
                violation_error_message=_("It cannot expire before it was obtained."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.volunteer_id})"

    def clean(self):
        if self.valid_until is None and self.obtained_on and self.kind in QualificationKind.values:
            self.valid_until = qualification_default_expiry(self.kind, self.obtained_on)
        if self.obtained_on and self.valid_until and self.valid_until < self.obtained_on:
            raise ValidationError({"valid_until": _("It cannot expire before it was obtained.")})

    def valid_on(self, day: dt.date) -> bool:
        return self.obtained_on <= day <= self.valid_until
