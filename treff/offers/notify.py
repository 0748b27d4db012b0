"""E-mails about booking requests, sent after the transaction commits (never for a rollback).

Mails go out in the installation's language (German by default); they name the offer, the
Treff and the decision, nothing about visitors.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from treff.treffs.models import Membership, Role


def _coordinator_addresses(treff_id: int) -> list[str]:
    return sorted(
        Membership.objects.filter(treff_id=treff_id, role=Role.COORDINATOR, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


def _send(template: str, context: dict, recipients: list[str]) -> None:
    recipients = [address for address in recipients if address]
    if not recipients:
        return

    def send():
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string(f"offers/mail/{template}_subject.txt", context).strip()
            body = render_to_string(f"offers/mail/{template}.txt", context)
        send_mail(subject, body, None, recipients, fail_silently=False)

    transaction.on_commit(send)


def booking_request_received(booking_request) -> None:
    _send(
        "request_received",
        {"request": booking_request},
        _coordinator_addresses(booking_request.treff_id),
    )


def booking_request_decided(booking_request) -> None:
    _send(
        "request_decided",
        {"request": booking_request},
        [booking_request.requested_by.email, *_coordinator_addresses(booking_request.treff_id)],
    )
