"""The one way Treff sends e-mail: rendered now, sent by a worker, retried, never lost silently.

Every mail is rendered from `<template>_subject.txt` and `<template>.txt` in the recipient's
language when one is known, else the installation's (settings.LANGUAGE_CODE; German by
default) — no user stores a preferred language yet. Mails name offers, shifts and kinds of
help, never a visitor's details (STYLE.md).

`queue_mail` renders the text at once (the objects as they are in this transaction) and queues
`send_mail` with the transaction (treff.core.tasks.enqueue), so a booking is saved whether or
not the mail server answers, and a rolled-back change sends nothing. `send_mail` tries
MAIL_ATTEMPTS times with growing pauses (1, 2, 4, 8 minutes); after the last it records a
MailFailure, which the Treff's coordinators see on their dashboard. Log lines name the
template or task and the number of recipients, never an address.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail as django_send_mail
from django.template.loader import render_to_string
from django.utils import translation

from treff.core.tasks import enqueue, retry_later, task

from .models import MailFailure
from .tasks import treff_task

logger = logging.getLogger("treff.mail")

MAIL_ATTEMPTS = 5


def render(template: str, context: dict, *, language: str | None = None) -> tuple[str, str]:
    """(subject, body) of `template`, a path without suffix ("offers/mail/request_received")."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    return subject, body


def queue_mail(
    template: str,
    context: dict,
    recipients: Iterable[str],
    *,
    treff_id: int,
    language: str | None = None,
) -> int:
    """Queue one mail to `recipients` (empty addresses dropped, each once, in the order given)
    with the current transaction; returns how many addresses it will go to (0: nothing queued).

    `treff_id` is the Treff the mail is about: its coordinators hear of a mail that could not
    be sent. The addresses and the text are taken now, so a later change in the same
    transaction does not redirect the mail.
    """
    addresses = list(dict.fromkeys(address for address in recipients if address))
    if not addresses:
        return 0
    subject, body = render(template, context, language=language)
    logger.info("mail queued: template=%s recipients=%d", template, len(addresses))
    enqueue(send_mail, treff_id, subject, body, addresses)
    return len(addresses)


@task
@treff_task
def send_mail(treff_id: int, subject: str, body: str, recipients: list[str], attempt: int = 1):
    """Send one mail; on a failure try again later, after the last try record a MailFailure.

    Returns "sent", "retrying" or "failed" (the task result a worker stores).
    """
    try:
        django_send_mail(subject, body, None, recipients, fail_silently=False)
    except Exception as error:  # any failure of the mail server is retried
        if attempt < MAIL_ATTEMPTS:
            logger.warning(
                "mail not sent, retrying: treff=%s attempt=%d error=%s",
                treff_id,
                attempt,
                type(error).__name__,
            )
            retry_later(send_mail, attempt, treff_id, subject, body, recipients)
            return "retrying"
        MailFailure.objects.create(
            treff_id=treff_id, subject=subject[:300], recipients=recipients, attempts=attempt
        )
        logger.error(
            "mail failed after %d attempts: treff=%s recipients=%d error=%s",
            attempt,
            treff_id,
            len(recipients),
            type(error).__name__,
        )
        return "failed"
    logger.info("mail sent: treff=%s recipients=%d attempt=%d", treff_id, len(recipients), attempt)
    return "sent"
