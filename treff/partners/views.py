"""The partner directory: read by everybody who works in a Treff, kept by those who run them;
public entries also on the public site (without internal notes)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from treff.core import lists
from treff.core.choices import Language
from treff.core.import_views import import_page
from treff.core.views import call_service
from treff.treffs.shortcuts import get_in_treff_or_404

from . import selectors, services
from .forms import DirectoryFilter, PartnerServiceForm
from .imports import DIRECTORY, DIRECTORY_TITLE
from .models import PartnerService


def _require(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _filtered(request, *, public_only):
    form = DirectoryFilter(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.directory(public_only=public_only, **filters)
    return form, entries


def directory(request):
    _require(request, "partners.view")
    form, entries = _filtered(request, public_only=False)
    return render(
        request,
        "partners/directory.html",
        {
            "form": form,
            "entries": entries,
            "can_manage": request.user.has_perm("partners.manage"),
        },
    )


@require_safe
def directory_export(request, fmt):
    """The directory as the page shows it for the same filters, as CSV or XLSX (issue 17,
    item 4): everything a reader of the directory sees, without the internal notes."""
    _require(request, "partners.view")
    if fmt not in lists.FORMATS:
        raise Http404
    _form, entries = _filtered(request, public_only=False)
    languages, yes, no = dict(Language.choices), _("yes"), _("no")
    headers = [
        _("Name"),
        _("Category"),
        _("Organisation"),
        _("What they offer"),
        _("Office hours"),
        _("Street and number"),
        _("Postal code"),
        _("City"),
        _("Phone"),
        _("E-mail"),
        _("Website"),
        _("Languages"),
        _("Barrier-free access"),
        _("Accessibility"),
        _("On the public website"),
    ]
    rows = [
        [
            e.name,
            e.get_category_display(),
            e.organisation.name if e.organisation else "",
            e.description,
            e.office_hours,
            e.street,
            e.postal_code,
            e.city,
            e.phone,
            e.email,
            e.website,
            ", ".join(str(languages.get(code, code)) for code in e.languages),
            yes if e.barrier_free else no,
            e.accessibility,
            yes if e.public else no,
        ]
        for e in entries
    ]
    table = lists.Table(name=lists.file_name(_("partner directory")), headers=headers, rows=rows)
    return lists.download(table, fmt)


def detail(request, pk):
    _require(request, "partners.view")
    service = get_in_treff_or_404(PartnerService.objects.select_related("organisation"), pk=pk)
    return render(
        request,
        "partners/detail.html",
        {
            "service": service,
            "can_manage": request.user.has_perm("partners.manage"),
        },
    )


@require_http_methods(["GET", "POST"])
def edit(request, pk=None):
    _require(request, "partners.manage")
    service = get_in_treff_or_404(PartnerService.objects, pk=pk) if pk else PartnerService()
    form = PartnerServiceForm(request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.partner_service_save,
            entry=form.save(commit=False),
            user=request.user,
        )
        if saved:
            messages.success(
                request, _("“%(name)s” has been saved in the directory.") % {"name": saved}
            )
            return redirect("partners:detail", saved.pk)
    return render(request, "partners/form.html", {"form": form, "service": service})


@require_http_methods(["GET", "POST"])
def directory_import(request):
    """The directory's entries from a spreadsheet, for those who keep the directory."""
    _require(request, "partners.manage")
    return import_page(
        request,
        DIRECTORY,
        {},
        title=str(DIRECTORY_TITLE),
        back_url=reverse("partners:directory"),
        save=lambda entry: services.partner_service_save(entry=entry, user=request.user),
    )
