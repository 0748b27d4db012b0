"""Booking requests: a visiting service asks for regular dates, the coordinator decides."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from treff.core.params import int_param
from treff.core.views import call_service
from treff.treffs.access import roles_of
from treff.treffs.models import Membership, Role, Treff
from treff.treffs.shortcuts import get_in_treff_or_404, get_treff_or_404

from .. import selectors, services
from ..forms import AcceptForm, BookingRequestForm, DeclineForm
from ..models import BookingRequest


def booking_request_list(request):
    """Own requests (counsellors) and requests to decide (coordinators, carriers, city)."""
    if not request.user.has_perm("offers.list_bookingrequests"):
        raise PermissionDenied
    roles = roles_of(request.user)
    return render(
        request,
        "offers/booking_request_list.html",
        {
            "booking_requests": selectors.booking_requests_for(request.user),
            "counsellor_treffs": Treff.objects.filter(pk__in=roles.counsellor_of).order_by("name"),
        },
    )


@require_http_methods(["GET", "POST"])
def booking_request_create(request, slug):
    treff = get_treff_or_404(request, slug, "offers.add_bookingrequest")
    form = BookingRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        booking_request = form.save(commit=False)
        booking_request.provider = _service_of(request.user, treff)
        saved = call_service(
            form,
            services.booking_request_create,
            booking_request=booking_request,
            treff=treff,
            user=request.user,
        )
        if saved:
            messages.success(
                request,
                _("Your request has been sent to the coordinator of %(treff)s.") % {"treff": treff},
            )
            return redirect("offers:booking_request_list")
    return render(request, "offers/booking_request_form.html", {"treff": treff, "form": form})


def _service_of(user, treff):
    membership = (
        Membership.objects.filter(user=user, treff=treff, role=Role.COUNSELLOR)
        .select_related("organisation")
        .first()
    )
    if membership is None or membership.organisation is None:
        raise PermissionDenied
    return membership.organisation


@require_http_methods(["GET", "POST"])
def booking_request_detail(request, pk):
    booking_request = get_in_treff_or_404(
        BookingRequest.objects.select_related("treff", "provider", "requested_by", "series__room"),
        pk=pk,
    )
    if not request.user.has_perm("offers.view_bookingrequest", booking_request):
        raise PermissionDenied
    can_decide = request.user.has_perm("offers.decide_bookingrequest", booking_request)
    pending = booking_request.status == BookingRequest.Status.PENDING
    # Two forms on one page: prefixes keep their field names and ids apart.
    accept_form = AcceptForm(
        request.POST if request.POST.get("decision") == "accept" else None,
        booking_request=booking_request,
        prefix="accept",
    )
    decline_form = DeclineForm(
        request.POST if request.POST.get("decision") == "decline" else None, prefix="decline"
    )
    if request.method == "POST":
        response = _decide(request, booking_request, can_decide, accept_form, decline_form)
        if response:
            return response
    room = int_param(request, "room") or accept_form.fields["room"].initial
    conflicts = []
    chosen = accept_form.fields["room"].queryset.filter(pk=room).first() if room else None
    if can_decide and pending and chosen:
        conflicts = services.booking_request_conflicts(booking_request, chosen)
    return render(
        request,
        "offers/booking_request_detail.html",
        {
            "booking_request": booking_request,
            "can_decide": can_decide and pending,
            "can_withdraw": pending
            and request.user.has_perm("offers.withdraw_bookingrequest", booking_request),
            "accept_form": accept_form,
            "decline_form": decline_form,
            "chosen_room": chosen,
            "conflicts": conflicts,
        },
    )


def _decide(request, booking_request, can_decide, accept_form, decline_form):
    decision = request.POST.get("decision")
    if decision == "withdraw":
        if not request.user.has_perm("offers.withdraw_bookingrequest", booking_request):
            raise PermissionDenied
        try:
            services.booking_request_withdraw(booking_request=booking_request, user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("offers:booking_request_detail", booking_request.pk)
        messages.success(request, _("Your request has been withdrawn."))
        return redirect("offers:booking_request_list")
    if not can_decide:
        raise PermissionDenied
    if decision == "accept" and accept_form.is_valid():
        accepted = call_service(
            accept_form,
            services.booking_request_accept,
            booking_request=booking_request,
            room=accept_form.cleaned_data["room"],
            message=accept_form.cleaned_data["reason"],
            user=request.user,
        )
        if accepted:
            messages.success(
                request, _("The request has been accepted; the dates are in the plan.")
            )
            return redirect("offers:booking_request_detail", booking_request.pk)
    if decision == "decline" and decline_form.is_valid():
        declined = call_service(
            decline_form,
            services.booking_request_decline,
            booking_request=booking_request,
            reason=decline_form.cleaned_data["reason"],
            user=request.user,
        )
        if declined:
            messages.success(request, _("The request has been declined."))
            return redirect("offers:booking_request_detail", booking_request.pk)
    return None
