"""Tasks for one Treff: they re-enter its tenant scope (see treff.core.tasks)."""

import datetime as dt
import logging
from functools import wraps

from django.utils import timezone
from django_scopes import scope

from treff.treffs.models import Treff

logger = logging.getLogger("treff.tasks")


def treff_task(function):
    """Run `function(treff_id, *args, **kwargs)` inside `scope(treff=[treff_id])`.

    For a Treff that no longer exists the task logs its id and returns None: deleting a Treff
    must not leave a retry storm behind. Decorate with `@task` on top:

        @task
        @treff_task
        def shift_reminders(treff_id: int, day: str) -> int: ...
    """

    @wraps(function)
    def in_scope(treff_id, *args, **kwargs):
        with scope(treff=[treff_id]):
            if not Treff.objects.filter(pk=treff_id).exists():
                logger.warning("task %s skipped: treff=%s is gone", function.__name__, treff_id)
                return None
            return function(treff_id, *args, **kwargs)

    return in_scope


def each_treff(task_, *args) -> int:
    """Queue `task_(treff_id, *args)` for every Treff; returns how many. For the daily jobs:
    the job itself only lists Treffs (no scope needed), each Treff's work runs in its scope."""
    from treff.core.tasks import enqueue

    # The one unscoped read of the task layer: the ids of all Treffs, to hand each its task.
    treff_ids = list(
        Treff.objects.with_scopes_disabled().order_by("pk").values_list("pk", flat=True)
    )
    for treff_id in treff_ids:
        enqueue(task_, treff_id, *args)
    return len(treff_ids)


# Finished task results are kept this long (a failed one longer, to look into), schedule rows
# a month (their only use is to refuse a second queueing of a recent period).
RESULTS_KEPT_DAYS = 2
FAILED_RESULTS_KEPT_DAYS = 30
SCHEDULE_KEPT = dt.timedelta(days=30)


def housekeeping() -> dict:
    """Delete old task results (django-tasks-db's prune command), old schedule rows, made
    files past FILES_KEPT and audit events past TREFF_AUDIT_KEPT_DAYS; a scheduled job
    (treff.jobs.schedule). Returns what was deleted."""
    from django.core.management import call_command
    from django_tasks_db.backend import DatabaseBackend

    from treff.core.tasks import task_backends

    from .models import ScheduledRun

    if isinstance(task_backends["default"], DatabaseBackend):
        call_command(
            "prune_db_task_results",
            queue_name="*",
            min_age_days=RESULTS_KEPT_DAYS,
            failed_min_age_days=FAILED_RESULTS_KEPT_DAYS,
            verbosity=0,
        )
    from treff.audit.services import expire

    from .files import FILES_KEPT
    from .models import GeneratedFile

    now = timezone.now()
    deleted, _ = ScheduledRun.objects.filter(queued_at__lt=now - SCHEDULE_KEPT).delete()
    files, _ = GeneratedFile.objects.filter(created_at__lt=now - FILES_KEPT).delete()
    return {"schedule_rows": deleted, "files": files, "audit_events": expire(now=now)}
