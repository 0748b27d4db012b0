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
    # Without a query the page opens on the current quarter.
    form = ReportForm(
        request.GET or {"period": "quarter"}, treffs=treffs, today=timezone.localdate()
    )
    context = {"form": form}
    if not form.is_valid():
        return render(request, "reports/report.html", context)
    data = form.cleaned_data
    chosen = [data["treff"]] if data["treff"] else list(treffs)
    context.update(span=data["span"], treffs=chosen)
    if chosen:
        k = settings.TREFF_SMALL_CELL_K
        audience = build.audience_of(request.user, chosen)
        try:
            built = build.report(chosen, data["span"], k=k, audience=audience)
            context.update(areas=built.areas, trends=built.trends)
            context["k"] = k
        except InvalidThreshold:
            context["threshold_error"] = True
    return render(request, "reports/report.html", context)
