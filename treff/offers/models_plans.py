"""Plan rules (Fachkonzept §4.5), plan versions agreed with the city, and calendar feeds.

Imported by `models.py`, which re-exports every model here; the offer of a feed is named by
string so that this module does not import `models.py`.
"""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from treff.core.times import end_after_start_q
from treff.core.validators import long_text, planned_date
from treff.treffs.models import Room, Treff


class PlanRules(models.Model):
    """The Fachkonzept §4.5 checks for one Treff, shown as warnings on the plan."""

    treff = models.OneToOneField(Treff, on_delete=models.CASCADE, related_name="plan_rules")
    coordinator_presence = models.BooleanField(
        _("check the coordinator's presence Monday to Friday"), default=True
    )
    presence_start = models.TimeField(_("presence from"), default=dt.time(9))
    presence_end = models.TimeField(_("presence until"), default=dt.time(17))
    lunch_max_per_week = models.PositiveSmallIntegerField(
        _("lunch table at most … days a week"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
    )
    lunch_start = models.TimeField(_("lunch table from"), default=dt.time(11))
    lunch_end = models.TimeField(_("lunch table until"), default=dt.time(13))
    require_visiting_counselling_room = models.BooleanField(
        _("a counselling room for visiting services is required"), default=True
    )

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("plan rules")
        verbose_name_plural = _("plan rules")
        constraints = [
            models.CheckConstraint(
                condition=end_after_start_q("presence_start", "presence_end"),
                name="offers_planrules_presence_order",
                violation_error_message=_("The coordinator's presence must end after it starts."),
            ),
            models.CheckConstraint(
                condition=end_after_start_q("lunch_start", "lunch_end"),
                name="offers_planrules_lunch_order",
                violation_error_message=_("The lunch hours must end after they start."),
            ),
        ]

    def __str__(self):
        return str(self.treff)


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
    valid_from = models.DateField(_("from"), validators=[planned_date])
    valid_to = models.DateField(_("until"), validators=[planned_date])
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    snapshot = models.JSONField(default=list, blank=True, editable=False)
    comments = models.TextField(_("comments of the city"), blank=True, validators=[long_text])
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
        "offers.Offer", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
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
