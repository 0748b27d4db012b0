"""Shifts for Treff services, "my shifts", qualifications, and the certificate of engagement."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST
from weasyprint import HTML

from treff.core.limits import per_account
from treff.core.params import year_from_path
from treff.core.views import call_service
from treff.treffs.shortcuts import get_in_treff_or_404, get_treff_or_404

from . import selectors, services_shifts
from .forms import (
    AvailabilityFormSet,
    QualificationForm,
    ShiftAssignForm,
    ShiftTemplateForm,
    VolunteerForm,
)
from .models import HelpKind, Shift, ShiftSignup, ShiftTemplate, Volunteer, VolunteerQualification
from .views import MANAGE, _own_profile, volunteer_page


def shift_overview(request, slug):
    """The next four weeks: needed against filled; too few and too many flagged."""
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
            "overstaffed": sum(1 for s in shifts if s.filled > s.template.max_volunteers),
        },
    )


@require_http_methods(["GET", "POST"])
def shift_detail(request, slug, pk):
    """One shift for the coordinator: who is on it; put a volunteer on it or take them off."""
    treff = get_treff_or_404(request, slug, MANAGE)
    shift = get_in_treff_or_404(Shift.objects.filter(treff=treff).select_related("template"), pk=pk)
    form = ShiftAssignForm(
        request.POST if request.POST.get("action") == "assign" else None, treff=treff
    )
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            signup = get_in_treff_or_404(
                ShiftSignup.objects.filter(shift=shift, cancelled_at__isnull=True),
                pk=request.POST.get("signup", ""),
            )
            try:
                services_shifts.shift_remove(signup=signup, user=request.user)
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(
                    request,
                    _("%(name)s has been taken off the shift and told.")
                    % {"name": signup.volunteer},
                )
            return redirect("volunteers:shift_detail", treff.slug, shift.pk)
        if form.is_valid() and call_service(
            form,
            services_shifts.shift_assign,
            shift=shift,
            volunteer=form.cleaned_data["volunteer"],
            user=request.user,
        ):
            messages.success(
                request,
                _("%(name)s has been put on the shift and told.")
                % {"name": form.cleaned_data["volunteer"]},
            )
            return redirect("volunteers:shift_detail", treff.slug, shift.pk)
    signups = shift.signups.filter(cancelled_at__isnull=True).select_related("volunteer")
    return render(
        request,
        "volunteers/shift_detail.html",
        {
            "treff": treff,
            "shift": shift,
            "signups": signups,
            "filled": len(signups),
            "form": form,
            "over": shift.date < timezone.localdate(),
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
            services_shifts.shift_template_save,
            template=form.save(commit=False),
            treff=treff,
            user=request.user,
        )
        if saved:
            if pk:
                # An edit (often a changed maximum): say it was saved, not "laid out".
                messages.success(
                    request,
                    _("“%(title)s” has been saved; its shifts follow the changes.")
                    % {"title": saved.title},
                )
            else:
                messages.success(request, _("The shifts have been laid out."))
            _warn_overstaffed(request, saved)
            return redirect("volunteers:shifts", treff.slug)
    return render(
        request,
        "volunteers/shift_template_form.html",
        {"treff": treff, "form": form, "template": template},
    )


def _warn_overstaffed(request, template) -> None:
    """After a lower maximum: name the shifts that now have more volunteers than allowed."""
    shifts = selectors.overstaffed_shifts(template)
    if not shifts:
        return
    messages.warning(
        request,
        ngettext(
            "%(count)d shift has more volunteers than the new maximum of %(max)d: %(dates)s. "
            "Nobody has been taken off; do so on the shift's page if needed.",
            "%(count)d shifts have more volunteers than the new maximum of %(max)d: %(dates)s. "
            "Nobody has been taken off; do so on the shift's page if needed.",
            len(shifts),
        )
        % {
            "count": len(shifts),
            "max": template.max_volunteers,
            "dates": ", ".join(
                f"{formats.date_format(s.date, 'SHORT_DATE_FORMAT')} ({s.filled})" for s in shifts
            ),
        },
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
        {
            "volunteer": volunteer,
            "rows": [(shift, mine.get(shift.pk)) for shift in shifts],
            "changes": selectors.coordination_changes(volunteer),
            "qualifications": selectors.qualifications_of(volunteer),
            "today": timezone.localdate(),
        },
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
            services_shifts.shift_cancel(signup=signup, user=request.user)
            messages.success(request, _("You have cancelled the shift."))
        else:
            services_shifts.shift_sign_up(shift=shift, volunteer=volunteer, user=request.user)
            messages.success(request, _("You are signed up. Thank you!"))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("volunteers:my_shifts")


def certificate_context(volunteer: Volunteer, year: int) -> dict:
    """What the certificate says: minutes per month of `year` and their sum (formatted once),
    and the kinds of help actually given that year (selectors.kinds_given), not those the
    profile offers. `engaged` is False for a year without finished help or an attended
    shift: the PDF then says plainly that nothing was recorded, and thanks nobody."""
    months = selectors.hours_by_month(volunteer, year)
    return {
        "volunteer": volunteer,
        "year": year,
        "months": [(dt.date(year, month, 1), minutes) for month, minutes in months.items()],
        "total": sum(months.values()),
        "kinds": [HelpKind(kind).label for kind in selectors.kinds_given(volunteer, year)],
        "engaged": bool(months),
        "today": timezone.localdate(),
    }


def _certificate(request, volunteer: Volunteer, raw_year) -> HttpResponse:
    year = year_from_path(raw_year)
    if year > timezone.localdate().year:
        raise Http404  # no certificate for a year that has not begun
    html = render_to_string(
        "volunteers/certificate.html", certificate_context(volunteer, year), request=request
    )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ehrenamtsnachweis-{year}.pdf"'
    return response


@per_account("pdf")
def my_certificate(request, year):
    return _certificate(request, _own_profile(request), year)


@per_account("pdf")
def volunteer_certificate(request, slug, pk, year):
    treff = get_treff_or_404(request, slug, MANAGE)
    volunteer = get_in_treff_or_404(Volunteer.objects.filter(treff=treff), pk=pk)
    return _certificate(request, volunteer, year)


# Qualifications on the volunteer's page ------------------------------------------------------


@require_POST
def qualification_add(request, slug, pk):
    """Record a qualification (or its renewal) of a volunteer: kind and dates only."""
    treff = get_treff_or_404(request, slug, MANAGE)
    volunteer = get_in_treff_or_404(Volunteer.objects.filter(treff=treff), pk=pk)
    form = QualificationForm(request.POST)
    if form.is_valid() and call_service(
        form,
        services_shifts.qualification_record,
        volunteer=volunteer,
        user=request.user,
        **form.cleaned_data,
    ):
        messages.success(request, _("The qualification has been recorded."))
        return redirect("volunteers:edit", treff.slug, volunteer.pk)
    return volunteer_page(
        request,
        treff,
        volunteer,
        form=VolunteerForm(instance=volunteer),
        formset=AvailabilityFormSet(instance=volunteer, prefix="times"),
        qualification_form=form,
    )


@require_POST
def qualification_remove(request, slug, pk, qualification):
    treff = get_treff_or_404(request, slug, MANAGE)
    held = get_in_treff_or_404(
        VolunteerQualification.objects.filter(volunteer__treff=treff, volunteer_id=pk),
        pk=qualification,
    )
    services_shifts.qualification_remove(qualification=held, user=request.user)
    messages.success(request, _("The qualification has been removed."))
    return redirect("volunteers:edit", treff.slug, pk)
