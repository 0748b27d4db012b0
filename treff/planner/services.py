"""Planning requests, planner runs on a worker, and applying a proposal to a draft.

A run is queued with the transaction that creates it (treff.planner.tasks.planner_run) and
solved by a worker process (`manage.py treff_worker`), so the web request answers at once and
any application server can show its progress: the worker writes it to the run's row. A run
holds a lease (started_at + time limit + models.LEASE_GRACE): a run still "running" after it has
lost its worker (a crash, a restart) and is shown and recorded as failed, with "try again".
"""

import datetime as dt
import logging
import threading
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from treff.core.tasks import enqueue
from treff.offers import services as offer_services
from treff.offers.engine.wording import describe_window, time_range, weekday_list
from treff.offers.models import PlanVersion
from treff.treffs.models import Treff

from . import bridge
from .engine import solver
from .engine.model import Status
from .models import PlannerRun, PlanningRequest

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 0.5  # seconds between progress writes
WORKERS = 2


@transaction.atomic
def planning_request_save(*, planning_request: PlanningRequest, treff, user) -> PlanningRequest:
    """Store what the planner is to place; ValidationError for anything it cannot use.

    Refused: an offer of another Treff, weekdays or kinds of room it does not know, a window
    that does not end after it starts (00:00 = midnight), a session longer than its window,
    half a preferred time, and numbers outside their ranges.
    """
    planning_request.treff = treff
    if planning_request.offer_id and planning_request.offer.treff_id != treff.pk:
        raise ValidationError({"offer": _("This offer belongs to another Treff.")})
    planning_request.full_clean()
    planning_request.save()
    logger.info("planning request saved: request=%s by user=%s", planning_request.pk, user.pk)
    return planning_request


@transaction.atomic
def planning_request_delete(*, planning_request: PlanningRequest, user) -> None:
    """Delete what the planner was to place. Past runs keep their proposal (the run page
    leaves out sessions whose request is gone), so nothing else depends on it."""
    logger.info("planning request deleted: request=%s by user=%s", planning_request.pk, user.pk)
    planning_request.delete()


@transaction.atomic
def run_create(
    *,
    treff,
    plan_version,
    planning_requests,
    time_limit: int,
    slot_minutes: int,
    user,
    queue: bool = True,
):
    """A planner run for a draft of this Treff, queued for a worker (`queue=False`: not
    queued, for a caller that solves it itself with run_execute, like `plan_propose`).

    Raises ValidationError for a plan that is no draft (or another Treff's), a draft that
    already has a run waiting or running, no requests, requests of another Treff, a time limit
    outside 1–120 seconds (models.TIME_LIMIT_MAX, the form's limit too), a grid other than 15,
    30 or 60 minutes, for requests whose window lies outside the grid (the opening hours),
    which the weekly grid cannot represent, and when the queue cannot be reached (nothing is
    saved then).
    """
    if plan_version.treff_id != treff.pk:
        raise ValidationError(_("This plan belongs to another Treff."))
    if plan_version.status != PlanVersion.Status.DRAFT:
        raise ValidationError(_("Proposals can only go into a draft plan."))
    # One run per Treff at a time (issue 16: a run takes a core for up to two minutes): the
    # Treff's row lock makes a double click, or a second draft's run, wait for the first.
    Treff.objects.select_for_update(of=("self",)).filter(pk=treff.pk).first()
    _refuse_when_busy(treff, plan_version)
    if not planning_requests:
        raise ValidationError(_("Choose at least one request to plan."))
    if any(planning_request.treff_id != treff.pk for planning_request in planning_requests):
        raise ValidationError(_("A planning request belongs to another Treff."))
    run = PlannerRun(
        treff=treff,
        plan_version=plan_version,
        time_limit=time_limit,
        slot_minutes=slot_minutes,
        created_by=user,
    )
    run.full_clean()
    grid = bridge.grid_of(treff, run.slot_minutes)
    outside = [
        planning_request
        for planning_request in planning_requests
        if bridge.unplaceable(grid, planning_request)
    ]
    if outside:
        raise ValidationError(
            [
                _(
                    "“%(offer)s” cannot be placed: its window (%(window)s) leaves no room for "
                    "a session of %(minutes)s minutes within the opening hours, which the "
                    "planner uses as its grid (%(grid)s). Change the window or the opening "
                    "hours, or plan this offer by hand as a series."
                )
                % {
                    "offer": planning_request.offer.title,
                    "window": describe_window(
                        planning_request.weekdays,
                        planning_request.window_start,
                        planning_request.window_end,
                    ),
                    "minutes": planning_request.minutes,
                    "grid": f"{weekday_list(grid.days)}, {time_range(grid.start, grid.end)}",
                }
                for planning_request in outside
            ]
        )
    run.save()
    run.requests.set(planning_requests)
    if queue:
        from .tasks import planner_run  # the task module imports this one

        enqueue(planner_run, treff.pk, run.pk)
    logger.info("planner run created: run=%s by user=%s", run.pk, user.pk)
    return run


def _refuse_when_busy(treff, plan_version) -> None:
    """Raise ValidationError while a run of this draft or Treff is waiting or running, or
    settings.TREFF_PLANNER_MAX_RUNS runs of the whole installation are (runs whose worker is
    gone do not count: PlannerRun.lost). The installation's count is read across Treffs: it
    is a number only, and without it two cores could be asked for ten two-minute runs.
    """
    now = timezone.now()
    busy_here = [
        run for run in PlannerRun.objects.filter(treff=treff).active() if not run.lost(now)
    ]
    if any(run.plan_version_id == plan_version.pk for run in busy_here):
        raise ValidationError(
            _(
                "The planner is already working on this draft. Wait for its proposal (at "
                "most the time limit and a minute), then start again if you need to."
            )
        )
    if busy_here:
        raise ValidationError(
            _(
                "The planner is already working on another draft of this Treff. Wait for its "
                "proposal (at most the time limit and a minute), then start again."
            )
        )
    with scopes_disabled():
        busy = sum(not run.lost(now) for run in PlannerRun.objects.active())
    if busy >= settings.TREFF_PLANNER_MAX_RUNS:
        raise ValidationError(
            _(
                "The planner is busy with the plans of other Treffs. Please start again in "
                "a few minutes."
            )
        )


def run_retry(*, run: PlannerRun, user) -> PlannerRun:
    """A new run with the same draft, requests, time limit and grid, for a run that failed or
    lost its worker. Raises ValidationError as run_create does (the requests must still
    exist), and for a run that has not failed."""
    if run.status != PlannerRun.Status.FAILED and not run.lost(timezone.now()):
        raise ValidationError(_("Only a run that failed can be tried again."))
    runs_reap(treff=run.treff, now=timezone.now())
    return run_create(
        treff=run.treff,
        plan_version=run.plan_version,
        planning_requests=list(run.requests.all()),
        time_limit=run.time_limit,
        slot_minutes=run.slot_minutes,
        user=user,
    )


def runs_reap(*, treff, now: dt.datetime) -> int:
    """Record as failed the runs of this Treff whose worker is gone (their lease ran out);
    returns how many. Run by the scheduled job `planner_runs_reap` and before a retry."""
    lost = [run.pk for run in PlannerRun.objects.filter(treff=treff).active() if run.lost(now)]
    if lost:
        PlannerRun.objects.filter(pk__in=lost, status=PlannerRun.Status.RUNNING).update(
            status=PlannerRun.Status.FAILED, finished_at=now, lost_worker=True
        )
        logger.warning("planner runs lost their worker: treff=%s runs=%s", treff.pk, lost)
    return len(lost)


def run_execute(run: PlannerRun, *, progress=None, record_progress: bool = True) -> PlannerRun:
    """Build the problem, solve it, store the proposal or the explanation. Call inside the
    run's Treff scope (the task re-enters it, see treff.jobs.tasks.treff_task).

    record_progress writes the solver's progress to the run's row for the progress page; it
    is for a worker, where no open transaction holds the database.
    """
    run.status = PlannerRun.Status.RUNNING
    run.started_at = timezone.now()
    run.save(update_fields=["status", "started_at"])
    planning_requests = list(run.requests.select_related("offer", "responsible"))
    try:
        problem = bridge.problem_of(
            treff=run.treff,
            plan_version=run.plan_version,
            planning_requests=planning_requests,
            slot_minutes=run.slot_minutes,
        )
        solution = solver.solve(
            problem,
            time_limit=run.time_limit,
            workers=WORKERS,
            progress=_progress_writer(run, progress) if record_progress else progress,
        )
    except Exception:
        logger.exception("planner run failed: run=%s", run.pk)
        run.status = PlannerRun.Status.FAILED
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "finished_at"])
        return run
    _store(run, solution)
    logger.info("planner run finished: run=%s status=%s", run.pk, run.status)
    return run


def _progress_writer(run, echo):
    last = [0.0]
    calling_thread = threading.current_thread()

    def report(elapsed, objective, bound):
        if echo is not None:
            echo(elapsed, objective, bound)
        now = time.monotonic()
        if now - last[0] < PROGRESS_EVERY:
            return
        last[0] = now
        # OR-Tools calls back from a thread of its own: no Treff scope there (this row is
        # the run's own), and that thread's database connection is closed after the write.
        try:
            PlannerRun.objects.with_scopes_disabled().filter(pk=run.pk).update(
                elapsed=elapsed, objective=objective, bound=bound
            )
        finally:
            if threading.current_thread() is not calling_thread:
                connection.close()

    return report


def _store(run: PlannerRun, solution) -> None:
    run.status = solution.status.value
    run.elapsed = solution.wall_time
    run.objective = solution.objective
    run.bound = solution.bound
    run.proposal = [
        {
            "request": p.demand,
            "room": p.room,
            "day": p.day,
            "start": p.start.isoformat("minutes"),
            "end": p.end.isoformat("minutes"),
            "week": p.week,
        }
        for p in solution.placements
    ]
    if solution.status == Status.INFEASIBLE and solution.explanation:
        # Stored as text in the installation's language: a run is read by its coordinator.
        with translation.override(settings.LANGUAGE_CODE):
            run.explanation = [str(message) for message in solution.explanation.messages]
    run.finished_at = timezone.now()
    run.save()


def run_apply(*, run: PlannerRun, user) -> int:
    """Create the proposed series in the draft; all or nothing. Returns how many series."""
    if run.status not in (PlannerRun.Status.OPTIMAL, PlannerRun.Status.FEASIBLE):
        raise ValidationError(_("Only a finished proposal can be applied."))
    if run.plan_version.status != PlanVersion.Status.DRAFT:
        raise ValidationError(_("The plan is no longer a draft."))
    planning_requests = {
        bridge.request_key(r.pk): r for r in run.requests.select_related("offer", "responsible")
    }
    with transaction.atomic():
        for placement in bridge.grouped(run.proposal):
            planning_request = planning_requests[placement["request"]]
            series = bridge.series_for(
                placement, planning_request=planning_request, plan_version=run.plan_version
            )
            offer_services.series_save(series=series, user=user)
        run.status = PlannerRun.Status.APPLIED
        run.save(update_fields=["status"])
    logger.info("planner run applied: run=%s by user=%s", run.pk, user.pk)
    return len(bridge.grouped(run.proposal))
