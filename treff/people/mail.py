"""The invitation mail: rendered now in the installation's language, sent by a worker with
the retries of treff.jobs.mail. An invitation belongs to no Treff's scope (a carrier
administrator's is for an organisation), so a mail that fails after its last try is marked
on the invitation, where the person who invited sees it, instead of a Treff's dashboard.
Log lines name the invitation, never the address."""

import logging

from django.core.mail import send_mail as django_send_mail

from treff.core.tasks import enqueue, retry_later, task
from treff.jobs.mail import MAIL_ATTEMPTS, render

logger = logging.getLogger("treff.mail")


def queue_invitation(invitation, link: str, *, has_account: bool) -> None:
    """Queue the mail to `invitation.email` with the one-time `link` (absolute)."""
    subject, body = render(
        "people/mail/invitation",
        {"invitation": invitation, "link": link, "has_account": has_account},
    )
    enqueue(send_invitation, invitation.pk, subject, body, invitation.email)


@task
def send_invitation(invitation_id: int, subject: str, body: str, email: str, attempt: int = 1):
    """Send one invitation mail; "sent", "retrying" or "failed" (marked on the invitation)."""
    from .models import Invitation

    try:
        django_send_mail(subject, body, None, [email], fail_silently=False)
    except Exception as error:  # any failure of the mail server is retried
        if attempt < MAIL_ATTEMPTS:
            logger.warning(
                "invitation mail not sent, retrying: invitation=%s attempt=%d error=%s",
                invitation_id,
                attempt,
                type(error).__name__,
            )
            retry_later(send_invitation, attempt, invitation_id, subject, body, email)
            return "retrying"
        Invitation.objects.filter(pk=invitation_id).update(mail_failed=True)
        logger.error(
            "invitation mail failed after %d attempts: invitation=%s error=%s",
            attempt,
            invitation_id,
            type(error).__name__,
        )
        return "failed"
    logger.info("invitation mail sent: invitation=%s", invitation_id)
    return "sent"
