"""Booking requests from visiting services: create, show conflicts, accept, decline, withdraw.

Split from services.py, which re-exports these functions. Accepting a request creates the
offer (if new) and the series through the same checks as every other series write.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone as django_timezone
from django.utils.translation import gettext as _

from treff.treffs.models import Treff

from . import notify, planning
from .models import BookingRequest, Offer, Series
from .writes import conflicts

logger = logging.getLogger("treff.offers.services")


@transaction.atomic
def booking_request_create(*, booking_request, treff: Treff, user):
    booking_request.treff = treff
    booking_request.requested_by = user
    booking_request.full_clean()
    booking_request.save()
    notify.booking_request_received(booking_request)
    logger.info("booking request created: request=%s by user=%s", booking_request.pk, user.pk)
    return booking_request


def booking_request_conflicts(booking_request, room) -> list[str]:
    """What the requested slot would collide with in `room`, for the coordinator's decision."""
    series = _series_from_request(booking_request, room)
    return conflicts(series, planning.expand(series, changes=[]))


@transaction.atomic
def booking_request_accept(*, booking_request, room, user, message: str = ""):
    """Create the offer (if new) and the series; refused with the conflicts if any.

    The series is written by services.series_save, so an accepted request passes exactly the
    checks of a series a coordinator enters (rule, dates, room, conflicts); a refusal there
    rolls back the new offer too.
    """
    # Imported here: services.py re-exports this module's functions.
    from .services import series_save

    if booking_request.status != BookingRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if room is None:
        raise ValidationError({"room": _("Choose a room.")})
    series = _series_from_request(booking_request, room)
    if series.offer.pk is None:
        series.offer.full_clean()
        series.offer.save()
    series.offer_id = series.offer.pk
    series = series_save(series=series, user=user)
    booking_request.status = BookingRequest.Status.ACCEPTED
    booking_request.series = series
    booking_request.decision_reason = message
    booking_request.decided_by = user
    booking_request.decided_at = django_timezone.now()
    booking_request.full_clean()
    booking_request.save()
    notify.booking_request_decided(booking_request)
    logger.info("booking request accepted: request=%s by user=%s", booking_request.pk, user.pk)
    return series


@transaction.atomic
def booking_request_decline(*, booking_request, reason: str, user):
    """Decline with a reason (the requester is told why); ValidationError on "reason" without."""
    if booking_request.status != BookingRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if not (reason or "").strip():
        # The decline form requires it with Django's own message; the same here.
        raise ValidationError({"reason": _("This field is required.")})
    booking_request.status = BookingRequest.Status.DECLINED
    booking_request.decision_reason = reason
    booking_request.decided_by = user
    booking_request.decided_at = django_timezone.now()
    booking_request.full_clean()
    booking_request.save()
    notify.booking_request_decided(booking_request)
    logger.info("booking request declined: request=%s by user=%s", booking_request.pk, user.pk)
    return booking_request


@transaction.atomic
def booking_request_withdraw(*, booking_request, user):
    if booking_request.status != BookingRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    booking_request.status = BookingRequest.Status.WITHDRAWN
    booking_request.save()
    logger.info("booking request withdrawn: request=%s by user=%s", booking_request.pk, user.pk)
    return booking_request


def _series_from_request(booking_request, room) -> Series:
    offer = Offer.objects.filter(
        treff_id=booking_request.treff_id, title=booking_request.title
    ).first() or Offer(
        treff_id=booking_request.treff_id,
        title=booking_request.title,
        category=booking_request.category,
        provider=booking_request.provider,
        public=True,
    )
    fields = {
        name: getattr(booking_request, name)
        for name in (
            "kind",
            "starts_on",
            "ends_on",
            "interval",
            "weekdays",
            "nth",
            "month_day",
            "start_time",
            "end_time",
        )
    }
    return Series(
        treff_id=booking_request.treff_id,
        offer=offer,
        room=room,
        responsible=booking_request.requested_by,
        **fields,
    )
