"""The coordinator's page of the ideas residents sent (public.models.Suggestion)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from treff.core.views import call_service
from treff.treffs.shortcuts import get_in_treff_or_404, get_treff_or_404

from . import services
from .forms import SuggestionStatusForm
from .models import Suggestion

MANAGE = "public.manage_suggestions"


def suggestion_list(request, slug):
    """Every idea of the Treff, the new ones first, each with its buttons to mark it."""
    treff = get_treff_or_404(request, slug, MANAGE)
    today = timezone.localdate()
    suggestions = list(Suggestion.objects.filter(treff=treff))
    order = {Suggestion.Status.NEW: 0, Suggestion.Status.CONSIDERED: 1, Suggestion.Status.DONE: 2}
    suggestions.sort(key=lambda idea: order[idea.status])
    return render(
        request,
        "public/staff/suggestion_list.html",
        {
            "treff": treff,
            "suggestions": suggestions,
            "new_count": sum(idea.status == Suggestion.Status.NEW for idea in suggestions),
            "statuses": Suggestion.Status.choices,
            # The evaluation's figure (Fachkonzept §4.5): how many came in this year.
            "this_year": sum(
                timezone.localtime(idea.created_at).year == today.year for idea in suggestions
            ),
            "today": today,
        },
    )


@require_POST
def suggestion_mark(request, slug, pk):
    treff = get_treff_or_404(request, slug, MANAGE)
    suggestion = get_in_treff_or_404(Suggestion.objects.filter(treff=treff), pk=pk)
    form = SuggestionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to mark the idea as."))
    elif call_service(
        form,
        services.suggestion_mark,
        suggestion=suggestion,
        status=form.cleaned_data["status"],
        user=request.user,
    ):
        messages.success(request, _("The idea has been marked."))
    return redirect("ideas:list", treff.slug)
