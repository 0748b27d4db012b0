"""Volunteers, help seekers and their requests (Fachkonzept §2 Nachbarschaftshilfe, §4.1).

Least personal data: a help seeker is a name, a way to call back, where (district or
address) and the language to speak; the police clearance certificate is kept as three facts
(seen, issued on, seen on/by), never the document.
"""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from treff.core.models import phone_validator
from treff.treffs.models import Treff

CLEARANCE_VALID_YEARS = 5


class HelpKind(models.TextChoices):
    # Fachkonzept §2, then the Treff services volunteers run.
    SHOPPING = "shopping", _("Shopping when someone is ill")
    HANDYMAN = "handyman", _("Small handyman jobs")
    ACCOMPANIMENT = "accompaniment", _("Accompaniment to the doctor or to authorities")
    WALK = "walk", _("Going for walks")
    READING = "reading", _("Reading aloud")
    HOME_VISIT = "home_visit", _("Company and home visits")
    LUNCH = "lunch", _("Serving at the lunch table")
    CLOTHING = "clothing", _("Clothing store")
    DIGITAL = "digital", _("Help with phones and computers")


class Mobility(models.TextChoices):
    FOOT = "foot", _("on foot")
    BIKE = "bike", _("by bike")
    PUBLIC = "public", _("by bus and tram")
    CAR = "car", _("by car")


# How far volunteers usually go; the profile may say otherwise.
DEFAULT_REACH_KM = {Mobility.FOOT: 2, Mobility.BIKE: 5, Mobility.PUBLIC: 8, Mobility.CAR: 15}


class Volunteer(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        PAUSED = "paused", _("paused")
        LEFT = "left", _("left")

    class Gender(models.TextChoices):
        FEMALE = "female", _("female")
        MALE = "male", _("male")
        DIVERSE = "diverse", _("diverse")

    treff = models.ForeignKey(
        Treff, on_delete=models.CASCADE, related_name="volunteers", verbose_name=_("Treff")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer_profile",
        verbose_name=_("login"),
        help_text=_("Volunteers with a login see and edit their own profile and assignments."),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    email = models.EmailField(_("e-mail"), blank=True)
    gender = models.CharField(
        _("gender"),
        max_length=10,
        choices=Gender.choices,
        blank=True,
        help_text=_("Only used when someone asks for a helper of a certain gender."),
    )
    help_kinds = models.JSONField(_("help offered"), default=list)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    district = models.CharField(_("home district"), max_length=60)
    # Optional coordinates of the home address, for distances finer than district centres.
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    mobility = models.CharField(
        _("gets about"), max_length=10, choices=Mobility.choices, default=Mobility.FOOT
    )
    reach_km = models.PositiveSmallIntegerField(
        _("goes up to (km)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(50)],
        help_text=_("Empty: the usual distance for the way they get about."),
    )
    max_open = models.PositiveSmallIntegerField(
        _("at most … open assignments"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    started_on = models.DateField(_("volunteering since"), default=dt.date.today)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    # Onboarding checklist
    confidentiality_signed_on = models.DateField(
        _("confidentiality declaration signed on"), null=True, blank=True
    )
    clearance_issued_on = models.DateField(
        _("police clearance certificate issued on"),
        null=True,
        blank=True,
        help_text=_(
            "Extended certificate (erweitertes Führungszeugnis): only the date; "
            "never a copy or its content."
        ),
    )
    clearance_seen_on = models.DateField(_("certificate seen on"), null=True, blank=True)
    clearance_seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("certificate seen by"),
    )
    insured_on = models.DateField(_("insurance confirmed on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def clearance_valid_until(self) -> dt.date | None:
        if not (self.clearance_issued_on and self.clearance_seen_on):
            return None
        issued = self.clearance_issued_on
        try:
            return issued.replace(year=issued.year + CLEARANCE_VALID_YEARS)
        except ValueError:  # 29 February
            return issued.replace(year=issued.year + CLEARANCE_VALID_YEARS, day=28)

    @property
    def reach(self) -> int:
        return self.reach_km or DEFAULT_REACH_KM[self.mobility]

    @property
    def district_name(self) -> str:
        from .districts import name_of

        return name_of(self.district)

    def help_kind_labels(self) -> list[str]:
        return [HelpKind(kind).label for kind in self.help_kinds if kind in HelpKind.values]


class Availability(models.Model):
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="availability")
    weekday = models.PositiveSmallIntegerField(_("weekday"), validators=[MaxValueValidator(6)])
    start = models.TimeField(_("from"))
    end = models.TimeField(_("until"))

    objects = ScopedManager(treff="volunteer__treff")

    class Meta:
        ordering = ["weekday", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="volunteers_availability_order",
                violation_error_message=_("The end must be after the start."),
            )
        ]

    def __str__(self):
        return f"{self.weekday} {self.start:%H:%M}–{self.end:%H:%M}"


class HelpSeeker(models.Model):
    class Channel(models.TextChoices):
        PHONE = "phone", _("by phone")
        WALK_IN = "walk_in", _("in person at the Treff")
        WEB = "web", _("web form")

    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="help_seekers")
    name = models.CharField(_("name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    address = models.CharField(_("address"), max_length=200, blank=True)
    district = models.CharField(_("district"), max_length=60)
    language = models.CharField(_("language"), max_length=10, default="de")
    special_needs = models.CharField(_("special needs"), max_length=200, blank=True)
    consent_on = models.DateField(
        _("consent to pass on the contact details given on"), null=True, blank=True
    )
    consent_withdrawn_on = models.DateField(_("consent withdrawn on"), null=True, blank=True)
    channel = models.CharField(_("came"), max_length=10, choices=Channel.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("help seeker")
        verbose_name_plural = _("help seekers")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def district_name(self) -> str:
        from .districts import name_of

        return name_of(self.district)

    @property
    def consents(self) -> bool:
        return bool(self.consent_on) and not self.consent_withdrawn_on


class HelpRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        PROPOSED = "proposed", _("proposed to a volunteer")
        ACCEPTED = "accepted", _("accepted")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")
        NO_MATCH = "no_match", _("no volunteer found")

    class Urgency(models.IntegerChoices):
        LOW = 1, _("can wait")
        NORMAL = 2, _("normal")
        HIGH = 3, _("urgent")

    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="help_requests")
    seeker = models.ForeignKey(
        HelpSeeker, on_delete=models.CASCADE, related_name="requests", verbose_name=_("for")
    )
    kind = models.CharField(_("kind of help"), max_length=20, choices=HelpKind.choices)
    # When: one date (with a time window), or every week on a weekday in a time window.
    date = models.DateField(_("on"), null=True, blank=True)
    weekday = models.PositiveSmallIntegerField(
        _("every week on"), null=True, blank=True, validators=[MaxValueValidator(6)]
    )
    start = models.TimeField(_("from"))
    end = models.TimeField(_("until"))
    urgency = models.PositiveSmallIntegerField(
        _("urgency"), choices=Urgency.choices, default=Urgency.NORMAL
    )
    prefers_gender = models.CharField(
        _("wishes a helper who is"), max_length=10, choices=Volunteer.Gender.choices, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.SET_NULL, null=True, blank=True, related_name="assignments"
    )
    proposed_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    referred_to = models.ForeignKey(
        "partners.PartnerService",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_referrals",
        verbose_name=_("referred to"),
        help_text=_("A partner service the person was referred to, e.g. when no volunteer fits."),
    )
    minutes_spent = models.PositiveSmallIntegerField(
        _("time spent (minutes)"), null=True, blank=True, validators=[MaxValueValidator(1440)]
    )
    # The web form's one-time key: a repeated submission finds its first request.
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        ordering = ["-urgency", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="volunteers_request_time_order",
                violation_error_message=_("The end must be after the start."),
            ),
            models.CheckConstraint(
                condition=models.Q(date__isnull=False) | models.Q(weekday__isnull=False),
                name="volunteers_request_has_a_when",
                violation_error_message=_("Give a date or a weekday."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.seeker})"


class ShiftTemplate(models.Model):
    """A recurring service volunteers staff, e.g. Mittagstisch-Ausgabe Mo/Mi/Fr 10:30–13:30."""

    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="shift_templates")
    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(_("kind of help"), max_length=20, choices=HelpKind.choices)
    weekdays = models.JSONField(_("weekdays"), default=list)
    start = models.TimeField(_("from"))
    end = models.TimeField(_("until"))
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
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("shift template")
        verbose_name_plural = _("shift templates")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
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


class Shift(models.Model):
    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="shifts")
    template = models.ForeignKey(ShiftTemplate, on_delete=models.CASCADE, related_name="shifts")
    date = models.DateField(_("date"))
    start = models.TimeField(_("from"))
    end = models.TimeField(_("until"))
    reminded_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        ordering = ["date", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "date"], name="volunteers_shift_one_per_day"
            )
        ]

    def __str__(self):
        return f"{self.template} {self.date:%d.%m.%Y}"

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)


class ShiftSignup(models.Model):
    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="signups")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="signups")
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
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
