"""The partner directory: read by everybody who works in a Treff, kept by those who run them;
public entries also on the public site (without internal notes)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from treff.core.views import call_service
from treff.treffs.shortcuts import get_in_treff_or_404

from . import selectors, services
from .forms import DirectoryFilter, PartnerServiceForm
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
