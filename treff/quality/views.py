"""Quality development pages (Fachkonzept §6): one overview per Treff, meetings with their
minutes (also as PDF), action items, standards and the Treff's documents.

Out-of-scope Treffs and objects answer 404, a Treff one may see without taking part 403
(treffs.shortcuts). Files are served only here, after the same check; never from a public
media address.
"""

from django.contrib import messages
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from treff.core.limits import per_account
from treff.core.params import is_number
from treff.core.views import call_service
from treff.treffs.shortcuts import get_in_treff_or_404, get_treff_or_404

from . import selectors, services
from .forms import (
    ActionItemForm,
    DocumentForm,
    DocumentVersionForm,
    MeetingForm,
    ParticipantFormSet,
    StandardForm,
    StandardVersionForm,
    participant_rows,
)
from .models import (
    ActionItem,
    DocumentVersion,
    Meeting,
    QualityStandard,
    TreffDocument,
)

VIEW, RECORD = "quality.view", "quality.record"
SUBMIT, ACKNOWLEDGE, COMPLETE = (
    "quality.submit_document",
    "quality.acknowledge",
    "quality.complete_item",
)


def _lookup(getter, model, *args):
    try:
        return getter(*args)
    except (model.DoesNotExist, ValueError):
        raise Http404 from None


def overview(request, slug):
    treff = get_treff_or_404(request, slug, VIEW)
    return render(
        request,
        "quality/overview.html",
        {
            "treff": treff,
            "meetings": selectors.meetings(treff),
            "items": selectors.action_items(treff, status=ActionItem.Status.OPEN),
            "standards": selectors.standards(treff),
            "documents": selectors.documents(treff),
            "today": timezone.localdate(),
            "can_record": request.user.has_perm(RECORD, treff),
            "can_submit": request.user.has_perm(SUBMIT, treff),
        },
    )


def meeting_detail(request, slug, pk):
    treff = get_treff_or_404(request, slug, VIEW)
    meeting = _lookup(selectors.meeting_full, Meeting, treff, pk)
    return render(
        request,
        "quality/meeting_detail.html",
        {
            "treff": treff,
            "meeting": meeting,
            "today": timezone.localdate(),
            "can_record": request.user.has_perm(RECORD, treff),
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_edit(request, slug, pk=None):
    treff = get_treff_or_404(request, slug, RECORD)
    if pk:
        meeting = _lookup(selectors.meeting_full, Meeting, treff, pk)
        initial_rows = [{"role": p.role, "name": p.name} for p in meeting.participants.all()]
        decisions = "\n".join(d.text for d in meeting.decisions.all())
    else:
        meeting = Meeting(treff=treff, date=timezone.localdate())
        initial_rows, decisions = [], ""
    form = MeetingForm(request.POST or None, instance=meeting, initial={"decisions": decisions})
    formset = ParticipantFormSet(request.POST or None, initial=initial_rows, prefix="people")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        saved = call_service(
            form,
            services.meeting_save,
            meeting=form.save(commit=False),
            treff=treff,
            participants=participant_rows(formset),
            decisions=form.decision_lines(),
            user=request.user,
        )
        if saved:
            messages.success(request, _("The meeting has been saved."))
            return redirect("quality:meeting_detail", treff.slug, saved.pk)
    return render(
        request,
        "quality/meeting_form.html",
        {"treff": treff, "meeting": meeting, "form": form, "formset": formset},
    )


@per_account("pdf")
def meeting_pdf(request, slug, pk):
    """The minutes as a PDF: participants by role, agenda, minutes, decisions, action items."""
    # Imported here: WeasyPrint loads its fonts and libraries, needed on this page only.
    from weasyprint import HTML

    treff = get_treff_or_404(request, slug, VIEW)
    meeting = _lookup(selectors.meeting_full, Meeting, treff, pk)
    html = render_to_string(
        "quality/minutes_pdf.html",
        {"treff": treff, "meeting": meeting, "today": timezone.localdate()},
        request=request,
    )
    # Fonts come from the KERN package on disk, never from the network.
    base_url = finders.find("vendor/kern/fonts/fira-sans.css").rsplit("/fonts/", 1)[0] + "/"
    response = HttpResponse(HTML(string=html, base_url=base_url).write_pdf(), "application/pdf")
    filename = f"{treff.slug}-{meeting.date.isoformat()}-minutes.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
def action_item_edit(request, slug, pk=None):
    treff = get_treff_or_404(request, slug, RECORD)
    meetings = selectors.meetings(treff)
    if pk:
        item = get_in_treff_or_404(selectors.action_items(treff), pk=pk)
    else:
        item = ActionItem(treff=treff)
        meeting_id = request.GET.get("meeting", "")
        if is_number(meeting_id) and len(meeting_id) <= 18:
            item.meeting = meetings.filter(pk=meeting_id).first()
    form = ActionItemForm(
        request.POST or None,
        instance=item,
        owners=selectors.owner_choices(treff),
        meetings=meetings,
    )
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.action_item_save,
            item=form.save(commit=False),
            treff=treff,
            user=request.user,
        )
        if saved:
            messages.success(request, _("The action item has been saved."))
            if saved.meeting_id:
                return redirect("quality:meeting_detail", treff.slug, saved.meeting_id)
            return redirect("quality:overview", treff.slug)
    return render(
        request, "quality/action_item_form.html", {"treff": treff, "item": item, "form": form}
    )


@require_POST
def action_item_done(request, slug, pk):
    """The owner (or anyone taking part) marks an open item done; back where they came from."""
    treff = get_treff_or_404(request, slug, "treffs.view_treff")
    item = get_in_treff_or_404(selectors.action_items(treff), pk=pk)
    if not request.user.has_perm(COMPLETE, item):
        raise PermissionDenied
    try:
        services.action_item_complete(item=item, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(title)s” is done.") % {"title": item.title})
    # The page the button was on (the dashboard, a meeting), if it is one of this site's.
    # Only a path: redirect() would take "abc" for a view name and fail.
    back = request.POST.get("next", "")
    if back.startswith("/") and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(back)
    if request.user.has_perm(VIEW, treff):
        return redirect("quality:overview", treff.slug)
    return redirect("dashboard:home")


@require_http_methods(["GET", "POST"])
def standard_create(request, slug):
    treff = get_treff_or_404(request, slug, RECORD)
    form = StandardForm(request.POST or None, instance=QualityStandard(treff=treff))
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.standard_create,
            standard=form.save(commit=False),
            treff=treff,
            text=form.cleaned_data["text"],
            agreed_on=form.cleaned_data["agreed_on"],
            user=request.user,
        )
        if saved:
            messages.success(request, _("The standard has been added."))
            return redirect("quality:standard_detail", treff.slug, saved.pk)
    return render(request, "quality/standard_form.html", {"treff": treff, "form": form})


def standard_detail(request, slug, pk):
    treff = get_treff_or_404(request, slug, VIEW)
    standard = _lookup(selectors.standard_get, QualityStandard, treff, pk)
    return render(
        request,
        "quality/standard_detail.html",
        {"treff": treff, "standard": standard, "can_record": request.user.has_perm(RECORD, treff)},
    )


@require_http_methods(["GET", "POST"])
def standard_revise(request, slug, pk):
    treff = get_treff_or_404(request, slug, RECORD)
    standard = _lookup(selectors.standard_get, QualityStandard, treff, pk)
    initial = {"text": standard.current.text} if standard.current else {}
    form = StandardVersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.standard_revise,
            standard=standard,
            text=form.cleaned_data["text"],
            agreed_on=form.cleaned_data["agreed_on"],
            user=request.user,
        )
        if saved:
            messages.success(request, _("Version %(n)d now applies.") % {"n": saved.number})
            return redirect("quality:standard_detail", treff.slug, standard.pk)
    return render(
        request,
        "quality/standard_form.html",
        {"treff": treff, "form": form, "standard": standard},
    )


@require_http_methods(["GET", "POST"])
@per_account("upload", ("POST",))
def document_create(request, slug):
    treff = get_treff_or_404(request, slug, SUBMIT)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.document_create,
            document=form.save(commit=False),
            treff=treff,
            upload=form.cleaned_data["file"],
            note=form.cleaned_data["note"],
            user=request.user,
        )
        if saved:
            messages.success(request, _("The document has been uploaded."))
            return redirect("quality:document_detail", treff.slug, saved.pk)
    return render(request, "quality/document_form.html", {"treff": treff, "form": form})


def document_detail(request, slug, pk):
    treff = get_treff_or_404(request, slug, VIEW)
    document = _lookup(selectors.document_get, TreffDocument, treff, pk)
    return render(
        request,
        "quality/document_detail.html",
        {
            "treff": treff,
            "document": document,
            "can_submit": request.user.has_perm(SUBMIT, treff),
            "can_acknowledge": request.user.has_perm(ACKNOWLEDGE, treff),
        },
    )


@require_http_methods(["GET", "POST"])
@per_account("upload", ("POST",))
def document_upload(request, slug, pk):
    treff = get_treff_or_404(request, slug, SUBMIT)
    document = _lookup(selectors.document_get, TreffDocument, treff, pk)
    form = DocumentVersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.document_version_add,
            document=document,
            upload=form.cleaned_data["file"],
            note=form.cleaned_data["note"],
            user=request.user,
        )
        if saved:
            messages.success(request, _("Version %(n)d has been uploaded.") % {"n": saved.number})
            return redirect("quality:document_detail", treff.slug, document.pk)
    return render(
        request,
        "quality/document_form.html",
        {"treff": treff, "form": form, "document": document},
    )


def document_download(request, slug, pk, version):
    """One version's file, to those who may see the Treff's documents; never cached."""
    treff = get_treff_or_404(request, slug, VIEW)
    found = _lookup(selectors.document_version_get, DocumentVersion, treff, pk, version)
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(
        handle, content_type=found.content_type, as_attachment=True, filename=found.filename
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def document_acknowledge(request, slug, pk, version):
    treff = get_treff_or_404(request, slug, ACKNOWLEDGE)
    found = _lookup(selectors.document_version_get, DocumentVersion, treff, pk, version)
    try:
        services.document_version_acknowledge(version=found, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Version %(n)d is acknowledged.") % {"n": found.number})
    return redirect("quality:document_detail", treff.slug, pk)
