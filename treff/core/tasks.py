"""The one task layer: Django's tasks API (django-tasks, the backport of `django.tasks`).

Why this queue: Django 6 ships the same API (`@task`, `.enqueue()`, backends in
settings.TASKS), so our tasks move to Django 6 unchanged; its database backend
(django-tasks-db) keeps the queue in Treff's own database — SQLite for a demo, one
PostgreSQL for several application servers and workers — so nothing else must run. What the
backend lacks is added here and in treff.jobs, each a few lines over the public API:

- `treff.jobs.tasks.treff_task`: a task for one Treff re-enters that Treff's tenant scope
  (like pretix's event tasks); a Treff that is gone ends the task with an id-only log line.
- `enqueue`: the task row is written in the current transaction, so it exists exactly when the
  change that caused it commits (a transactional outbox); a backend that runs tasks at once
  (the tests' ImmediateBackend) runs them after the commit instead.
- `retry_later`: retries with exponential backoff for tasks that talk to other machines.

Task arguments are JSON: ids, dates as ISO strings, rendered texts — never model objects.
"""

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

try:  # Django 6 and later
    from django.tasks import TaskContext, task, task_backends
except ImportError:  # Django 5.2: the backport
    from django_tasks import TaskContext, task, task_backends

__all__ = ["TaskContext", "enqueue", "retry_later", "task", "task_backends"]

logger = logging.getLogger("treff.tasks")


def enqueue(task_, *args, **kwargs) -> None:
    """Queue `task_` with JSON arguments as part of the current transaction.

    With the database backend the task row commits or rolls back with the change that caused
    it, and no worker sees it before. A backend that would run the task right away (tests) runs
    it once the transaction commits, never for a rollback. Raises ValidationError with a
    message for the user when the queue cannot be reached: the caller's transaction then
    rolls back and changes nothing.
    """
    if not task_.get_backend().supports_defer:
        transaction.on_commit(lambda: task_.enqueue(*args, **kwargs))
        return
    try:
        task_.enqueue(*args, **kwargs)
    except DatabaseError as error:
        logger.error("task not queued: task=%s error=%s", task_.name, type(error).__name__)
        raise ValidationError(
            _(
                "The background work for this could not be queued, so nothing has been "
                "saved. Please try again in a few minutes."
            )
        ) from error


# Minutes to wait before the second, third, … attempt: 1, 2, 4, 8 (15 minutes in all).
RETRY_BASE_MINUTES = 1


def retry_later(task_, attempt: int, *args, **kwargs) -> None:
    """Queue `task_` again as attempt `attempt + 1`, after 2^(attempt-1) minutes.

    The task receives `attempt=` as a keyword. A backend without deferred runs (tests) queues
    it for now.
    """
    if task_.get_backend().supports_defer:
        delay = dt.timedelta(minutes=RETRY_BASE_MINUTES * 2 ** (attempt - 1))
        task_ = task_.using(run_after=timezone.now() + delay)
    task_.enqueue(*args, attempt=attempt + 1, **kwargs)
