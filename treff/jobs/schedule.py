"""Scheduled jobs in the application, not in a crontab: each runs once per period.

A job's period is queued as one task (`scheduled`) with `run_after` at the period's start. The
proof that a period is queued is its ScheduledRun row, unique per (job, period): however many
workers call `ensure()` at their start — several machines against one database — only the one
that inserts the row queues the task, and the queue gives each task to one worker. When a
period's task runs it first queues the next period, and the current period of every job that
has none (a chain breaks when a worker dies holding its task: it is mended when its next
period begins), then does the job, so the chains go on as long as any worker runs; a worker
starting after a pause queues the current periods again (a missed day is not made up: the
jobs look at "tomorrow" or "by now" themselves).

The jobs (JOBS) are plain functions named by dotted path, so this module imports no domain
app; each hands the work to one task per Treff (treff.jobs.tasks.each_treff), which re-enters
that Treff's scope.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from treff.core.tasks import task

from .models import ScheduledRun

logger = logging.getLogger("treff.tasks")

DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Job:
    """`function` (a dotted path) runs every `every`: a day (from local time `at`) or a
    number of minutes (dividing an hour)."""

    name: str
    function: str
    every: dt.timedelta
    at: dt.time = dt.time(0)

    def period_of(self, now: dt.datetime) -> tuple[str, dt.datetime]:
        """(key, start) of the period `now` falls in; a daily period is the local date."""
        if self.every == DAY:
            day = timezone.localdate(now)
            start = timezone.make_aware(dt.datetime.combine(day, self.at))
            return day.isoformat(), start
        step = int(self.every.total_seconds() // 60)
        local = timezone.localtime(now).replace(second=0, microsecond=0)
        start = local.replace(minute=local.minute - local.minute % step)
        return start.strftime("%Y-%m-%dT%H:%M"), start

    def next_period(self, key: str) -> tuple[str, dt.datetime]:
        if self.every == DAY:
            day = dt.date.fromisoformat(key) + DAY
            return day.isoformat(), timezone.make_aware(dt.datetime.combine(day, self.at))
        start = timezone.make_aware(dt.datetime.fromisoformat(key)) + self.every
        return start.strftime("%Y-%m-%dT%H:%M"), start


JOBS = {
    job.name: job
    for job in (
        # §4.2 volunteers: a reminder the day before a shift they signed up for.
        Job("shift_reminders", "treff.volunteers.tasks.shift_reminders_all", DAY, dt.time(8)),
        # Police clearances run out after five years: the volunteer hears 60 days before.
        Job(
            "clearance_reminders", "treff.volunteers.tasks.clearance_reminders_all", DAY, dt.time(8)
        ),
        # Art. 5(1)(e) GDPR, the deletion concept (docs/deletion.md): every rule of it that
        # Treff applies itself (counselling records, help seekers, volunteers, applications,
        # login records, sessions), in every Treff's scope (jobs.retention).
        Job("retention", "treff.jobs.retention.run", DAY, dt.time(3)),
        # Planner runs whose worker stopped are recorded as failed.
        Job("planner_runs_reap", "treff.planner.tasks.reap_all", dt.timedelta(minutes=5)),
        # Finished task results and old schedule rows are deleted (jobs.tasks.housekeeping).
        Job("housekeeping", "treff.jobs.tasks.housekeeping", DAY, dt.time(4)),
    )
}


def ensure(now: dt.datetime | None = None) -> list[str]:
    """Queue the current period of every job unless some worker already has; returns the
    names of the jobs queued by this call. Called by every worker when it starts."""
    now = now or timezone.now()
    return [job.name for job in JOBS.values() if _queue(job, *job.period_of(now), now=now)]


def _queue(job: Job, period: str, start: dt.datetime, *, now: dt.datetime) -> bool:
    deferred = scheduled.get_backend().supports_defer
    if not deferred and start > now:
        return False  # a backend that runs at once (tests) cannot wait for a later period
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(job=job.name, period=period)
            runner = scheduled.using(run_after=start) if deferred else scheduled
            runner.enqueue(job.name, period)
    except IntegrityError:
        return False  # another worker queued this period first
    logger.info("scheduled: job=%s period=%s", job.name, period)
    return True


@task
def scheduled(name: str, period: str):
    """Run job `name` for `period`, after queueing its next period. Returns the job's result."""
    job = JOBS.get(name)
    if job is None:
        logger.warning("scheduled job skipped: job=%s is not known", name)
        return None
    now = timezone.now()
    key, start = job.next_period(period)
    if start + job.every < now:  # the chain was held up (no worker): go on from now
        key, start = job.period_of(now)
    _queue(job, key, start, now=now)
    # Mend the other chains: a worker that died holding a period's task broke that job's
    # chain; the job's current period is queued here once it has begun (a no-op if queued).
    ensure(now)
    return import_string(job.function)()
