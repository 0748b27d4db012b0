"""Open data (issue 13 item 6): a Treff's year as CSV and JSON, suppressed as for the public.

Who: everyone who reads reports (reports.view_reports: city staff, the committee, carrier
admins, coordinators), for the Treffs they oversee (treffs.selectors.overseen_treffs). The
files hold only what the public may see (opendata.py), so a coordinator or a carrier admin
may check what the city will publish about their Treff; it is the city that publishes. A
Treff outside the reader's Treffs is a 404, as if it did not exist.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from treff.core.params import int_param, year_from_path, year_param
from treff.treffs import selectors as treff_selectors

from . import opendata
from .engine import InvalidThreshold

FORMATS = {
    "csv": ("text/csv; charset=utf-8", opendata.as_csv),
    "json": ("application/json", opendata.as_json),
}


def _allowed(request):
    if not request.user.has_perm("reports.view_reports"):
        raise PermissionDenied
    return treff_selectors.overseen_treffs(request.user)


@require_safe
def page(request):
    """A year and a Treff (or all of the reader's), with the download links."""
    treffs = _allowed(request)
    today = timezone.localdate()
    # Last year by default: the last whole year, the one a city publishes.
    year = year_param(request, default=today.year - 1)
    chosen_pk = int_param(request, "treff")
    shown = [t for t in treffs if chosen_pk in (None, t.pk)]
    context = {
        "year": year,
        "years": range(today.year, today.year - 6, -1),
        "treffs": treffs,
        "chosen": chosen_pk,
        "shown": shown,
        "future": year > today.year,
        "k": settings.TREFF_SMALL_CELL_K,
        "license": opendata.license_id(),
    }
    return render(request, "reports/open_data.html", context)


@require_safe
def download(request, slug, year, fmt):
    """/reports/open-data/<slug>/<year>.csv|.json; a future or unsupported year is a 404."""
    treffs = _allowed(request)
    year = year_from_path(year)
    treff = treffs.filter(slug=slug).first()
    if treff is None:
        raise Http404
    if year > timezone.localdate().year:
        return render(
            request, "reports/open_data_missing.html", {"year": year, "treff": treff}, status=404
        )
    content_type, make = FORMATS[fmt]
    try:
        content = make(treff, year, k=settings.TREFF_SMALL_CELL_K)
    except InvalidThreshold:
        return render(request, "reports/open_data_missing.html", {"threshold": True}, status=503)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{treff.slug}-{year}.{fmt}"'
    return response
