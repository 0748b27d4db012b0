"""Files made by a worker for one person: large reports as PDF or XLSX, out of the request.

`file_request` records what to make and queues `generate_file`; the page of the file
(jobs.views.file_detail) shows "being made" until it is ready, then offers the download.
The renderer of a kind is a plain function `render(user, params) -> bytes`, named by dotted
path in KINDS (so this module imports no domain app), and runs in the scope of the Treffs the
person may see (treffs.access.roles_of), as their own request would.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_scopes import scope

from treff.core.tasks import enqueue, task
from treff.treffs.access import roles_of

from .models import GeneratedFile

logger = logging.getLogger("treff.tasks")

# Made files are deleted after this (jobs.tasks.housekeeping).
FILES_KEPT = dt.timedelta(days=7)
# Files one person may have waiting or being made at once (issue 16, item 5): a worker makes
# one at a time, and a queue filled by one person would keep everyone else's waiting.
PENDING_PER_PERSON = 3


@dataclass(frozen=True)
class Kind:
    render: str  # dotted path of render(user, params) -> bytes
    permission: str  # what the person must (still) hold to ask for and to fetch the file
    content_type: str


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KINDS = {
    "figures_xlsx": Kind("treff.dashboard.exports.figures_xlsx", "dashboard.view_figures", XLSX),
    # Previews of a committee report over more than a year (reports.views_committee).
    "committee_pdf": Kind(
        "treff.reports.services.preview_file", "reports.manage_committee", "application/pdf"
    ),
    "committee_xlsx": Kind("treff.reports.services.preview_file", "reports.manage_committee", XLSX),
}


@transaction.atomic
def file_request(*, user, kind: str, params: dict, filename: str) -> GeneratedFile:
    """Record a file to make and queue it with this transaction.

    Raises PermissionDenied without the kind's permission, ValidationError for an unknown
    kind, for a person who already has PENDING_PER_PERSON files waiting or being made (or an
    unreachable queue: nothing is recorded then).
    """
    if kind not in KINDS:
        raise ValidationError(_("This kind of file is not known."))
    if not user.has_perm(KINDS[kind].permission):
        raise PermissionDenied
    pending = GeneratedFile.objects.filter(
        user=user, status__in=[GeneratedFile.Status.QUEUED, GeneratedFile.Status.RUNNING]
    ).count()
    if pending >= PENDING_PER_PERSON:
        raise ValidationError(
            _(
                "%(count)d of your files are still being made. Please wait until one of them "
                "is ready, then ask again."
            )
            % {"count": pending}
        )
    generated = GeneratedFile.objects.create(user=user, kind=kind, params=params, filename=filename)
    enqueue(generate_file, str(generated.pk))
    logger.info("file requested: file=%s kind=%s by user=%s", generated.pk, kind, user.pk)
    return generated


@task
def generate_file(file_id: str) -> str | None:
    """Make the file `file_id` in its person's scope; returns its status.

    A file that is gone, or whose person no longer may have it, ends with an id-only log line
    (the latter as failed); an error in the renderer marks it failed, without a retry.
    """
    generated = GeneratedFile.objects.select_related("user").filter(pk=file_id).first()
    if generated is None or generated.status != GeneratedFile.Status.QUEUED:
        logger.warning("file skipped: file=%s is gone or started", file_id)
        return None
    kind = KINDS.get(generated.kind)
    user = generated.user
    if kind is None or not user.is_active or not user.has_perm(kind.permission):
        return _finish(generated, GeneratedFile.Status.FAILED)
    generated.status = GeneratedFile.Status.RUNNING
    generated.save(update_fields=["status"])
    try:
        with scope(treff=roles_of(user).treff_scope):
            content = import_string(kind.render)(user, generated.params)
    except Exception:
        logger.exception("file failed: file=%s kind=%s", generated.pk, generated.kind)
        return _finish(generated, GeneratedFile.Status.FAILED)
    generated.content = content
    return _finish(generated, GeneratedFile.Status.DONE)


def _finish(generated: GeneratedFile, status: str) -> str:
    generated.status = status
    generated.finished_at = timezone.now()
    generated.save(update_fields=["status", "content", "finished_at"])
    logger.info("file %s: file=%s", status, generated.pk)
    return status


def file_for(user, file_id) -> GeneratedFile:
    """The file if it is this person's and they still hold its permission, else PermissionDenied
    (a stranger's file and a missing one answer alike: jobs.views turns both into 404)."""
    generated = GeneratedFile.objects.filter(pk=file_id, user=user).first()
    kind = KINDS.get(generated.kind) if generated else None
    if kind is None or not user.has_perm(kind.permission):
        raise PermissionDenied
    return generated
