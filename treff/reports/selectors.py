"""Reads of the committee report (models.py): city-wide rows of suppressed figures only."""

from django.db.models import QuerySet, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim

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
    "sender",
    "pdf_sha256",
    "xlsx_sha256",
)


def committee_drafts() -> QuerySet[CommitteeReport]:
    return CommitteeReport.objects.select_related("created_by")


def committee_draft(pk: int) -> CommitteeReport | None:
    return CommitteeReport.objects.filter(pk=pk).first()


def committee_versions(*, report: CommitteeReport | None = None) -> QuerySet:
    """The versions sent, newest first, as dicts of LIST_FIELDS (no file bytes); "sender"
    is the sender's full name, as elsewhere, or their user name if they gave none."""
    full_name = Trim(Concat("sent_by__first_name", Value(" "), "sent_by__last_name"))
    versions = CommitteeReportVersion.objects.annotate(
        sender=Coalesce(NullIf(full_name, Value("")), "sent_by__username")
    )
    if report is not None:
        versions = versions.filter(report=report)
    return versions.values(*LIST_FIELDS)


def committee_version(pk: int) -> CommitteeReportVersion | None:
    return CommitteeReportVersion.objects.filter(pk=pk).first()
