"""/reports/committee/: the committee report (Fachkonzept §6).

City staff write drafts, preview them and send versions (reports.manage_committee); the
committee and city staff read and download the versions sent (reports.view_committee).
Coordinators and carrier admins have /reports/ and get 403 here. Drafts and versions are
city-wide rows (models.py): an unknown id answers 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from treff.core.limits import per_account
from treff.core.views import call_service
from treff.jobs import files
from treff.treffs import selectors as treff_selectors

from . import selectors, services
from .forms import CommitteeReportForm
from .models import CommitteeReport

FORMATS = {"pdf": "application/pdf", "xlsx": files.XLSX}


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _draft(pk: int) -> CommitteeReport:
    report = selectors.committee_draft(pk)
    if report is None:
        raise Http404
    return report


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise Http404
    return fmt


@require_safe
def committee_list(request):
    """The versions sent (everyone allowed) and, for city staff, the drafts."""
    _require(request, "reports.view_committee")
    manage = request.user.has_perm(services.MANAGE)
    context = {
        "versions": selectors.committee_versions(),
        "drafts": selectors.committee_drafts() if manage else None,
        "manage": manage,
    }
    return render(request, "reports/committee_list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def committee_edit(request, pk=None):
    """Write a new draft (pk None) or change one."""
    _require(request, services.MANAGE)
    report = _draft(pk) if pk else CommitteeReport()
    treffs = treff_selectors.overseen_treffs(request.user)
    data = request.POST if request.method == "POST" else None
    form = CommitteeReportForm(data, instance=report, treffs=treffs)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.committee_report_save,
            report=form.instance,
            treffs=form.cleaned_data["treffs"],
            user=request.user,
        )
        if saved is not None:
            messages.success(request, _("The draft has been saved."))
            return redirect("reports:committee_detail", saved.pk)
    return render(request, "reports/committee_form.html", {"form": form, "report": report})


@require_safe
def committee_detail(request, pk):
    """A draft: what it covers, its previews, sending, and the versions sent of it."""
    _require(request, services.MANAGE)
    report = _draft(pk)
    context = {
        "report": report,
        "treffs": list(report.treffs.order_by("name")),
        "versions": selectors.committee_versions(report=report),
        "long": report.period.days > services.SEND_NOW_DAYS,
    }
    return render(request, "reports/committee_detail.html", context)


@require_POST
@per_account("preview", ("POST",))
def committee_preview(request, pk, fmt):
    """The draft as PDF or XLSX: at once for a short period, else made by a worker
    (jobs.files: the file's page shows the progress and then the download)."""
    _require(request, services.MANAGE)
    fmt = _format(fmt)
    report = _draft(pk)
    filename = f"treff-committee-report-{report.pk}-preview.{fmt}"
    try:
        if report.period.days > services.SEND_NOW_DAYS:
            generated = files.file_request(
                user=request.user,
                kind=f"committee_{fmt}",
                params={"report": report.pk, "format": fmt, "language": translation.get_language()},
                filename=filename,
            )
            return redirect("jobs:file", generated.pk)
        content = services.preview(report=report, user=request.user, fmt=fmt)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:committee_detail", report.pk)
    return _file(content, fmt, filename)


@require_http_methods(["GET", "HEAD", "POST"])
def committee_send(request, pk):
    """Confirm (GET), then send (POST): a new version that cannot be changed."""
    _require(request, services.MANAGE)
    report = _draft(pk)
    if request.method == "POST":
        try:
            version = services.version_send(report=report, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("reports:committee_detail", report.pk)
        if version is None:
            messages.success(
                request,
                _("The report is being made; the version appears in the list when it is ready."),
            )
        else:
            messages.success(
                request, _("Version %(number)d has been sent.") % {"number": version.number}
            )
        return redirect("reports:committee_detail", report.pk)
    context = {"report": report, "next_number": report.versions.count() + 1}
    return render(request, "reports/committee_send.html", context)


@require_safe
def version_download(request, pk, fmt):
    """A sent version's file, byte for byte as it was sent."""
    _require(request, "reports.view_committee")
    fmt = _format(fmt)
    version = selectors.committee_version(pk)
    if version is None:
        raise Http404
    content = bytes(version.pdf if fmt == "pdf" else version.xlsx)
    filename = f"treff-committee-report-{version.report_id}-v{version.number}.{fmt}"
    return _file(content, fmt, filename)


def _file(content: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Reports for the committee are not kept in shared or browser caches.
    response["Cache-Control"] = "no-store"
    return response
