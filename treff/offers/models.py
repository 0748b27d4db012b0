"""Offers, recurring series, their materialised occurrences, booking requests and plan versions.

A Series is the rule ("Schuldnerberatung every 2nd Tuesday 10–12 in the counselling room");
its Occurrences are the dates it produces, stored so that calendars read a range with one
query and PostgreSQL can forbid two overlapping occurrences in one room with an exclusion
constraint (migration 0002). The expansion itself is pure Python (engine/recurrence.py).
The fields of a rule live in models_recurrence.py, re-exported here.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager
from parler.models import TranslatableModelMixin

from treff.core.choices import language_problem
from treff.core.times import (
    DAY_MINUTES,
    ENDS_BY_MIDNIGHT,
    MIDNIGHT_HINT,
    duration_minutes,
    end_after_start_q,
    end_minutes,
    ends_after_start,
    format_end,
    minutes_of,
    runs_overnight,
)
from treff.core.validators import long_text, planned_date
from treff.treffs.models import Organisation, Room, Treff

from .engine import recurrence as engine
from .models_recurrence import LAST_DATE_NEEDED, Nth, RecurrenceFields, RecurrenceKind, rule_of
from .models_translations import OfferTranslation


class Category(models.TextChoices):
    # The offers of Fachkonzept §3.
    SOCIAL_COUNSELLING = (
        "social_counselling",
        _("General social counselling and advice on social benefits"),
    )
    CRISIS = "crisis", _("Help with personal and family problems and crises")
    VISITING_COUNSELLING = (
        "visiting_counselling",
        _("Mobile specialist counselling (parenting, family, debt, addiction, pregnancy, ZIB)"),
    )
    INFORMATION = "information", _("Information, prevention and events")
    LEISURE = "leisure", _("Leisure activities")
    LUNCH = "lunch", _("Lunch table")
    CLOTHING = "clothing", _("Clothing store, donation point, clothes swap")
    MEDIA = "media", _("Access to information media")


class Offer(TranslatableModelMixin, models.Model):
    # TranslatableModelMixin: title and description in the other public languages, in
    # OfferTranslation (models_translations.py says why); `title` stays the German one.
    treff = models.ForeignKey(
        Treff, on_delete=models.CASCADE, related_name="offers", verbose_name=_("Treff")
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True, validators=[long_text])
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    provider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="offers",
        verbose_name=_("provided by"),
        help_text=_("The carrier or a partner service."),
    )
    contact_person = models.CharField(_("contact person"), max_length=150, blank=True)
    audience = models.CharField(
        _("audience"), max_length=150, blank=True, help_text=_("e.g. older people, families")
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    registration_required = models.BooleanField(_("registration required"), default=False)
    capacity = models.PositiveSmallIntegerField(
        _("places"), null=True, blank=True, validators=[MaxValueValidator(1000)]
    )
    free_of_charge = models.BooleanField(_("free of charge"), default=True)
    public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown on the public website and in public feeds.")
    )
    active = models.BooleanField(_("active"), default=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["treff", "title"],
                name="offers_offer_unique_title",
                violation_error_message=_("This Treff already has an offer with this title."),
            )
        ]

    def __str__(self):
        return self.title

    # Parler's refresh_from_db() and delete() first empty its cache, asking the database which
    # languages the offer has; its cache is off (settings.PARLER_ENABLE_CACHING), so they skip
    # that query and only forget the rows read into this object.
    def refresh_from_db(self, *args, **kwargs):
        models.Model.refresh_from_db(self, *args, **kwargs)
        self._translations_cache.clear()

    refresh_from_db.alters_data = True

    def delete(self, *args, **kwargs):
        return models.Model.delete(self, *args, **kwargs)

    delete.alters_data = True

    def clean(self):
        if problem := language_problem(self.languages):
            raise ValidationError({"languages": problem})


class HolidayPolicy(models.TextChoices):
    SKIP = "skip", _("Skip public holidays and closure days")
    FLAG = "flag", _("Keep them, but mark them in the plan")


class Series(RecurrenceFields):
    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="series")
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="series", verbose_name=_("offer")
    )
    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="series", verbose_name=_("room")
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_series",
        verbose_name=_("responsible person"),
    )
    holiday_policy = models.CharField(
        _("public holidays"),
        max_length=10,
        choices=HolidayPolicy.choices,
        default=HolidayPolicy.SKIP,
    )
    expected_participants = models.PositiveSmallIntegerField(
        _("expected participants"), null=True, blank=True, validators=[MaxValueValidator(1000)]
    )
    needs_barrier_free = models.BooleanField(_("needs a barrier-free room"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    rrule = models.CharField(max_length=200, blank=True, editable=False)
    # A change "from a date on" ends the series the day before and starts a new one that
    # continues it (services.series_change_from); both pages link to each other.
    continues = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="continued_by",
        verbose_name=_("continues"),
    )
    # Optimistic locking: a form carries the version it was opened with.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = pgettext_lazy("plural", "series")
        ordering = ["starts_on", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=end_after_start_q("start_time", "end_time"),
                name="offers_series_end_after_start",
                violation_error_message=_("The end time must be after the start time."),
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="offers_series_last_date_after_first",
                violation_error_message=_("The last date must not be before the first date."),
            ),
        ]

    def __str__(self):
        return f"{self.offer} ({self.starts_on:%d.%m.%Y}–{self.ends_on:%d.%m.%Y})"

    def change_applies_from(self) -> dt.date:
        """From when an edit applies unless said otherwise: today, or the first date of a
        series that has not started yet (then the edit changes every date)."""
        today = timezone.localdate()
        return self.starts_on if self.starts_on > today else today


class SeriesChange(models.Model):
    """One date of a series cancelled or moved, with the reason. Deleting it restores the date."""

    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="+")
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="changes")
    original_date = models.DateField(_("date"))
    cancelled = models.BooleanField(_("cancelled"), default=False)
    new_date = models.DateField(_("new date"), null=True, blank=True, validators=[planned_date])
    new_start = models.TimeField(_("new start"), null=True, blank=True)
    new_end = models.TimeField(_("new end"), null=True, blank=True, help_text=MIDNIGHT_HINT)
    new_room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("new room"),
    )
    reason = models.CharField(_("reason"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("change of one date")
        verbose_name_plural = _("changes of single dates")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "original_date"], name="offers_change_one_per_date"
            )
        ]

    def __str__(self):
        return f"{self.series_id}: {self.original_date:%d.%m.%Y}"

    def clean(self):
        """A date of the series, moved to a time range that ends after it starts.

        Times left empty keep the series' own: an empty start is the series' start, an
        empty end keeps the series' length. A move may end at midnight (00:00), not later.
        """
        super().clean()
        if not self.series_id or not self.original_date:
            return
        series = self.series
        try:
            day = self.original_date
            is_rule_date = bool(engine.dates(rule_of(series), window_start=day, window_end=day))
        except (TypeError, ValueError):
            is_rule_date = False
        if not is_rule_date:
            raise ValidationError(
                _("%(date)s is not a date of this series."),
                code="not_a_date",
                params={"date": formats.date_format(self.original_date, "SHORT_DATE_FORMAT")},
            )
        if self.cancelled:
            return
        if not (self.new_date or self.new_start or self.new_end or self.new_room_id):
            raise ValidationError(
                _("Say where or when the date moves: a new date, a new time or another room."),
                code="nothing_moves",
            )
        errors = {}
        if self.new_room_id and self.new_room.treff_id != series.treff_id:
            errors["new_room"] = _("This room belongs to another Treff.")
        start = self.new_start or series.start_time
        if self.new_end is not None:
            if runs_overnight(start, self.new_end):
                errors["new_end"] = ValidationError(ENDS_BY_MIDNIGHT, code="past_midnight")
            elif not ends_after_start(start, self.new_end):
                errors["new_end"] = ValidationError(
                    _("The new end must be after the start (%(start)s)."),
                    code="end_before_start",
                    params={"start": f"{start:%H:%M}"},
                )
        elif series.start_time and series.end_time:
            length = duration_minutes(series.start_time, series.end_time)
            if minutes_of(start) + length > DAY_MINUTES:
                errors["new_start"] = ValidationError(
                    _(
                        "Starting at %(start)s, the date would end after midnight (it lasts "
                        "until %(end)s as a rule); choose an earlier start or a new end."
                    ),
                    code="past_midnight",
                    params={"start": f"{start:%H:%M}", "end": format_end(series.end_time)},
                )
        if errors:
            raise ValidationError(errors)
        if not self._moves_anything():
            raise ValidationError(
                _(
                    "This moves nothing: the date, the time and the room are the ones it "
                    "already has. Change at least one of them."
                ),
                code="nothing_moves",
            )

    def _moves_anything(self) -> bool:
        """Whether the move lands somewhere else than the date's regular slot.

        Empty fields keep the series' own values (an empty end keeps its length), as in
        engine.recurrence._moved, which treats such a change as no move at all.
        """
        series = self.series
        if self.new_date and self.new_date != self.original_date:
            return True
        if self.new_room_id and self.new_room_id != series.room_id:
            return True
        start = self.new_start or series.start_time
        if start != series.start_time:
            return True
        return self.new_end is not None and end_minutes(self.new_end) != end_minutes(
            series.end_time
        )


class Occurrence(models.Model):
    """A date of a series, as expanded by the engine. Written only by services."""

    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="+")
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="occurrences")
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="occurrences")
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    original_date = models.DateField()
    start = models.DateTimeField()
    end = models.DateTimeField()
    cancelled = models.BooleanField(default=False)
    moved = models.BooleanField(default=False)
    holiday = models.CharField(max_length=100, blank=True)
    closed = models.CharField(max_length=200, blank=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = pgettext_lazy("occurrence", "date")
        verbose_name_plural = pgettext_lazy("occurrence", "dates")
        ordering = ["start"]
        indexes = [
            models.Index(fields=["treff", "start"]),
            models.Index(fields=["room", "start"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "original_date"], name="offers_occurrence_one_per_date"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="offers_occurrence_positive"
            ),
        ]

    def __str__(self):
        return f"{self.series_id}: {self.start:%d.%m.%Y %H:%M}"


class ClosureDay(models.Model):
    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="closure_days")
    date = models.DateField(_("date"), validators=[planned_date])
    reason = models.CharField(_("reason"), max_length=200)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("closure day")
        verbose_name_plural = _("closure days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["treff", "date"],
                name="offers_closure_one_per_day",
                violation_error_message=_("This day is already marked as closed."),
            )
        ]

    def __str__(self):
        return f"{self.date:%d.%m.%Y}: {self.reason}"


class BookingRequest(RecurrenceFields):
    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    treff = models.ForeignKey(
        Treff, on_delete=models.CASCADE, related_name="booking_requests", verbose_name=_("Treff")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="booking_requests"
    )
    provider = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("service")
    )
    title = models.CharField(_("title"), max_length=150, help_text=_("e.g. Debt counselling"))
    category = models.CharField(
        _("category"),
        max_length=30,
        choices=Category.choices,
        default=Category.VISITING_COUNSELLING,
    )
    room_kind = models.CharField(
        _("room needed"),
        max_length=30,
        choices=Room.Kind.choices,
        default=Room.Kind.VISITING_COUNSELLING,
    )
    message = models.TextField(_("message to the coordinator"), blank=True, validators=[long_text])
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    decision_reason = models.TextField(_("reason"), blank=True, validators=[long_text])
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    series = models.OneToOneField(
        Series, on_delete=models.SET_NULL, null=True, blank=True, related_name="booking_request"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("booking request")
        verbose_name_plural = _("booking requests")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=end_after_start_q("start_time", "end_time"),
                name="offers_request_end_after_start",
                violation_error_message=_("The end time must be after the start time."),
            ),
        ]

    def __str__(self):
        return self.title


# Plan rules, plan versions and calendar feeds live in models_plans.py (re-exported here).
from .models_plans import CalendarFeed, PlanRules, PlanVersion  # noqa: E402

__all__ = [
    "LAST_DATE_NEEDED",
    "BookingRequest",
    "CalendarFeed",
    "Category",
    "ClosureDay",
    "HolidayPolicy",
    "Nth",
    "Occurrence",
    "Offer",
    "OfferTranslation",
    "PlanRules",
    "PlanVersion",
    "RecurrenceFields",
    "RecurrenceKind",
    "Series",
    "SeriesChange",
]
