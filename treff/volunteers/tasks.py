"""The volunteers' scheduled jobs (treff.jobs.schedule): one task per Treff, in its scope."""

import datetime as dt

from django.utils import timezone

from treff.core.tasks import task
from treff.jobs.tasks import each_treff, treff_task

from . import services_reminders


@task
@treff_task
def shift_reminders(treff_id: int, day: str) -> int:
    """Remind the volunteers of this Treff's shifts on `day` (ISO date); returns the mails."""
    return services_reminders.shift_reminders_send(day=dt.date.fromisoformat(day))


def shift_reminders_all() -> int:
    """Daily: tomorrow's shifts, in every Treff."""
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    return each_treff(shift_reminders, tomorrow.isoformat())


@task
@treff_task
def clearance_reminders(treff_id: int, today: str) -> int:
    return services_reminders.clearance_reminders_send(
        treff_id=treff_id, today=dt.date.fromisoformat(today)
    )


def clearance_reminders_all() -> int:
    """Daily: police clearances running out soon, in every Treff."""
    return each_treff(clearance_reminders, timezone.localdate().isoformat())
