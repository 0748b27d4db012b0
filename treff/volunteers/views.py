"""Volunteers, help requests and matching for coordinators; self-service for volunteers;
the public help form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from treff.audit.services import record_read
from treff.core.views import call_service
from treff.core.weekly import formset_rows
from treff.partners import selectors as partner_selectors
from treff.treffs.shortcuts import get_in_treff_or_404, get_treff_or_404

from . import matching, selectors, services
from .forms import (
    AvailabilityFormSet,
    CloseForm,
    DoneHelpRequestForm,
    HelpRequestForm,
    ProfileForm,
    QualificationForm,
    SeekerForm,
    VolunteerForm,
)
from .models import HelpRequest, Volunteer

MANAGE = "volunteers.manage"


def volunteer_list(request, slug):
    treff = get_treff_or_404(request, slug, MANAGE)
    today = timezone.localdate()
    minutes = selectors.hours_per_volunteer(treff, today.year)
    # (volunteer, minutes, has a certificate): only a year with engagement has one.
    volunteers = [
        (volunteer, minutes.get(volunteer.pk, 0), volunteer.pk in minutes)
        # Anonymised by the deletion concept (services_retention): kept for the reports only.
        for volunteer in Volunteer.objects.filter(treff=treff, anonymised_on__isnull=True)
    ]
    return render(
        request,
        "volunteers/volunteer_list.html",
        {
            "treff": treff,
            "volunteers": volunteers,
            "today": today,
            "total_minutes": sum(minutes.values()),
            # Applicants are not volunteers yet: they wait on their own list.
            "applications": selectors.application_counts([treff.pk]).get(treff.pk, 0),
        },
    )


@require_http_methods(["GET", "POST"])
def volunteer_edit(request, slug, pk=None):
    treff = get_treff_or_404(request, slug, MANAGE)
    volunteer = (
        get_in_treff_or_404(Volunteer.objects.filter(treff=treff), pk=pk)
        if pk
        else Volunteer(treff=treff)
    )
    form = VolunteerForm(request.POST or None, instance=volunteer)
    formset = AvailabilityFormSet(request.POST or None, instance=volunteer, prefix="times")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        saved = call_service(
            form,
            services.volunteer_save,
            volunteer=form.save(commit=False),
            availability=formset_rows(formset),
            treff=treff,
            user=request.user,
        )
        if saved:
            messages.success(
                request, _("The volunteer “%(name)s” has been saved.") % {"name": saved}
            )
            return redirect("volunteers:list", treff.slug)
    return volunteer_page(request, treff, volunteer, form=form, formset=formset)


def volunteer_page(request, treff, volunteer, *, form, formset, qualification_form=None):
    """The coordinator's page of a volunteer: the profile form, then their qualifications."""
    return render(
        request,
        "volunteers/volunteer_form.html",
        {
            "treff": treff,
            "form": form,
            "formset": formset,
            "volunteer": volunteer,
            "qualifications": selectors.qualifications_of(volunteer) if volunteer.pk else [],
            "qualification_form": qualification_form or QualificationForm(),
            "today": timezone.localdate(),
        },
    )


def _own_profile(request) -> Volunteer:
    profile = Volunteer.objects.filter(user=request.user).select_related("treff").first()
    if profile is None:
        raise Http404
    return profile


@require_http_methods(["GET", "POST"])
def my_profile(request):
    """A volunteer's own page: profile, availability and assignments."""
    volunteer = _own_profile(request)
    if not request.user.has_perm("volunteers.edit_own_profile", volunteer):
        raise PermissionDenied
    form = ProfileForm(request.POST or None, instance=volunteer)
    formset = AvailabilityFormSet(request.POST or None, instance=volunteer, prefix="times")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        saved = call_service(
            form,
            services.volunteer_save,
            volunteer=form.save(commit=False),
            availability=formset_rows(formset),
            user=request.user,
        )
        if saved:
            messages.success(request, _("Your profile has been saved."))
            return redirect("volunteers:me")
    assignments = volunteer.assignments.exclude(
        status__in=[HelpRequest.Status.CANCELLED, HelpRequest.Status.NO_MATCH]
    ).select_related("seeker")
    year = timezone.localdate().year
    return render(
        request,
        "volunteers/my_profile.html",
        {
            "volunteer": volunteer,
            "form": form,
            "formset": formset,
            "assignments": assignments,
            "year": year,
            # This year's certificate, and last year's (asked for in January); only years
            # with engagement have one.
            "certificate_years": selectors.engagement_years(volunteer, [year, year - 1]),
        },
    )


@require_POST
def answer(request, pk):
    help_request = get_in_treff_or_404(HelpRequest.objects.select_related("volunteer"), pk=pk)
    if not request.user.has_perm("volunteers.answer_request", help_request):
        raise Http404  # not yours: the same answer as for a request that does not exist
    try:
        services.help_request_answer(
            help_request=help_request,
            accept=request.POST.get("answer") == "accept",
            user=request.user,
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Thank you, your answer has been passed on."))
    return redirect("volunteers:me")


def help_list(request, slug):
    treff = get_treff_or_404(request, slug, MANAGE)
    # Requests of an anonymised seeker (services_retention) stay for the reports only.
    requests = HelpRequest.objects.filter(
        treff=treff, seeker__anonymised_on__isnull=True
    ).select_related("seeker", "volunteer")
    now = timezone.now()
    rows = [(r, matching.overdue_reason(r, now)) for r in requests]
    return render(
        request,
        "volunteers/help_list.html",
        {
            "treff": treff,
            "requests": rows,
            "any_overdue": any(reason for _r, reason in rows),
            "overdue_rules": matching.overdue_rules(),
        },
    )


@require_http_methods(["GET", "POST"])
def help_intake(request, slug):
    treff = get_treff_or_404(request, slug, MANAGE)
    seeker_form = SeekerForm(request.POST or None, prefix="seeker")
    request_form = HelpRequestForm(request.POST or None, prefix="request")
    if request.method == "POST" and seeker_form.is_valid() and request_form.is_valid():
        saved = call_service(
            request_form,
            services.help_request_intake,
            seeker=seeker_form.save(commit=False),
            help_request=request_form.save(commit=False),
            consent=seeker_form.cleaned_data["consent"],
            treff=treff,
            user=request.user,
        )
        if saved:
            messages.success(request, _("The request has been taken."))
            return redirect("volunteers:help_detail", treff.slug, saved.pk)
    return render(
        request,
        "volunteers/help_intake.html",
        {"treff": treff, "seeker_form": seeker_form, "request_form": request_form},
    )


@require_http_methods(["GET", "POST"])
def help_detail(request, slug, pk):
    treff = get_treff_or_404(request, slug, MANAGE)
    help_request = get_in_treff_or_404(
        HelpRequest.objects.filter(treff=treff).select_related("seeker", "volunteer"), pk=pk
    )
    today = timezone.localdate()
    agreed_ahead = help_request.date if help_request.date and help_request.date > today else None
    close_form = CloseForm(
        initial={"helped_on": services.default_help_day(help_request, today=today)},
        agreed_ahead=agreed_ahead,
    )
    if request.method == "POST":
        if request.POST.get("action") == "done":
            close_form = CloseForm(request.POST, agreed_ahead=agreed_ahead)
            closed = close_form.is_valid() and call_service(
                close_form,
                services.help_request_close,
                help_request=help_request,
                status=HelpRequest.Status.DONE,
                minutes=close_form.cleaned_data["minutes_spent"],
                helped_on=close_form.cleaned_data["helped_on"],
                user=request.user,
            )
            if closed:
                messages.success(request, _("The request has been updated."))
                if closed.given_on_another_day():
                    messages.warning(request, _other_day_message(closed))
                return redirect("volunteers:help_detail", treff.slug, help_request.pk)
        else:
            _act(request, treff, help_request)
            return redirect("volunteers:help_detail", treff.slug, help_request.pk)
    # The page shows the help seeker's contact (and address, to those who may see it).
    if help_request.seeker_id:
        record_read(request, help_request.seeker)
    ranked, refusal = matching.ranked_candidates(help_request, today=today)
    return render(
        request,
        "volunteers/help_detail.html",
        {
            "treff": treff,
            "help_request": help_request,
            "candidates": ranked,
            "refusal": refusal,
            "overdue": matching.overdue_reason(help_request, timezone.now()),
            "partners": partner_selectors.referral_choices(),
            "close_form": close_form,
            "show_address": request.user.has_perm("volunteers.see_seeker_address", treff),
            "may_correct": request.user.has_perm("volunteers.correct_request", treff),
            "changes": help_request.changes.select_related("changed_by"),
        },
    )


@require_http_methods(["GET", "POST"])
def help_edit(request, slug, pk):
    """The coordinator corrects a request and its seeker; the change is kept (fields only)."""
    treff = get_treff_or_404(request, slug, MANAGE)
    help_request = get_in_treff_or_404(
        HelpRequest.objects.filter(treff=treff).select_related("seeker"), pk=pk
    )
    if not request.user.has_perm("volunteers.correct_request", treff):
        raise PermissionDenied
    form_class = (
        DoneHelpRequestForm if help_request.status == HelpRequest.Status.DONE else HelpRequestForm
    )
    seeker_form = SeekerForm(request.POST or None, instance=help_request.seeker, prefix="seeker")
    request_form = form_class(request.POST or None, instance=help_request, prefix="request")
    if request.method == "POST" and seeker_form.is_valid() and request_form.is_valid():
        changed = call_service(
            request_form,
            services.help_request_correct,
            help_request=request_form.save(commit=False),
            seeker=seeker_form.save(commit=False),
            consent=seeker_form.cleaned_data["consent"],
            user=request.user,
        )
        if changed is not None:
            messages.success(
                request,
                _("The request has been corrected.") if changed else _("Nothing has changed."),
            )
            return redirect("volunteers:help_detail", treff.slug, help_request.pk)
    return render(
        request,
        "volunteers/help_edit.html",
        {
            "treff": treff,
            "help_request": help_request,
            "seeker_form": seeker_form,
            "request_form": request_form,
        },
    )


def _other_day_message(help_request: HelpRequest) -> str:
    """A request closed as done on another day than agreed (before it, e.g. "today" for a
    day still ahead): taken, but said, not refused (see services.help_request_close), so a
    request closed by mistake is noticed at once."""
    return _(
        "The help was given on %(given)s, not on the agreed day %(agreed)s; its hours count "
        "on %(given)s. If that is wrong, correct the day under “Correct the request”."
    ) % {
        "given": formats.date_format(help_request.helped_on, "SHORT_DATE_FORMAT"),
        "agreed": formats.date_format(help_request.date, "SHORT_DATE_FORMAT"),
    }


def _act(request, treff, help_request):
    action = request.POST.get("action")
    try:
        if action == "propose":
            volunteer = get_in_treff_or_404(
                Volunteer.objects.filter(treff=treff), pk=request.POST.get("volunteer", "")
            )
            services.help_request_propose(
                help_request=help_request, volunteer=volunteer, user=request.user
            )
            messages.success(request, _("The volunteer has been asked."))
        elif action == "refer":
            partner_id = request.POST.get("partner", "")
            partner = (
                get_in_treff_or_404(partner_selectors.referral_choices(), pk=partner_id)
                if partner_id
                else None
            )
            services.help_request_refer(
                help_request=help_request, partner=partner, user=request.user
            )
            messages.success(request, _("The referral has been noted."))
        elif action in ("cancelled", "no_match"):
            services.help_request_close(help_request=help_request, status=action, user=request.user)
            messages.success(request, _("The request has been updated."))
        else:
            raise Http404
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)


@require_http_methods(["GET", "POST"])
def assign_all(request, slug):
    """An optimal assignment of all open requests, for the coordinator to confirm."""
    treff = get_treff_or_404(request, slug, MANAGE)
    if request.method == "POST":
        pairs = []
        for pair in request.POST.getlist("pair"):
            request_id, _sep, volunteer_id = pair.partition(":")
            pairs.append(
                (
                    get_in_treff_or_404(HelpRequest.objects.filter(treff=treff), pk=request_id),
                    get_in_treff_or_404(Volunteer.objects.filter(treff=treff), pk=volunteer_id),
                )
            )
        asked, refused = services.help_requests_propose_all(
            treff=treff, pairs=pairs, user=request.user
        )
        for message in refused:
            messages.error(request, message)
        messages.success(
            request,
            ngettext(
                "%(count)d volunteer has been asked.",
                "%(count)d volunteers have been asked.",
                asked,
            )
            % {"count": asked},
        )
        return redirect("volunteers:help_list", treff.slug)
    proposal = matching.assign_all(treff, today=timezone.localdate())
    return render(request, "volunteers/assign_all.html", {"treff": treff, "proposal": proposal})
