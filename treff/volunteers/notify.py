"""E-mails about help requests, sent after commit. A volunteer's mail names the kind of help
and when; the seeker's contact details are in Treff, behind the volunteer's login."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from treff.treffs.models import Membership, Role


def _send(template: str, context: dict, recipients: list[str]) -> None:
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return

    def send():
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string(f"volunteers/mail/{template}_subject.txt", context).strip()
            body = render_to_string(f"volunteers/mail/{template}.txt", context)
        send_mail(subject, body, None, recipients)

    transaction.on_commit(send)


def request_proposed(request) -> None:
    volunteer = request.volunteer
    address = volunteer.email or (volunteer.user.email if volunteer.user_id else "")
    _send("proposed", {"request": request, "volunteer": volunteer}, [address])


def request_answered(request, *, accepted: bool) -> None:
    coordinators = Membership.objects.filter(
        treff_id=request.treff_id, role=Role.COORDINATOR, user__is_active=True
    ).values_list("user__email", flat=True)
    _send("answered", {"request": request, "accepted": accepted}, list(coordinators))
