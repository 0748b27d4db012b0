"""Volunteers, help seekers and their requests (Fachkonzept §2 Nachbarschaftshilfe, §4.1).

Least personal data: a help seeker is a name, a way to call back, where (district or
address) and the language to speak; the police clearance certificate is kept as three facts
(seen, issued on, seen on/by), never the document.

Every date a person types is checked against a plausible window (`treff.core.validators`),
every time range may end at midnight (`treff.core.times`: an end of 00:00 is 24:00). The shift
models and qualifications live in `models_shifts.py` and are re-exported at the end.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from treff.core.choices import Language, language_problem
from treff.core.models import phone_validator
from treff.core.times import EndAfterStartModel, end_after_start_q, format_end
from treff.core.validators import history_date, long_text, past_date, planned_date
from treff.treffs.models import Treff

from .choices import (
    CHANGE_LABELS,
    DEFAULT_REACH_KM,
    HelpKind,
    Mobility,
    QualificationKind,
    Weekday,
    validate_requestable_kind,
)
from .districts import gazetteer, validate_district

CLEARANCE_VALID_YEARS = 5
# A request is arranged for at most this far ahead (the public form and the intake say so).
REQUEST_MAX_DAYS_AHEAD = 366

__all__ = [
    "CHANGE_LABELS",
    "DEFAULT_REACH_KM",
    "Availability",
    "HelpKind",
    "HelpRequest",
    "HelpRequestChange",
    "HelpSeeker",
    "Mobility",
    "QualificationKind",
    "Shift",
    "ShiftSignup",
    "ShiftTemplate",
    "Volunteer",
    "VolunteerApplication",
    "VolunteerQualification",
    "Weekday",
]


def clearance_expiry(issued: dt.date) -> dt.date:
    """The day a clearance issued on `issued` is due for renewal: CLEARANCE_VALID_YEARS
    later (29 February becomes the 28th)."""
    try:
        return issued.replace(year=issued.year + CLEARANCE_VALID_YEARS)
    except ValueError:  # 29 February
        return issued.replace(year=issued.year + CLEARANCE_VALID_YEARS, day=28)


class Volunteer(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("volunteer status", "active")
        PAUSED = "paused", pgettext_lazy("volunteer status", "paused")
        LEFT = "left", pgettext_lazy("volunteer status", "left")

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
    district = models.CharField(_("home district"), max_length=60, validators=[validate_district])
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
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Empty: the usual distance for the way they get about."),
    )
    max_open = models.PositiveSmallIntegerField(
        _("at most … open assignments"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    # The first day of the engagement, as the certificate says ("engagiert sich seit"); the
    # coordinator enters it (today is only the form's suggestion for someone new).
    started_on = models.DateField(
        _("volunteering since"), default=timezone.localdate, validators=[history_date]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    # The last day of the engagement, for the reports' "left in the period" (Fachkonzept §6).
    # Set with the status "left" (services.volunteer_save stamps today unless a day is given)
    # and cleared when someone comes back; empty for those who left before it was recorded.
    ended_on = models.DateField(
        _("volunteering ended on"), null=True, blank=True, validators=[past_date]
    )
    # Onboarding checklist
    confidentiality_signed_on = models.DateField(
        _("confidentiality declaration signed on"),
        null=True,
        blank=True,
        validators=[history_date],
    )
    clearance_issued_on = models.DateField(
        _("police clearance certificate issued on"),
        null=True,
        blank=True,
        validators=[history_date],
        help_text=_(
            "Extended certificate (erweitertes Führungszeugnis): only the date; "
            "never a copy or its content."
        ),
    )
    clearance_seen_on = models.DateField(
        _("certificate seen on"), null=True, blank=True, validators=[past_date]
    )
    clearance_seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("certificate seen by"),
    )
    # The clearance (by its issue date) the volunteer was last reminded to renew: once each.
    clearance_reminded_for = models.DateField(null=True, blank=True, editable=False)
    insured_on = models.DateField(
        _("insurance confirmed on"), null=True, blank=True, validators=[history_date]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set by the deletion concept's job (services_retention) when everything naming the
    # person is gone: the row stays, nameless, because the reports count it.
    anonymised_on = models.DateField(_("anonymised on"), null=True, blank=True, editable=False)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def clean(self):
        """Rules across fields; each message lands on the field a person has to change."""
        errors = {}
        if unknown := sorted(set(self.help_kinds or []) - set(HelpKind.values)):
            errors["help_kinds"] = _("Unknown kind of help: %(kinds)s.") % {
                "kinds": ", ".join(map(str, unknown))
            }
        if problem := language_problem(self.languages or []):
            errors["languages"] = problem
        issued, seen = self.clearance_issued_on, self.clearance_seen_on
        if bool(issued) != bool(seen):
            errors["clearance_seen_on"] = _(
                "Enter both the certificate's issue date and the date you saw it."
            )
        elif issued and seen and seen < issued:
            errors["clearance_seen_on"] = _("It cannot have been seen before it was issued.")
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            errors["ended_on"] = _("The engagement cannot end before it began.")
        lat, lon = self.latitude, self.longitude
        if (lat is None) != (lon is None):
            errors["longitude"] = _("Enter both coordinates, or none.")
        elif lat is not None and (problem := gazetteer().check_coordinates(float(lat), float(lon))):
            errors["latitude"] = str(problem)
        if errors:
            raise ValidationError(errors)

    @property
    def clearance_valid_until(self) -> dt.date | None:
        if not (self.clearance_issued_on and self.clearance_seen_on):
            return None
        return clearance_expiry(self.clearance_issued_on)

    @property
    def reach(self) -> int:
        return self.reach_km or DEFAULT_REACH_KM[self.mobility]

    @property
    def district_name(self) -> str:
        from .districts import name_of

        return name_of(self.district)

    def help_kind_labels(self) -> list[str]:
        return [HelpKind(kind).label for kind in self.help_kinds if kind in HelpKind.values]


class Availability(EndAfterStartModel, models.Model):
    """A weekly window of free time; an end of 00:00 means midnight (core.times)."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="availability")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start = models.TimeField(pgettext_lazy("time of day", "from"))
    end = models.TimeField(pgettext_lazy("time of day", "until"))

    objects = ScopedManager(treff="volunteer__treff")

    class Meta:
        ordering = ["weekday", "start"]
        constraints = [
            models.CheckConstraint(
                condition=end_after_start_q("start", "end"),
                name="volunteers_availability_order",
                violation_error_message=_("The end must be after the start."),
            )
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{format_end(self.end)}"


class HelpSeeker(models.Model):
    class Channel(models.TextChoices):
        PHONE = "phone", _("by phone")
        WALK_IN = "walk_in", _("in person at the Treff")
        WEB = "web", _("web form")

    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="help_seekers")
    name = models.CharField(_("name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    # Shown to the Treff's coordinators, and to a volunteer only once they accepted; never to
    # the city or the carrier (rules: volunteers.see_seeker_address).
    address = models.CharField(_("address"), max_length=200, blank=True)
    district = models.CharField(_("district"), max_length=60, validators=[validate_district])
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.GERMAN
    )
    special_needs = models.CharField(_("special needs"), max_length=200, blank=True)
    consent_on = models.DateField(
        _("consent to pass on the contact details given on"),
        null=True,
        blank=True,
        validators=[past_date],
    )
    consent_withdrawn_on = models.DateField(
        _("consent withdrawn on"), null=True, blank=True, validators=[past_date]
    )
    channel = models.CharField(_("came"), max_length=10, choices=Channel.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set by the deletion concept's job (services_retention): name and contact are gone, the
    # row stays for the requests the reports count.
    anonymised_on = models.DateField(_("anonymised on"), null=True, blank=True, editable=False)

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

    def clean(self):
        given, withdrawn = self.consent_on, self.consent_withdrawn_on
        if given and withdrawn and withdrawn < given:
            raise ValidationError(
                {"consent_withdrawn_on": _("Consent cannot be withdrawn before it was given.")}
            )


def validate_help_when(date: dt.date | None, weekday: int | None) -> None:
    """A request needs a day or a weekday (help every week); ValidationError on "date".

    The services call this before full_clean, so a command or a test gets the form's message
    on the form's field rather than the database constraint's generic one.
    """
    if date is None and weekday is None:
        raise ValidationError({"date": _("Give a date, or a weekday for help every week.")})


def validate_new_help_date(day: dt.date | None, *, today: dt.date) -> None:
    """A day newly given for help: not in the past, at most `REQUEST_MAX_DAYS_AHEAD` ahead.

    Raises ValidationError on "date". Used for new requests and for a corrected date; a
    stored date may lie in the past (the help has happened), so this is no field validator.
    """
    if day is None:
        return
    if day < today:
        raise ValidationError({"date": _("This day has passed.")}, code="date_passed")
    if (day - today).days > REQUEST_MAX_DAYS_AHEAD:
        raise ValidationError(
            {"date": _("Help can be arranged for at most a year ahead.")}, code="date_too_late"
        )


class HelpRequest(EndAfterStartModel, models.Model):
    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("help request status", "open")
        PROPOSED = "proposed", _("proposed to a volunteer")
        ACCEPTED = "accepted", pgettext_lazy("help request status", "accepted")
        DONE = "done", pgettext_lazy("help request status", "done")
        CANCELLED = "cancelled", pgettext_lazy("help request status", "cancelled")
        NO_MATCH = "no_match", _("no volunteer found")

    class Urgency(models.IntegerChoices):
        LOW = 1, _("can wait")
        NORMAL = 2, _("normal")
        HIGH = 3, _("urgent")

    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="help_requests")
    seeker = models.ForeignKey(
        HelpSeeker,
        on_delete=models.CASCADE,
        related_name="requests",
        verbose_name=pgettext_lazy("help for a person", "for"),
    )
    kind = models.CharField(_("kind of help"), max_length=20, choices=HelpKind.choices)
    # When: one date (with a time window), or every week on a weekday in a time window; the
    # window may end at midnight (00:00).
    date = models.DateField(
        pgettext_lazy("on a date", "on"), null=True, blank=True, validators=[planned_date]
    )
    weekday = models.PositiveSmallIntegerField(
        _("every week on"), null=True, blank=True, choices=Weekday.choices
    )
    start = models.TimeField(pgettext_lazy("time of day", "from"))
    end = models.TimeField(pgettext_lazy("time of day", "until"))
    urgency = models.PositiveSmallIntegerField(
        _("urgency"), choices=Urgency.choices, default=Urgency.NORMAL
    )
    prefers_gender = models.CharField(
        _("wishes a helper who is"), max_length=10, choices=Volunteer.Gender.choices, blank=True
    )
    notes = models.TextField(_("notes"), blank=True, validators=[long_text])
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
    # The day the help was given: hours count in its year and month, not in those of the
    # day the request was closed (help on 30.12. closed on 4.1. belongs to the old year).
    helped_on = models.DateField(_("help given on"), null=True, blank=True, validators=[past_date])
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
                condition=end_after_start_q("start", "end"),
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

    @property
    def recorded_on(self) -> dt.date:
        """The local day the request was taken (today for one not yet saved)."""
        return timezone.localdate(self.created_at) if self.created_at else timezone.localdate()

    def clean(self):
        """Rules across fields, each on its field.

        A new request is for neighbourhood help, never a Treff service (choices.
        validate_requestable_kind; an older request keeps its kind). The day the help was given
        lies between the day the request was recorded and today (`past_date`): hours count on
        it, so a day before the request existed would put them into a month, or a certificate
        year, in which nothing happened. It may lie before an agreed date that is still ahead
        (the help came earlier than planned): the close view says so, it does not refuse.
        """
        errors = {}
        if self.date is not None and self.weekday is not None:
            errors["weekday"] = _("Give either a date or a weekday for help every week, not both.")
        if self._state.adding and self.kind:
            try:
                validate_requestable_kind(self.kind)
            except ValidationError as error:
                errors["kind"] = error
        if self.status == self.Status.DONE and self.helped_on is None:
            errors["helped_on"] = _("Enter the day the help was given.")
        elif (
            self.helped_on is not None
            and self.helped_on < self.recorded_on
            # A day outside the window already has its message (past_date), as in CloseForm.
            and past_date.accepts(self.helped_on)
        ):
            errors["helped_on"] = _(
                "The help cannot have been given before the request was recorded on %(date)s."
            ) % {"date": formats.date_format(self.recorded_on, "SHORT_DATE_FORMAT")}
        if errors:
            raise ValidationError(errors)

    def given_on_another_day(self) -> bool:
        """Done on a day other than the agreed date (allowed, but worth a word to the
        coordinator: a request closed by mistake before its day is noticed at once)."""
        return bool(self.helped_on and self.date and self.helped_on != self.date)


class HelpRequestChange(models.Model):
    """A coordinator's correction of a request: which fields changed, by whom and when.

    Only the names of the fields are kept, never their old or new values, so the trail holds
    no personal data beyond what the request itself holds. Names are the model fields'
    ("date", "end") or the seeker's prefixed with "seeker." ("seeker.phone").
    """

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    fields = models.JSONField(default=list)

    objects = ScopedManager(treff="request__treff")

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.request_id} {self.changed_at:%Y-%m-%d %H:%M}: {', '.join(self.fields)}"

    def field_labels(self) -> list[str]:
        """The changed fields in words, in the reader's language, as they read in a list
        ("Date, End time, Consent (date)"): CHANGE_LABELS, else the field's verbose name."""
        labels = []
        for name in self.fields:
            if name in CHANGE_LABELS:
                labels.append(str(CHANGE_LABELS[name]))
                continue
            model, _sep, field = name.rpartition(".")
            try:
                label = (HelpSeeker if model == "seeker" else HelpRequest)._meta.get_field(field)
            except FieldDoesNotExist:
                labels.append(name)
                continue
            labels.append(capfirst(str(label.verbose_name)))
        return labels


# The shift models and qualifications, defined apart to keep this module readable.
from .models_applications import VolunteerApplication  # noqa: E402
from .models_shifts import (  # noqa: E402
    Shift,
    ShiftSignup,
    ShiftTemplate,
    VolunteerQualification,
)
