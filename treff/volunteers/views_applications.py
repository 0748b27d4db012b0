"""The coordinator's applications to volunteer (sent through the public form): open one,
accept it (an active volunteer whose onboarding goes on) or decline it (deleted)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from treff.core.params import BadParameter
from treff.treffs.shortcuts import get_in_treff_or_404, get_treff_or_404

from . import services_applications as services
from .models import VolunteerApplication

MANAGE = "volunteers.manage"


def application_list(request, slug):
    treff = get_treff_or_404(request, slug, MANAGE)
    return render(
        request,
        "volunteers/application_list.html",
        {"treff": treff, "applications": VolunteerApplication.objects.filter(treff=treff)},
    )


@require_http_methods(["GET", "POST"])
def application_detail(request, slug, pk):
    treff = get_treff_or_404(request, slug, MANAGE)
    application = get_in_treff_or_404(VolunteerApplication.objects.filter(treff=treff), pk=pk)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "accept":
            try:
                volunteer = services.application_accept(application=application, user=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("volunteers:applications", treff.slug)
            messages.success(
                request,
                _(
                    "“%(name)s” is now an active volunteer. Continue with the onboarding: "
                    "confidentiality, police clearance, insurance and free times."
                )
                % {"name": volunteer},
            )
            return redirect("volunteers:edit", treff.slug, volunteer.pk)
        if action == "decline":
            services.application_decline(application=application, user=request.user)
            messages.success(request, _("The application has been declined and deleted."))
            return redirect("volunteers:applications", treff.slug)
        raise BadParameter(_("Choose whether to accept or to decline the application."))
    return render(
        request,
        "volunteers/application_detail.html",
        {"treff": treff, "application": application},
    )
