"""The offer catalogue with its series as a CSV or XLSX file (issue 17, item 4), for those
who see the Treff's plan; the same offers as the list (active, or archived with
?show=archived)."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from treff.core import lists
from treff.core.times import format_end
from treff.treffs.shortcuts import get_treff_or_404

from .. import planning, selectors


@require_safe
def offer_export(request, slug, fmt):
    """One row per series (an offer without a series: one row with the series' columns
    empty): the offer's title, kind, provider and whether it is public, then the series'
    rule in words, first and last date, times and room."""
    treff = get_treff_or_404(request, slug, "offers.view_plan")
    if fmt not in lists.FORMATS:
        raise Http404
    archived = request.GET.get("show") == "archived"
    series_of: dict[int, list] = {}
    for series in selectors.series_list(treff, archived=archived):
        series_of.setdefault(series.offer_id, []).append(series)
    yes, no = _("yes"), _("no")
    rows = []
    for offer in selectors.offer_list(treff, archived=archived):
        head = [
            offer.title,
            offer.get_category_display(),
            offer.provider.name if offer.provider else "",
            yes if offer.public else no,
        ]
        for series in series_of.get(offer.pk, [None]):
            if series is None:
                rows.append([*head, "", None, None, "", "", ""])
                continue
            rows.append(
                [
                    *head,
                    planning.describe(series, times=False),
                    series.starts_on,
                    series.ends_on,
                    f"{series.start_time:%H:%M}",
                    format_end(series.end_time),
                    series.room.name if series.room else "",
                ]
            )
    table = lists.Table(
        name=lists.file_name(_("offers"), _("archive") if archived else "", treff.slug),
        headers=[
            _("Offer"),
            _("Category"),
            _("Provider"),
            _("Public"),
            _("Rule"),
            _("First date"),
            _("Last date"),
            _("Start"),
            _("End"),
            _("Room"),
        ],
        rows=rows,
    )
    return lists.download(table, fmt)
