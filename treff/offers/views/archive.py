"""Archiving, restoring and deleting an offer: confirm pages (GET) and the writes (POST)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from treff.treffs.shortcuts import get_in_treff_or_404, get_treff_or_404

from .. import services
from ..models import Offer


def _offer(request, slug, pk):
    treff = get_treff_or_404(request, slug, "offers.manage_plan")
    return treff, get_in_treff_or_404(Offer.objects.filter(treff=treff), pk=pk)


def _archived_list(treff) -> str:
    return reverse("offers:offer_list", args=[treff.slug]) + "?show=archived"


@require_http_methods(["GET", "POST"])
def offer_archive(request, slug, pk):
    treff, offer = _offer(request, slug, pk)
    errors = []
    if request.method == "POST":
        try:
            services.offer_archive(offer=offer, user=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _("The offer “%(title)s” has been archived; its dates ahead have ended.")
                % {"title": offer.title},
            )
            return redirect(_archived_list(treff))
    return render(
        request,
        "offers/offer_confirm_archive.html",
        {"treff": treff, "offer": offer, "errors": errors},
        status=400 if errors else 200,
    )


@require_POST
def offer_restore(request, slug, pk):
    treff, offer = _offer(request, slug, pk)
    try:
        services.offer_restore(offer=offer, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_archived_list(treff))
    messages.success(
        request,
        _("The offer “%(title)s” is active again. Add a series to give it new dates.")
        % {"title": offer.title},
    )
    return redirect("offers:offer_list", treff.slug)


@require_http_methods(["GET", "POST"])
def offer_delete(request, slug, pk):
    """Delete an unused offer; a used one gets the reasons and the archive button instead."""
    treff, offer = _offer(request, slug, pk)
    errors = []
    if request.method == "POST":
        try:
            services.offer_delete(offer=offer, user=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request, _("The offer “%(title)s” has been deleted.") % {"title": offer.title}
            )
            return redirect("offers:offer_list", treff.slug)
    return render(
        request,
        "offers/offer_confirm_delete.html",
        {"treff": treff, "offer": offer, "uses": services.offer_uses(offer), "errors": errors},
        status=400 if errors else 200,
    )
