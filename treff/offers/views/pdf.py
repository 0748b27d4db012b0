"""The weekly plan as a PDF for the door: A4 landscape, public offers only."""

import datetime as dt

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import formats
from weasyprint import HTML

from treff.core.limits import per_account
from treff.treffs.shortcuts import get_treff_or_404

from .. import selectors
from .calendar import reference_date

DAY = dt.timedelta(days=1)


@per_account("pdf")
def week_pdf(request, slug):
    treff = get_treff_or_404(request, slug, "offers.view_plan")
    monday = reference_date(request)
    monday -= dt.timedelta(days=monday.weekday())
    days = selectors.days_of(treff=treff, first=monday, last=monday + 6 * DAY, public_only=True)
    if not any(day.items or day.moved_away for day in days[5:]):
        days = days[:5]
    html = render_to_string(
        "offers/week_pdf.html",
        {
            "treff": treff,
            "days": days,
            "monday": monday,
            "iso_week": monday.isocalendar().week,
            "opening_hours": treff.opening_hours.all(),
            # More than 6 dates on one day would not fit the large type on one sheet.
            "dense": max(len(day.items) + len(day.moved_away) for day in days) > 6,
        },
        request=request,
    )
    # Fonts come from the KERN package on disk, never from the network.
    base_url = finders.find("vendor/kern/fonts/fira-sans.css").rsplit("/fonts/", 1)[0] + "/"
    pdf = HTML(string=html, base_url=base_url).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{treff.slug}-{formats.date_format(monday, 'Y-m-d')}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
