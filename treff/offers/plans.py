"""Occupancy plan versions: draft → submitted to the city → approved or returned.

A draft is the live plan; submitting freezes a snapshot of the series of the period, which the
city approves or returns with comments. Approved versions stay frozen, and a change after
that goes into the next version. Snapshots are plain JSON, so two versions can be compared
after the series themselves have changed or gone.
"""

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import formats
from django.utils import timezone as django_timezone
from django.utils.translation import gettext as _

from .engine import recurrence as engine
from .models import PlanVersion, Series

logger = logging.getLogger(__name__)
COMPARED = ("rule", "time", "room", "period")
RULE_FIELDS = ("kind", "interval", "weekdays", "nth", "month_day")


def snapshot_of(plan: PlanVersion) -> list[dict]:
    """The series of the plan's period as they stand now."""
    series = (
        Series.objects.filter(treff_id=plan.treff_id)
        .filter(Q(starts_on__lte=plan.valid_to) & Q(ends_on__gte=plan.valid_from))
        .select_related("offer", "room")
        .order_by("offer__title", "start_time", "pk")
    )
    return [_entry(s) for s in series]


def _entry(series: Series) -> dict:
    # The rule is stored as data, not as a sentence, so each reader sees it in their language.
    return {
        "id": series.pk,
        "offer": series.offer.title,
        "rule": {name: getattr(series, name) for name in RULE_FIELDS},
        "starts_on": series.starts_on.isoformat(),
        "time": f"{series.start_time:%H:%M}–{series.end_time:%H:%M}",
        "room": series.room.name,
        "period": f"{series.starts_on:%d.%m.%Y}–{series.ends_on:%d.%m.%Y}",
    }


def entries(plan: PlanVersion) -> list[dict]:
    frozen = plan.frozen or plan.status == plan.Status.RETURNED
    return plan.snapshot if frozen else snapshot_of(plan)


def describe(entry: dict) -> str:
    """The entry's rule as a sentence in the active language."""
    starts_on = dt.date.fromisoformat(entry["starts_on"])
    rule = engine.Recurrence(
        kind=engine.Kind(entry["rule"]["kind"]),
        starts_on=starts_on,
        ends_on=starts_on,
        interval=entry["rule"]["interval"],
        weekdays=tuple(entry["rule"]["weekdays"]),
        nth=entry["rule"]["nth"],
        month_day=entry["rule"]["month_day"],
    )
    return engine.describe(
        rule, format_date=lambda day: formats.date_format(day, "SHORT_DATE_FORMAT")
    )


def described(rows: list[dict]) -> list[dict]:
    """Rows with their rule described for display (the stored snapshot stays as it is)."""
    return [{**row, "description": describe(row)} for row in rows]


def diff(old: list[dict], new: list[dict]) -> dict:
    """Series added, removed and changed (moved to another room, time, rule or period)."""
    before = {entry["id"]: entry for entry in old}
    after = {entry["id"]: entry for entry in new}
    changed = []
    for key in sorted(before.keys() & after.keys(), key=lambda k: after[k]["offer"]):
        fields = [name for name in COMPARED if before[key].get(name) != after[key].get(name)]
        if fields:
            changed.append({"before": before[key], "after": after[key], "fields": fields})
    return {
        "added": [after[k] for k in after.keys() - before.keys()],
        "removed": [before[k] for k in before.keys() - after.keys()],
        "changed": changed,
    }


@transaction.atomic
def plan_create(*, plan: PlanVersion, treff, user) -> PlanVersion:
    plan.treff = treff
    latest = PlanVersion.objects.filter(treff=treff, valid_from=plan.valid_from).aggregate(
        number=Max("number")
    )["number"]
    plan.number = (latest or 0) + 1
    plan.status = PlanVersion.Status.DRAFT
    plan.full_clean()
    plan.save()
    logger.info("plan created: plan=%s by user=%s", plan.pk, user.pk)
    return plan


@transaction.atomic
def plan_submit(*, plan: PlanVersion, user) -> PlanVersion:
    plan = PlanVersion.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanVersion.Status.DRAFT:
        raise ValidationError(_("Only a draft can be submitted to the city."))
    plan.snapshot = snapshot_of(plan)
    if not plan.snapshot:
        raise ValidationError(_("The plan has no series in this period yet."))
    plan.status = PlanVersion.Status.SUBMITTED
    plan.submitted_at = django_timezone.now()
    plan.submitted_by = user
    plan.save()
    logger.info("plan submitted: plan=%s by user=%s", plan.pk, user.pk)
    return plan


@transaction.atomic
def plan_decide(*, plan: PlanVersion, approve: bool, comments: str, user) -> PlanVersion:
    plan = PlanVersion.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanVersion.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted plan can be approved or returned."))
    plan.status = PlanVersion.Status.APPROVED if approve else PlanVersion.Status.RETURNED
    plan.comments = comments
    plan.decided_at = django_timezone.now()
    plan.decided_by = user
    plan.save()
    logger.info("plan decided: plan=%s approve=%s by user=%s", plan.pk, approve, user.pk)
    return plan


@transaction.atomic
def plan_new_draft(*, plan: PlanVersion, user) -> PlanVersion:
    """The next version of an approved or returned plan, as a draft of the live series."""
    if plan.status not in (PlanVersion.Status.APPROVED, PlanVersion.Status.RETURNED):
        raise ValidationError(_("A new version starts from an approved or returned plan."))
    if PlanVersion.objects.filter(
        treff_id=plan.treff_id, valid_from=plan.valid_from, status=PlanVersion.Status.DRAFT
    ).exists():
        raise ValidationError(_("There is already a draft for this period."))
    draft = PlanVersion(title=plan.title, valid_from=plan.valid_from, valid_to=plan.valid_to)
    return plan_create(plan=draft, treff=plan.treff, user=user)
