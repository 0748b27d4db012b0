"""The platform administrator's set-up of organisations (issue 17, item 2): the city, the
carriers and partner services, and which Treffs each carrier runs. Without the Django admin.

The platform administrator holds no Treff scope (accounts.backends): these pages list the
names of the Treffs, unscoped, and nothing inside them.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from treff.core.views import call_service

from . import services
from .forms import OrganisationForm
from .models import Organisation, Treff


def _platform_admin(request) -> None:
    if not request.user.has_perm("treffs.manage_organisations"):
        raise PermissionDenied


def organisation_list(request):
    _platform_admin(request)
    treffs = Treff.objects.with_scopes_disabled().order_by("name").only("name", "carrier_id")
    order = {Organisation.Kind.CITY: 0, Organisation.Kind.CARRIER: 1, Organisation.Kind.PARTNER: 2}
    organisations = sorted(
        Organisation.objects.prefetch_related(
            Prefetch("treffs", queryset=treffs, to_attr="treff_list")
        ),
        key=lambda org: (order.get(org.kind, 3), str(org).casefold()),
    )
    return render(request, "treffs/organisation_list.html", {"organisations": organisations})


@require_http_methods(["GET", "POST"])
def organisation_form(request, pk=None):
    _platform_admin(request)
    organisation = get_object_or_404(Organisation, pk=pk) if pk else None
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.organisation_save,
            organisation=form.save(commit=False),
            user=request.user,
        )
        if saved:
            messages.success(
                request, _("The organisation “%(name)s” has been saved.") % {"name": saved}
            )
            return redirect("treffs:organisations")
    return render(
        request, "treffs/organisation_form.html", {"form": form, "organisation": organisation}
    )
