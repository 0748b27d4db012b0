"""Shifts for Treff services, "my shifts", and the certificate of engagement."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from weasyprint import HTML

from treff.core.views import call_service
from treff.treffs.shortcuts import get_in_treff_or_404, get_treff_or_404

from . import selectors, services
from .forms import ShiftTemplateForm
from .models import HelpKind, Shift, ShiftSignup, ShiftTemplate, Volunteer
from .views import MANAGE, _own_profile


def shift_overview(request, slug):
    """The next four weeks: needed against filled, understaffed shifts flagged."""
    treff = get_treff_or_404(request, slug, MANAGE)
    shifts = list(selectors.upcoming_shifts(treff).prefetch_related("signups__volunteer"))
    return render(
        request,
        "volunteers/shift_overview.html",
        {
            "treff": treff,
            "shifts": shifts,
            "templates": ShiftTemplate.objects.filter(treff=treff),
            "understaffed": sum(1 for s in shifts if s.filled < s.template.min_volunteers),
        },
    )


@require_http_methods(["GET", "POST"])
def shift_template_edit(request, slug, pk=None):
    treff = get_treff_or_404(request, slug, MANAGE)
    template = (
        get_in_treff_or_404(ShiftTemplate.objects.filter(treff=treff), pk=pk)
        if pk
        else ShiftTemplate(treff=treff)
    )
    form = ShiftTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.shift_template_save,
            template=form.save(commit=False),
            treff=treff,
            user=request.user,
        )
        if saved:
            messages.success(request, _("The shifts have been laid out."))
            return redirect("volunteers:shifts", treff.slug)
    return render(
        request,
        "volunteers/shift_template_form.html",
        {"treff": treff, "form": form, "template": template},
    )


def my_shifts(request):
    volunteer = _own_profile(request)
    shifts = list(selectors.upcoming_shifts(volunteer.treff))
    mine = {
        signup.shift_id: signup
        for signup in ShiftSignup.objects.filter(
            volunteer=volunteer, cancelled_at__isnull=True, shift__in=[s.pk for s in shifts]
        )
    }
    return render(
        request,
        "volunteers/my_shifts.html",
        {"volunteer": volunteer, "rows": [(shift, mine.get(shift.pk)) for shift in shifts]},
    )


@require_POST
def shift_toggle(request, pk):
    volunteer = _own_profile(request)
    shift = get_in_treff_or_404(Shift.objects.filter(treff=volunteer.treff), pk=pk)
    try:
        signup = ShiftSignup.objects.filter(
            shift=shift, volunteer=volunteer, cancelled_at__isnull=True
        ).first()
        if signup:
            services.shift_cancel(signup=signup, user=request.user)
            messages.success(request, _("You have cancelled the shift."))
        else:
            services.shift_sign_up(shift=shift, volunteer=volunteer, user=request.user)
            messages.success(request, _("You are signed up. Thank you!"))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("volunteers:my_shifts")


def _certificate(request, volunteer: Volunteer, year: int) -> HttpResponse:
    if not 2000 <= year <= timezone.localdate().year:
        raise Http404
    months = selectors.hours_by_month(volunteer, year)
    html = render_to_string(
        "volunteers/certificate.html",
        {
            "volunteer": volunteer,
            "year": year,
            "months": [(dt.date(year, month, 1), minutes) for month, minutes in months.items()],
            "total": sum(months.values()),
            "kinds": [
                HelpKind(kind).label for kind in volunteer.help_kinds if kind in HelpKind.values
            ],
            "today": timezone.localdate(),
        },
        request=request,
    )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ehrenamtsnachweis-{year}.pdf"'
    return response


def my_certificate(request, year):
    return _certificate(request, _own_profile(request), year)


def volunteer_certificate(request, slug, pk, year):
    treff = get_treff_or_404(request, slug, MANAGE)
    volunteer = get_in_treff_or_404(Volunteer.objects.filter(treff=treff), pk=pk)
    return _certificate(request, volunteer, year)
