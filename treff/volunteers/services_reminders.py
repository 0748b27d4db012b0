"""Reminders by e-mail that the scheduled jobs send (treff.volunteers.tasks): shifts, clearances.

Each works inside one Treff's scope and sends each reminder once, however often it runs and
however many workers run it: the row that records the reminder is locked and stamped in the
transaction that queues the mail.
"""

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone

from treff.jobs.mail import queue_mail

from .models import Shift, Volunteer
from .selectors import clearances_due

logger = logging.getLogger(__name__)

# A volunteer hears this many days before their police clearance runs out (§4.2: a new
# extended certificate every five years; the coordinator's dashboard warns as early).
CLEARANCE_NOTICE_DAYS = 60


def _address(volunteer: Volunteer) -> str:
    return volunteer.email or (volunteer.user.email if volunteer.user_id else "")


def shift_reminders_send(*, day: dt.date) -> int:
    """Remind everyone signed up for a shift on `day` (not cancelled); returns how many mails.

    A shift is reminded once (Shift.reminded_at), locked while its mails are queued.
    """
    sent = 0
    for shift_id in Shift.objects.filter(date=day, reminded_at__isnull=True).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            shift = (
                Shift.objects.select_for_update(of=("self",))
                .select_related("template", "treff")
                .filter(pk=shift_id, reminded_at__isnull=True)
                .first()
            )
            if shift is None:
                continue  # another worker reminded it meanwhile
            for signup in shift.signups.filter(cancelled_at__isnull=True).select_related(
                "volunteer__user"
            ):
                context = {"shift": shift, "volunteer": signup.volunteer}
                sent += queue_mail(
                    "volunteers/mail/reminder",
                    context,
                    [_address(signup.volunteer)],
                    treff_id=shift.treff_id,
                )
            shift.reminded_at = timezone.now()
            shift.save(update_fields=["reminded_at"])
    logger.info("shift reminders queued: day=%s mails=%d", day, sent)
    return sent


def clearance_reminders_send(*, treff_id: int, today: dt.date) -> int:
    """Ask each active volunteer whose police clearance runs out within CLEARANCE_NOTICE_DAYS
    to bring a new one; once per clearance (Volunteer.clearance_reminded_for). Returns how
    many mails. Only the date goes into the mail, never anything about the certificate."""
    sent = 0
    for due in clearances_due([treff_id], today=today, ahead_days=CLEARANCE_NOTICE_DAYS):
        if due.clearance_reminded_for == due.clearance_issued_on:
            continue
        with transaction.atomic():
            volunteer = (
                Volunteer.objects.select_for_update(of=("self",))
                .select_related("user", "treff")
                .get(pk=due.pk)
            )
            if volunteer.clearance_reminded_for == volunteer.clearance_issued_on:
                continue
            context = {"volunteer": volunteer, "valid_until": volunteer.clearance_valid_until}
            sent += queue_mail(
                "volunteers/mail/clearance_due",
                context,
                [_address(volunteer)],
                treff_id=treff_id,
            )
            volunteer.clearance_reminded_for = volunteer.clearance_issued_on
            volunteer.save(update_fields=["clearance_reminded_for"])
    logger.info("clearance reminders queued: treff=%s mails=%d", treff_id, sent)
    return sent
