"""What the coordinator asks the planner to place, and the planner's runs and proposals.

The optimisation itself is pure Python in engine/ (OR-Tools CP-SAT); bridge.py turns these
rows into the engine's Problem and a proposal back into series.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from treff.offers.models import Offer, PlanVersion
from treff.treffs.models import Treff


class Cycle(models.IntegerChoices):
    WEEKLY = 1, _("every week")
    FORTNIGHTLY = 2, _("every second week")
    MONTHLY = 4, _("every fourth week (monthly)")


class PlanningRequest(models.Model):
    """An offer that needs a place in the plan, with the freedom the planner may use."""

    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="planning_requests")
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="planning_requests", verbose_name=_("offer")
    )
    sessions = models.PositiveSmallIntegerField(
        _("sessions per cycle"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    every_weeks = models.PositiveSmallIntegerField(
        _("cycle"), choices=Cycle.choices, default=Cycle.WEEKLY
    )
    minutes = models.PositiveSmallIntegerField(
        _("length of a session (minutes)"),
        default=120,
        validators=[MinValueValidator(15), MaxValueValidator(600)],
    )
    weekdays = models.JSONField(_("possible weekdays"), default=list)
    window_start = models.TimeField(_("possible from"), default="09:00")
    window_end = models.TimeField(_("possible until"), default="17:00")
    preferred_start = models.TimeField(_("preferably from"), null=True, blank=True)
    preferred_end = models.TimeField(_("preferably until"), null=True, blank=True)
    room_kinds = models.JSONField(_("suitable kinds of room"), default=list, blank=True)
    attendees = models.PositiveSmallIntegerField(
        _("expected participants"), default=0, validators=[MaxValueValidator(1000)]
    )
    barrier_free = models.BooleanField(_("needs a barrier-free room"), default=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible person"),
    )
    audience = models.CharField(
        _("audience groups"),
        max_length=200,
        blank=True,
        help_text=_(
            "Comma-separated, e.g. “Ältere, Familien”: offers for one group should not overlap."
        ),
    )
    min_days = models.PositiveSmallIntegerField(
        _("spread over at least … days"), default=0, validators=[MaxValueValidator(7)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("planning request")
        verbose_name_plural = _("planning requests")
        ordering = ["offer__title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(window_end__gt=models.F("window_start")),
                name="planner_request_window_order",
                violation_error_message=_("The window must end after it starts."),
            )
        ]

    def __str__(self):
        return str(self.offer)

    @property
    def groups(self) -> list[str]:
        return [part.strip() for part in self.audience.split(",") if part.strip()]


class PlannerRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("running")
        OPTIMAL = "optimal", _("best plan found")
        FEASIBLE = "feasible", _("good plan found (time limit reached)")
        INFEASIBLE = "infeasible", _("no plan possible")
        UNKNOWN = "unknown", _("no plan found in the time")
        FAILED = "failed", _("failed")
        APPLIED = "applied", _("applied to the draft")

    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="planner_runs")
    plan_version = models.ForeignKey(
        PlanVersion,
        on_delete=models.CASCADE,
        related_name="planner_runs",
        verbose_name=_("plan draft"),
    )
    requests = models.ManyToManyField(PlanningRequest, related_name="runs")
    time_limit = models.PositiveSmallIntegerField(
        _("time limit (seconds)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(300)],
    )
    slot_minutes = models.PositiveSmallIntegerField(_("grid"), default=30)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    elapsed = models.FloatField(default=0)
    objective = models.IntegerField(null=True, blank=True)
    bound = models.FloatField(null=True, blank=True)
    proposal = models.JSONField(default=list, blank=True)
    explanation = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.treff}: {self.created_at:%d.%m.%Y %H:%M}"

    @property
    def finished(self) -> bool:
        return self.status not in (self.Status.QUEUED, self.Status.RUNNING)
