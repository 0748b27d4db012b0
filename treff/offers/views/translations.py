"""An offer's title and description in the public site's other languages."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from treff.core.views import call_service
from treff.treffs.shortcuts import get_in_treff_or_404, get_treff_or_404

from .. import services
from ..forms_translations import OfferTranslationsForm
from ..models import Offer


@require_http_methods(["GET", "POST"])
def offer_translations(request, slug, pk):
    """Who may edit the offer may translate it (offers.manage_plan)."""
    treff = get_treff_or_404(request, slug, "offers.manage_plan")
    offer = get_in_treff_or_404(
        Offer.objects.filter(treff=treff).prefetch_related("translations"), pk=pk
    )
    form = OfferTranslationsForm(request.POST or None, offer=offer)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.offer_translations_save,
            offer=offer,
            texts=form.texts(),
            user=request.user,
        )
        if saved:
            messages.success(
                request,
                _("The translations of “%(title)s” have been saved.") % {"title": offer.title},
            )
            return redirect("offers:offer_list", treff.slug)
    return render(
        request, "offers/offer_translations.html", {"treff": treff, "form": form, "offer": offer}
    )
