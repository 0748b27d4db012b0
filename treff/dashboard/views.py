import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from treff.core.limits import per_account
from treff.counselling import selectors as counselling
from treff.funding import selectors_dashboard as funding
from treff.jobs import files
from treff.jobs import selectors as jobs_selectors
from treff.offers import selectors as offer_selectors
from treff.offers.models import BookingRequest
from treff.operations import selectors as operations
from treff.public import selectors_ideas as idea_selectors
from treff.quality import selectors as quality
from treff.treffs import selectors as treff_selectors
from treff.treffs.access import roles_of
from treff.treffs.models import Role, Room
from treff.volunteers import selectors as volunteer_selectors

from .figures import figures_treffs, year_figures

FOLLOW_UPS = 20  # the dashboard lists the oldest; the contact list has the rest
# Counsellors see their office hours and follow-ups this far ahead (four weeks: one month's
# planning horizon of a visiting service).
AHEAD = dt.timedelta(days=28)
OFFICE_HOURS = 12


def home(request):
    """One page per person: a section for each of their roles, showing what it may see."""
    if not request.user.has_perm("dashboard.view"):
        raise PermissionDenied
    roles = roles_of(request.user)
    treffs = list(treff_selectors.treff_list())
    context = {
        "user_roles": roles,
        "roles": [Role(role) for role in Role.values if role in roles.roles],
        "treffs": treffs,
        "is_city_staff": roles.city_staff,
        "is_committee": roles.committee,
        "carrier_treffs": [t for t in treffs if t.pk in roles.carrier_treff_ids],
        "coordinated_treffs": [t for t in treffs if t.pk in roles.coordinator_of],
        "counselling_treffs": [t for t in treffs if t.pk in roles.counsellor_of],
        "volunteer_treffs": [t for t in treffs if t.pk in roles.volunteer_of],
        "can_add_treff": request.user.has_perm("treffs.add_treff"),
        "can_list_rooms": request.user.has_perm("treffs.list_rooms"),
    }
    if roles.counsellor_of:
        until = timezone.localtime() + AHEAD
        context["office_hours"] = list(
            offer_selectors.office_hours_of(
                request.user, treff_ids=roles.counsellor_of, until=until
            )[:OFFICE_HOURS]
        )
        context["counselling_rooms"] = treff_selectors.room_list(
            kind=Room.Kind.VISITING_COUNSELLING
        ).filter(treff_id__in=roles.counsellor_of)
    managed = roles.coordinator_of | roles.carrier_treff_ids
    if managed or roles.city_staff:
        context["open_requests"] = list(
            offer_selectors.booking_requests_for(request.user).filter(
                status=BookingRequest.Status.PENDING
            )
        )
    if roles.counsellor_of:
        context["my_requests"] = list(
            offer_selectors.booking_requests_for(request.user).filter(requested_by=request.user)[:5]
        )
    if roles.city_staff:
        context["plans_to_decide"] = list(offer_selectors.plans_to_decide())
    today = timezone.localdate()
    context["today"] = today
    if roles.city_staff:
        # Funding (§5): plans and proofs of use submitted to the city.
        context["funding_waiting"] = funding.waiting_for_city()
    elif roles.carrier_ids:
        # Returned plans and proofs, and a non-profit notice that runs out (§4).
        context["funding_waiting"] = funding.waiting_for_carrier(
            request.user, roles.carrier_treff_ids, today=today
        )
    if roles.coordinator_of:
        # The coordinator's day at a glance: what happens today and how many came, the lunch
        # table, help requests waiting for a volunteer.
        help_counts = volunteer_selectors.open_help_counts(roles.coordinator_of)
        context["coordinated_days"] = [
            (treff, operations.day_summary(treff, today), help_counts.get(treff.pk, 0))
            for treff in context["coordinated_treffs"]
        ]
        # What came through the public website and waits for the coordinator.
        applications = volunteer_selectors.application_counts(roles.coordinator_of)
        ideas = idea_selectors.new_counts(roles.coordinator_of)
        context["public_inbox"] = [
            (treff, applications.get(treff.pk, 0), ideas.get(treff.pk, 0))
            for treff in context["coordinated_treffs"]
        ]
    if roles.coordinator_of or roles.counsellor_of:
        # Overdue and upcoming, with their topics: what the next conversation is about.
        context["follow_ups"] = list(
            counselling.follow_ups_due(request.user, today + AHEAD).prefetch_related("topic_rows")[
                :FOLLOW_UPS
            ]
        )
    if roles.coordinator_of:
        context["clearances_due"] = volunteer_selectors.clearances_due(
            roles.coordinator_of, today=today
        )
        context["mail_failures"] = jobs_selectors.mail_failures(roles.coordinator_of)
    if roles.member_of or roles.carrier_ids or roles.city_staff:
        # Action items of quality development (§6) this person owns, overdue ones flagged.
        context["my_action_items"] = quality.open_action_items_of(request.user)
    if roles.volunteer_of:
        context["volunteer_profile"] = volunteer_selectors.own_profile(request.user)
    if roles.committee:
        # Aggregates only: committee members read figures, never names or room details.
        context["totals"] = {
            "treffs": len(treffs),
            "rooms": sum(t.room_count for t in treffs),
            "barrier_free_rooms": sum(t.barrier_free_room_count for t in treffs),
            "capacity": treff_selectors.total_capacity(),
        }
    return render(request, "dashboard/home.html", context)


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2020, max_value=2100)


def figures(request):
    """The year in figures for those who oversee Treffs: counts per Treff and month."""
    if not request.user.has_perm("dashboard.view_figures"):
        raise PermissionDenied
    today = timezone.localdate()
    form = YearForm(request.GET or {"year": today.year})
    year = form.cleaned_data["year"] if form.is_valid() else today.year
    treffs = figures_treffs(request.user)
    return render(
        request,
        "dashboard/figures.html",
        {
            "form": form,
            "year": year,
            "tables": year_figures(treffs, year),
            # The figures stop at today: the page says so while the year is still running.
            "until": today if year == today.year else None,
        },
    )


@require_POST
@per_account("export", ("POST",))
def figures_export(request):
    """The year in figures as an Excel workbook, made by a worker (jobs.files)."""
    if not request.user.has_perm("dashboard.view_figures"):
        raise PermissionDenied
    form = YearForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["year"]))
        return redirect("dashboard:figures")
    year = form.cleaned_data["year"]
    try:
        generated = files.file_request(
            user=request.user,
            kind="figures_xlsx",
            params={"year": year, "language": translation.get_language()},
            filename=f"treff-figures-{year}.xlsx",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{reverse('dashboard:figures')}?year={year}")
    return redirect("jobs:file", generated.pk)
