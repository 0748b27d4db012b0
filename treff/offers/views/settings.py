"""Closure days and the Fachkonzept checks of one Treff."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from treff.core.views import call_service
from treff.treffs.shortcuts import get_in_treff_or_404, get_treff_or_404

from .. import services
from ..forms import ClosureDayForm, PlanRulesForm
from ..models import ClosureDay, PlanRules


@require_http_methods(["GET", "POST"])
def plan_settings(request, slug):
    treff = get_treff_or_404(request, slug, "offers.manage_plan")
    rules = PlanRules.objects.filter(treff=treff).first() or PlanRules(treff=treff)
    which = request.POST.get("form")
    rules_form = PlanRulesForm(request.POST if which == "rules" else None, instance=rules)
    closure_form = ClosureDayForm(request.POST if which == "closure" else None)
    if which == "rules" and rules_form.is_valid():
        saved = call_service(
            rules_form,
            services.plan_rules_save,
            rules=rules_form.save(commit=False),
            treff=treff,
            user=request.user,
        )
        if saved:
            messages.success(request, _("The checks have been saved."))
            return redirect("offers:plan_settings", treff.slug)
    if which == "closure" and closure_form.is_valid():
        saved = call_service(
            closure_form,
            services.closure_add,
            closure=closure_form.save(commit=False),
            treff=treff,
            user=request.user,
        )
        if saved:
            messages.success(request, _("The closure day has been added; dates on it are skipped."))
            return redirect("offers:plan_settings", treff.slug)
    return render(
        request,
        "offers/settings.html",
        {
            "treff": treff,
            "rules_form": rules_form,
            "closure_form": closure_form,
            "closures": ClosureDay.objects.filter(treff=treff).order_by("date"),
        },
    )


@require_POST
def closure_delete(request, slug, pk):
    treff = get_treff_or_404(request, slug, "offers.manage_plan")
    closure = get_in_treff_or_404(ClosureDay.objects.filter(treff=treff), pk=pk)
    try:
        services.closure_delete(closure=closure, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The closure day has been removed."))
    return redirect("offers:plan_settings", treff.slug)
