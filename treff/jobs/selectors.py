"""Reads for other apps' pages."""

import datetime as dt

from django.utils import timezone

from .models import MailFailure

# How long the coordinators' dashboard shows an e-mail that could not be sent.
MAIL_FAILURES_SHOWN = dt.timedelta(days=14)
MAIL_FAILURES_MAX = 10


def mail_failures(treff_ids) -> list[MailFailure]:
    """The latest e-mails of these Treffs that could not be sent, of the last two weeks."""
    since = timezone.now() - MAIL_FAILURES_SHOWN
    return list(
        MailFailure.objects.filter(treff_id__in=treff_ids, failed_at__gte=since).select_related(
            "treff"
        )[:MAIL_FAILURES_MAX]
    )
