"""Counselling's scheduled job (treff.jobs.schedule): retention, one task per Treff."""

import datetime as dt

from django.utils import timezone

from treff.core.tasks import task
from treff.jobs.tasks import each_treff, treff_task

from . import services


@task
@treff_task
def retention(treff_id: int, today: str) -> int:
    """Anonymise this Treff's named records past the retention period; returns how many."""
    return services.clients_anonymise_expired(
        today=dt.date.fromisoformat(today), months=services.retention_months()
    )


def retention_all() -> int:
    """Daily, in every Treff."""
    return each_treff(retention, timezone.localdate().isoformat())
