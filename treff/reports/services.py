"""Writes of the committee report (Fachkonzept §6): drafts, and sending a version.

Only city staff prepare and send committee reports (reports.manage_committee). Every service
takes keyword arguments, checks the permission itself, runs full_clean() in a transaction and
raises ValidationError (or PermissionDenied) — never a 500 for odd input.

Sending freezes the PDF and the XLSX, both built from the figures suppressed for
`Audience.COMMITTEE` whoever sends them (contents.contents_of). A period up to
`SEND_NOW_DAYS` long is rendered in the request (a second or two); a longer one is rendered
by a worker (`version_make`, queued with the transaction), so no request waits long.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope

from treff.core.tasks import enqueue, task
from treff.treffs.access import roles_of

from . import committee_pdf, committee_xlsx
from .contents import Snapshot, contents_of
from .models import CommitteeReport, CommitteeReportVersion, VersionImmutable

logger = logging.getLogger("treff.reports")

# Longer periods are rendered by a worker (previews: jobs.files; sending: version_make).
SEND_NOW_DAYS = 366
MANAGE = "reports.manage_committee"


def _check(user) -> None:
    if not user.has_perm(MANAGE):
        raise PermissionDenied


@transaction.atomic
def committee_report_save(*, report: CommitteeReport, treffs, user) -> CommitteeReport:
    """Create or change a draft. `treffs`: the Treffs chosen (empty: all). Raises
    PermissionDenied unless `user` is city staff, ValidationError for a bad period (end
    before start, more than periods.MAX_YEARS) or any other invalid field."""
    _check(user)
    if report.pk is None:
        report.created_by = user
    report.full_clean(exclude=["created_by"])
    report.save()
    report.treffs.set(treffs)
    logger.info("committee report saved: report=%s by user=%s", report.pk, user.pk)
    return report


def version_send(*, report: CommitteeReport, user) -> CommitteeReportVersion | None:
    """Send the draft as it is now: a new version with the next number.

    Returns the version, or None when a worker makes it (a period longer than
    SEND_NOW_DAYS): it appears in the list when done. Raises PermissionDenied unless `user`
    is city staff, ValidationError if the draft is invalid, the threshold k protects nothing
    or the queue cannot be reached (nothing is stored then).
    """
    _check(user)
    report.full_clean(exclude=["created_by"])
    snapshot = Snapshot.of(report, user=user)
    if report.period.days <= SEND_NOW_DAYS:
        return _version_store(report.pk, snapshot, user)
    with transaction.atomic():
        enqueue(version_make, report.pk, user.pk, snapshot.as_json())
    logger.info("committee version queued: report=%s by user=%s", report.pk, user.pk)
    return None


@task
def version_make(report_id: int, user_id: int, snapshot: dict) -> int | None:
    """A worker renders and stores a version of what was sent (`snapshot`, the draft as it
    was when "send" was pressed); returns the version's id, or None if the sender may no
    longer send it (logged by id)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_perm(MANAGE):
        logger.warning("committee version dropped: report=%s user=%s", report_id, user_id)
        return None
    with scope(treff=roles_of(user).treff_scope):
        version = _version_store(report_id, Snapshot.from_json(snapshot), user)
    return version.pk


def _version_store(report_id: int, snapshot: Snapshot, user) -> CommitteeReportVersion:
    contents = contents_of(snapshot)
    pdf = committee_pdf.render(contents)
    xlsx = committee_xlsx.render(contents)
    with transaction.atomic():
        # The draft's row is locked, so two sends get two numbers, never the same one.
        report = CommitteeReport.objects.select_for_update(of=("self",)).get(pk=report_id)
        last = report.versions.order_by("-number").values_list("number", flat=True).first()
        version = CommitteeReportVersion(
            report=report,
            number=(last or 0) + 1,
            title=snapshot.title,
            first=snapshot.first,
            last=snapshot.last,
            treff_names=list(contents.treff_names),
            meeting_name=snapshot.meeting_name,
            meeting_date=snapshot.meeting_date,
            summary=snapshot.summary,
            k=contents.k,
            sent_at=timezone.now(),
            sent_by=user,
            pdf=pdf,
            xlsx=xlsx,
        )
        version.save()
    logger.info(
        "committee version sent: report=%s version=%s by user=%s",
        report_id,
        version.number,
        user.pk,
    )
    return version


def version_change(*, version: CommitteeReportVersion, user, **changes):
    """There is no way to change a sent version: always raises VersionImmutable (a
    ValidationError). Send the draft again for a new version."""
    raise VersionImmutable(_("A sent version cannot be changed; send the report again instead."))


def preview(*, report: CommitteeReport, user, fmt: str) -> bytes:
    """The draft as PDF or XLSX (`fmt` "pdf" / "xlsx") as it would be sent now, suppressed
    for the committee. Raises PermissionDenied, or ValidationError for an invalid draft or a
    threshold that protects nothing."""
    _check(user)
    report.full_clean(exclude=["created_by"])
    contents = contents_of(Snapshot.of(report, user=user))
    return (committee_pdf if fmt == "pdf" else committee_xlsx).render(contents)


def preview_file(user, params: dict) -> bytes:
    """jobs.files renderer (kinds committee_pdf / committee_xlsx): params {"report": id,
    "format": "pdf"|"xlsx", "language": code}."""
    from django.utils import translation

    report = CommitteeReport.objects.get(pk=params["report"])
    with translation.override(params.get("language")):
        return preview(report=report, user=user, fmt=params["format"])


__all__ = [
    "SEND_NOW_DAYS",
    "committee_report_save",
    "preview",
    "preview_file",
    "version_change",
    "version_make",
    "version_send",
]
