"""The one way Treff sends e-mail: plain text from two templates, after the transaction commits.

Every mail is rendered from `<template>_subject.txt` and `<template>.txt` in the recipient's
language when one is known, else the installation's (settings.LANGUAGE_CODE; German by
default) — no user stores a preferred language yet. Mails name offers, shifts and kinds of
help, never a visitor's details (STYLE.md). The log line names the template and the number of
recipients, never an address.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger("treff.mail")


def send_now(
    template: str, context: dict, recipients: Iterable[str], *, language: str | None = None
) -> int:
    """Send one mail to `recipients` (empty addresses dropped, each once, in the order given);
    returns how many addresses it went to.

    `template` is a template path without suffix, e.g. "offers/mail/request_received". For
    callers outside a transaction (management commands); everything else uses send_on_commit.
    """
    addresses = list(dict.fromkeys(address for address in recipients if address))
    if not addresses:
        return 0
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    send_mail(subject, body, None, addresses, fail_silently=False)
    logger.info("mail sent: template=%s recipients=%d", template, len(addresses))
    return len(addresses)


def send_on_commit(
    template: str, context: dict, recipients: Iterable[str], *, language: str | None = None
) -> None:
    """Like send_now, once the current transaction commits (never for a rollback).

    The addresses are read now, so a later change in the same transaction does not redirect
    the mail.
    """
    addresses = list(dict.fromkeys(address for address in recipients if address))
    if addresses:
        transaction.on_commit(lambda: send_now(template, context, addresses, language=language))
