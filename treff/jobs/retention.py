"""The deletion concept's one nightly job (docs/deletion.md, DIN 66398; issue 16, item 4).

`run(now)` applies every rule of docs/deletion.md that Treff enforces itself and returns
the number of records each rule deleted or anonymised, by rule name (PER_TREFF order, then
"invitations", "login_records", "sessions"). The audit trail, made files and task results
are deleted by the `housekeeping` job (jobs.tasks); backups by the operator's rotation.

The rules about people (PER_TREFF) are services of their apps, named by dotted path so that
this module imports no domain app (as treff.jobs.schedule); each is called as
`function(now=now)` once per Treff, inside `scope(treff=[id])`, so it sees only that Treff's
records, as every other task does. The rules about logging in (django-axes' records,
expired sessions) hold no Treff and run once.

The periods come from the settings (TREFF_HELP_SEEKERS_KEPT_MONTHS, _VOLUNTEERS_KEPT_YEARS,
_APPLICATIONS_KEPT_MONTHS, _LOGIN_RECORDS_KEPT_DAYS, _COUNSELLING_RETENTION_MONTHS,
_INVITATION_DAYS); `now` is
an aware datetime, the real clock unless a test injects one.
"""

import datetime as dt
import logging
from importlib import import_module

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django_scopes import scope

from treff.treffs.models import Treff

logger = logging.getLogger("treff.tasks")

# Rule name → service(now=…) -> int, run in each Treff's scope.
PER_TREFF = {
    # Named counselling records: 36 months after the last contact (anonymised).
    "counselling_clients": "treff.counselling.services.retention_run",
    # Help seekers and their requests: 12 months after the last request closed.
    "help_seekers": "treff.volunteers.services_retention.help_seekers_anonymise_expired",
    # Volunteers (with their police-clearance facts): 3 years after leaving.
    "volunteers": "treff.volunteers.services_retention.volunteers_anonymise_expired",
    # Applications from the public form nobody decided on: 6 months after they came.
    "volunteer_applications": "treff.volunteers.services_retention.applications_delete_expired",
}

# Invitations (they hold an e-mail address): deleted TREFF_INVITATION_DAYS after they were
# accepted, withdrawn or ran out. Of no Treff: a carrier administrator's is an organisation's.
INVITATIONS = "treff.people.services.invitations_delete_ended"


def login_records_cutoff(now: dt.datetime, days: int) -> dt.datetime:
    """The moment before which django-axes' records are deleted: `now` − `days`."""
    return now - dt.timedelta(days=days)


def login_records_delete(*, now: dt.datetime, days: int | None = None) -> int:
    """Delete django-axes' attempts (with their expiry rows), access logs and failure logs
    older than `days` (default TREFF_LOGIN_RECORDS_KEPT_DAYS, 30); they hold the name typed
    and the address. Returns how many rows of the three tables. A lockout lasts
    AXES_COOLOFF_TIME (minutes), so no running lockout rests on a row this old."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    days = settings.TREFF_LOGIN_RECORDS_KEPT_DAYS if days is None else days
    if days < 1:
        raise ValueError("TREFF_LOGIN_RECORDS_KEPT_DAYS must be at least 1.")
    cutoff = login_records_cutoff(now, days)
    deleted = 0
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        rows = model.objects.filter(attempt_time__lt=cutoff)
        deleted += rows.count()
        rows.delete()
    return deleted


def sessions_delete(*, now: dt.datetime) -> int:
    """Delete the sessions that expired before `now` (what `clearsessions` does); returns
    how many for the database engine. Another engine's SessionStore.clear_expired() runs
    instead (its own clock; the count is then 0: the store does not tell)."""
    if settings.SESSION_ENGINE == "django.contrib.sessions.backends.db":
        from django.contrib.sessions.models import Session

        expired = Session.objects.filter(expire_date__lt=now)
        count = expired.count()
        expired.delete()
        return count
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    return 0


class RetentionIncomplete(Exception):
    """Some rules failed, each for the Treff named in `failed` [(rule name, Treff id)];
    every other rule and Treff was applied."""

    def __init__(self, failed: list[tuple[str, int | None]]):
        super().__init__(", ".join(f"{name} (Treff {treff_id})" for name, treff_id in failed))
        self.failed = failed


def run(now: dt.datetime | None = None) -> dict[str, int]:
    """Apply every rule; returns {rule name: records deleted or anonymised}, summed over the
    Treffs. Each rule's service is atomic per Treff. A rule that fails for one Treff leaves
    that Treff's records of that rule as they were and the run goes on — one broken record
    must not keep every other Treff's expired people another night; at the end
    RetentionIncomplete names what failed, so the task shows as failed and runs again the
    next night."""
    now = now or timezone.now()
    counts = dict.fromkeys(PER_TREFF, 0)
    failed: list[tuple[str, int | None]] = []
    # The one unscoped read: the ids of all Treffs, to enter each one's scope.
    treff_ids = list(
        Treff.objects.with_scopes_disabled().order_by("pk").values_list("pk", flat=True)
    )
    for treff_id in treff_ids:
        with scope(treff=[treff_id]):
            for name, path in PER_TREFF.items():
                if (done := _applied(name, treff_id, import_string(path), now)) is None:
                    failed.append((name, treff_id))
                else:
                    counts[name] += done
    global_rules = (
        ("invitations", import_string(INVITATIONS)),
        ("login_records", login_records_delete),
        ("sessions", sessions_delete),
    )
    for name, rule in global_rules:
        done = _applied(name, None, rule, now)
        counts[name] = done or 0
        if done is None:
            failed.append((name, None))
    logger.info("retention: %s", " ".join(f"{k}={v}" for k, v in counts.items()))
    if failed:
        raise RetentionIncomplete(failed)
    return counts


def _applied(name: str, treff_id: int | None, rule, now: dt.datetime) -> int | None:
    """`rule(now=now)`'s count, or None when it raised. The log names the rule, the Treff and
    the kind of error, never its message: a database error's message can quote a person's
    data."""
    try:
        return rule(now=now)
    except Exception as error:
        logger.error(
            "retention: rule %s failed for treff=%s (%s)", name, treff_id, type(error).__name__
        )
        return None
