"""Offers, recurring series, their materialised occurrences, booking requests and plan versions.

A Series is the rule ("Schuldnerberatung every 2nd Tuesday 10–12 in the counselling room");
its Occurrences are the dates it produces, stored so that calendars read a range with one
query and PostgreSQL can forbid two overlapping occurrences in one room with an exclusion
constraint (migration 0002). The expansion itself is pure Python (engine/recurrence.py).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from treff.treffs.models import Organisation, Room, Treff


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


class Language(models.TextChoices):
    GERMAN = "de", _("German")
    ENGLISH = "en", _("English")
    UKRAINIAN = "uk", _("Ukrainian")
    ARABIC = "ar", _("Arabic")
    RUSSIAN = "ru", _("Russian")
    TURKISH = "tr", _("Turkish")
    EASY_GERMAN = "de-easy", _("Easy German (Leichte Sprache)")
    SIGN = "dgs", _("German Sign Language")


class Offer(models.Model):
    treff = models.ForeignKey(
        Treff, on_delete=models.CASCADE, related_name="offers", verbose_name=_("Treff")
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)
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


class HolidayPolicy(models.TextChoices):
    SKIP = "skip", _("Skip public holidays and closure days")
    FLAG = "flag", _("Keep them, but mark them in the plan")


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


class RecurrenceFields(models.Model):
    """The recurrence rule, shared by series and booking requests."""

    kind = models.CharField(
        _("repeats"), max_length=20, choices=RecurrenceKind.choices, default=RecurrenceKind.WEEKLY
    )
    starts_on = models.DateField(_("first date"))
    ends_on = models.DateField(_("last date"))
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
    end_time = models.TimeField(_("until"))

    class Meta:
        abstract = True


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
                condition=models.Q(end_time__gt=models.F("start_time")),
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


class SeriesChange(models.Model):
    """One date of a series cancelled or moved, with the reason. Deleting it restores the date."""

    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="+")
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="changes")
    original_date = models.DateField(_("date"))
    cancelled = models.BooleanField(_("cancelled"), default=False)
    new_date = models.DateField(_("new date"), null=True, blank=True)
    new_start = models.TimeField(_("new start"), null=True, blank=True)
    new_end = models.TimeField(_("new end"), null=True, blank=True)
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
    date = models.DateField(_("date"))
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


class PlanRules(models.Model):
    """The Fachkonzept §4.5 checks for one Treff, shown as warnings on the plan."""

    treff = models.OneToOneField(Treff, on_delete=models.CASCADE, related_name="plan_rules")
    coordinator_presence = models.BooleanField(
        _("check the coordinator's presence Monday to Friday"), default=True
    )
    presence_start = models.TimeField(_("presence from"), default="09:00")
    presence_end = models.TimeField(_("presence until"), default="17:00")
    lunch_max_per_week = models.PositiveSmallIntegerField(
        _("lunch table at most … days a week"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
    )
    lunch_start = models.TimeField(_("lunch table from"), default="11:00")
    lunch_end = models.TimeField(_("lunch table until"), default="13:00")
    require_visiting_counselling_room = models.BooleanField(
        _("a counselling room for visiting services is required"), default=True
    )

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("plan rules")
        verbose_name_plural = _("plan rules")

    def __str__(self):
        return str(self.treff)


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
    message = models.TextField(_("message to the coordinator"), blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    decision_reason = models.TextField(_("reason"), blank=True)
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
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="offers_request_end_after_start",
                violation_error_message=_("The end time must be after the start time."),
            ),
        ]

    def __str__(self):
        return self.title


class PlanVersion(models.Model):
    """One version of a Treff's occupancy plan for a period, as agreed with the city.

    A draft shows the live series; submitting freezes a snapshot that the city approves or
    returns with comments. An approved version stays frozen; later changes go into the next
    version's draft.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted to the city")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned with comments")

    treff = models.ForeignKey(
        Treff, on_delete=models.CASCADE, related_name="plan_versions", verbose_name=_("Treff")
    )
    title = models.CharField(_("period"), max_length=100, help_text=_("e.g. 1st half of 2027"))
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("until"))
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    snapshot = models.JSONField(default=list, blank=True, editable=False)
    comments = models.TextField(_("comments of the city"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["-valid_from", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["treff", "valid_from", "number"], name="offers_plan_unique_version"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__gte=models.F("valid_from")),
                name="offers_plan_period_order",
                violation_error_message=_("The period must not end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.title}, {self.number}"

    @property
    def frozen(self) -> bool:
        return self.status in (self.Status.SUBMITTED, self.Status.APPROVED)


class CalendarFeed(models.Model):
    """A private iCalendar feed behind an unguessable token (all offers, internal ones too).

    Public feeds need no token and show public offers only; see views/ical.py.
    """

    class Scope(models.TextChoices):
        TREFF = "treff", _("whole Treff")
        ROOM = "room", _("one room")
        OFFER = "offer", _("one offer")

    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="calendar_feeds")
    scope = models.CharField(max_length=10, choices=Scope.choices)
    room = models.ForeignKey(
        Room, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        indexes = [models.Index(fields=["created_by", "scope"])]

    def __str__(self):
        return f"{self.treff}: {self.get_scope_display()}"
