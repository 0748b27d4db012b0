"""The planner's background work: solving a run, and noticing runs whose worker is gone."""

import logging

from django.db import connection
from django.utils import timezone

from treff.core.tasks import task
from treff.jobs.tasks import each_treff, treff_task
from treff.treffs.models import Treff

from . import services
from .models import PlannerRun

logger = logging.getLogger(__name__)


@task
@treff_task
def planner_run(treff_id: int, run_id: int) -> str | None:
    """Solve run `run_id` of Treff `treff_id`; returns its final status.

    A run that is gone (deleted with its draft) or no longer waiting (a task delivered twice)
    ends with an id-only log line and is not started again.
    """
    run = PlannerRun.objects.select_related("treff", "plan_version").filter(pk=run_id).first()
    if run is None:
        logger.warning("planner run skipped: run=%s is gone", run_id)
        return None
    if run.status != PlannerRun.Status.QUEUED:
        logger.warning("planner run skipped: run=%s is %s", run_id, run.status)
        return run.status
    # A worker writes progress for the page; a test's immediate backend runs inside the
    # request's transaction, where a second connection would wait for it.
    services.run_execute(run, record_progress=not connection.in_atomic_block)
    return run.status


@task
@treff_task
def planner_runs_reap(treff_id: int) -> int:
    """Record as failed the runs of this Treff whose worker stopped (scheduled every minute)."""
    return services.runs_reap(treff=Treff.objects.get(pk=treff_id), now=timezone.now())


def reap_all() -> int:
    """Every five minutes, in every Treff (treff.jobs.schedule)."""
    return each_treff(planner_runs_reap)
