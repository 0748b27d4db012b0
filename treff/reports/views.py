from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from treff.treffs import selectors as treff_selectors

from . import build
from .engine import InvalidThreshold
from .forms import ReportForm


@require_safe
def report(request):
    """A report over a period for one or all of the viewer's Treffs, with comparisons."""
    if not request.user.has_perm("reports.view_reports"):
        raise PermissionDenied
    treffs = treff_selectors.overseen_treffs(request.user)
    form = ReportForm(request.GET or None, treffs=treffs, today=timezone.localdate())
    context = {"form": form}
    data = form.cleaned_data if form.is_valid() else None
    if not form.is_bound:
        form = ReportForm({"period": "quarter"}, treffs=treffs, today=timezone.localdate())
        data = form.cleaned_data if form.is_valid() else None
        context["form"] = form
    if data is not None:
        chosen = [data["treff"]] if data["treff"] else list(treffs)
        context.update(span=data["span"], treffs=chosen)
        if chosen:
            audience = build.audience_of(request.user, chosen)
            try:
                _, context["sections"] = build.build(
                    chosen, data["span"], k=settings.TREFF_SMALL_CELL_K, audience=audience
                )
                context["k"] = settings.TREFF_SMALL_CELL_K
            except InvalidThreshold:
                context["threshold_error"] = True
    return render(request, "reports/report.html", context)
