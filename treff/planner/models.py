"""What the coordinator asks the planner to place, and the planner's runs and proposals.

The optimisation itself is pure Python in engine/ (OR-Tools CP-SAT); bridge.py turns these
rows into the engine's Problem and a proposal back into series.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from treff.core.times import (
    ENDS_BY_MIDNIGHT,
    MIDNIGHT_HINT,
    duration_minutes,
    end_after_start_q,
    ends_after_start,
    runs_overnight,
)
from treff.offers.models import Offer, PlanVersion
from treff.treffs.models import Room, Treff


class Cycle(models.IntegerChoices):
    WEEKLY = 1, _("every week")
    FORTNIGHTLY = 2, _("every second week")
    # Planned on a four-week grid, applied as the n-th weekday of the month (bridge.series_for).
    MONTHLY = 4, _("once a month on the same weekday (e.g. the second Tuesday)")


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
    window_start = models.TimeField(_("possible from"), default=dt.time(9))
    window_end = models.TimeField(_("possible until"), default=dt.time(17), help_text=MIDNIGHT_HINT)
    preferred_start = models.TimeField(_("preferably from"), null=True, blank=True)
    preferred_end = models.TimeField(
        _("preferably until"), null=True, blank=True, help_text=MIDNIGHT_HINT
    )
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
                condition=end_after_start_q("window_start", "window_end"),
                name="planner_request_window_order",
                violation_error_message=_("The window must end after it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(preferred_start__isnull=True, preferred_end__isnull=True)
                | (
                    models.Q(preferred_start__isnull=False, preferred_end__isnull=False)
                    & end_after_start_q("preferred_start", "preferred_end")
                ),
                name="planner_request_preferred_order",
                violation_error_message=_(
                    "Give both ends of the preferred time, the end after the start, or none."
                ),
            ),
        ]

    def __str__(self):
        return str(self.offer)

    def clean(self):
        """Weekdays and kinds of room the planner knows, and a session that fits its window.

        A window may end at midnight (00:00 = 24:00, see treff.core.times).
        """
        super().clean()
        errors = {}
        days = self.weekdays
        # An empty list is refused by the field itself (not blank).
        if not isinstance(days, list) or not all(type(d) is int and 0 <= d <= 6 for d in days):
            errors["weekdays"] = _("Choose weekdays from Monday to Sunday.")
        kinds = self.room_kinds
        if not isinstance(kinds, list) or not all(kind in Room.Kind.values for kind in kinds):
            errors["room_kinds"] = _("Choose kinds of room from the list.")
        start, end = self.window_start, self.window_end
        if start and end and runs_overnight(start, end):
            errors["window_end"] = ENDS_BY_MIDNIGHT
        elif start and end and not ends_after_start(start, end):
            errors["window_end"] = _("The window must end after it starts.")
        elif start and end and self.minutes and self.minutes > duration_minutes(start, end):
            errors["minutes"] = _("A session does not fit into the window.")
        preferred = self.preferred_start, self.preferred_end
        if (preferred[0] is None) != (preferred[1] is None):
            errors["preferred_end"] = _("Give both ends of the preferred time, or none.")
        elif preferred[0] and runs_overnight(*preferred):
            errors["preferred_end"] = ENDS_BY_MIDNIGHT
        elif preferred[0] and not ends_after_start(*preferred):
            errors["preferred_end"] = _("The preferred time must end after it starts.")
        if errors:
            raise ValidationError(errors)

    @property
    def groups(self) -> list[str]:
        return [part.strip() for part in self.audience.split(",") if part.strip()]


# The longest a run may search, in seconds: the form, the service and the command share it.
# Two minutes is what a coordinator waits for on a page; longer searches belong to bench/.
TIME_LIMIT_MAX = 120
# Building the problem and storing the proposal take seconds; a run still running a minute
# after its time limit has lost its worker.
LEASE_GRACE = dt.timedelta(seconds=60)
# A run no worker has taken for this long gets a hint that the worker may not be running.
WAITING_HINT = dt.timedelta(minutes=2)


class PlannerRunQuerySet(models.QuerySet):
    def active(self):
        """Runs waiting for a worker or running (perhaps on a worker that is gone: lost())."""
        return self.filter(status__in=[PlannerRun.Status.QUEUED, PlannerRun.Status.RUNNING])


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
        validators=[MinValueValidator(1), MaxValueValidator(TIME_LIMIT_MAX)],
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("grid"),
        default=30,
        choices=[(15, _("15 minutes")), (30, _("30 minutes")), (60, _("60 minutes"))],
    )
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
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Failed because its worker stopped (a crash or a restart), not because of the problem.
    lost_worker = models.BooleanField(default=False)

    objects = ScopedManager(
        treff="treff", _manager_class=models.Manager.from_queryset(PlannerRunQuerySet)
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.treff}: {self.created_at:%d.%m.%Y %H:%M}"

    def lost(self, now) -> bool:
        """Running past its lease (start + time limit + LEASE_GRACE): its worker is gone and
        the run will never finish by itself."""
        return (
            self.status == self.Status.RUNNING
            and self.started_at is not None
            and now > self.started_at + dt.timedelta(seconds=self.time_limit) + LEASE_GRACE
        )

    def waiting_long(self, now) -> bool:
        """Queued for more than WAITING_HINT: no worker has taken it (is one running?)."""
        return self.status == self.Status.QUEUED and now > self.created_at + WAITING_HINT

    @property
    def finished(self) -> bool:
        return self.status not in (self.Status.QUEUED, self.Status.RUNNING)
