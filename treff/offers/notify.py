"""E-mails about booking requests, queued with the transaction (never for a rollback).

Mails go out in the installation's language (German by default); they name the offer, the
Treff and the decision, nothing about visitors.
"""

from treff.jobs.mail import queue_mail
from treff.treffs.models import Membership, Role


def _coordinator_addresses(treff_id: int) -> list[str]:
    return sorted(
        Membership.objects.filter(treff_id=treff_id, role=Role.COORDINATOR, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


def _send(template: str, context: dict, recipients: list[str], *, treff_id: int) -> None:
    queue_mail(f"offers/mail/{template}", context, recipients, treff_id=treff_id)


def booking_request_received(booking_request) -> None:
    _send(
        "request_received",
        {"booking_request": booking_request},
        _coordinator_addresses(booking_request.treff_id),
        treff_id=booking_request.treff_id,
    )


def booking_request_decided(booking_request) -> None:
    _send(
        "request_decided",
        {"booking_request": booking_request},
        [booking_request.requested_by.email, *_coordinator_addresses(booking_request.treff_id)],
        treff_id=booking_request.treff_id,
    )
