"""Reads of the committee report (models.py): city-wide rows of suppressed figures only."""

from django.db.models import QuerySet

from .models import CommitteeReport, CommitteeReportVersion

# The list never loads the files themselves.
LIST_FIELDS = (
    "id",
    "report_id",
    "number",
    "title",
    "first",
    "last",
    "meeting_name",
    "meeting_date",
    "sent_at",
    "sent_by__username",
    "pdf_sha256",
    "xlsx_sha256",
)


def committee_drafts() -> QuerySet[CommitteeReport]:
    return CommitteeReport.objects.select_related("created_by")


def committee_draft(pk: int) -> CommitteeReport | None:
    return CommitteeReport.objects.filter(pk=pk).first()


def committee_versions(*, report: CommitteeReport | None = None) -> QuerySet:
    """The versions sent, newest first, as dicts of LIST_FIELDS (no file bytes)."""
    versions = CommitteeReportVersion.objects.all()
    if report is not None:
        versions = versions.filter(report=report)
    return versions.values(*LIST_FIELDS)


def committee_version(pk: int) -> CommitteeReportVersion | None:
    return CommitteeReportVersion.objects.filter(pk=pk).first()
