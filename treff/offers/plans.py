"""Occupancy plan versions: draft → submitted to the city → approved or returned.

A draft is the live plan; submitting freezes a snapshot of the series of the period, which the
city approves or returns with comments. Approved versions stay frozen, and a change after
that goes into the next version. Snapshots are plain JSON, so two versions can be compared
after the series themselves have changed or gone.

The approved version governs the live plan: every change of a series in its period (a time,
a room, a cancelled or moved date, a new series, an accepted booking request) shows on the
plan as "changed since approval", compared with the snapshot, until a new version is
approved. A submitted version whose live plan has changed cannot be approved: the city sees
the difference and returns it, or the coordinator submits it again.
"""

import datetime as dt
import hashlib
import json
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch, Q
from django.utils import timezone as django_timezone
from django.utils.translation import gettext as _

from treff.core.times import format_end

from . import planning
from .engine import recurrence as engine
from .engine import wording
from .models import Occurrence, PlanVersion, Series

logger = logging.getLogger(__name__)
COMPARED = ("rule", "time", "room", "period", "dates")
# Snapshots taken before single dates were recorded have no "dates": read as none.
DEFAULTS = {"dates": []}
RULE_FIELDS = ("kind", "interval", "weekdays", "nth", "month_day")


def snapshot_of(plan: PlanVersion) -> list[dict]:
    """The series of the plan's period as they stand now, with their changed single dates.

    A series belongs to the period when its span overlaps it, or when one of its dates has
    been moved into it (a moved date counts where it lands).
    """
    return snapshots_of([plan])[plan.pk]


def snapshots_of(plans: list[PlanVersion]) -> dict[int, list[dict]]:
    """snapshot_of() of several versions of one Treff, keyed by the version's pk, in two
    queries whatever their number (the plan list shows every version in force): the series
    of all their periods are read once, then sorted into each period."""
    if not plans:
        return {}
    tz = planning.timezone()

    def bounds(plan):
        start = dt.datetime.combine(plan.valid_from, dt.time(), tzinfo=tz)
        return start, dt.datetime.combine(
            plan.valid_to + dt.timedelta(days=1), dt.time(), tzinfo=tz
        )

    first = min(plan.valid_from for plan in plans)
    last = max(plan.valid_to for plan in plans)
    start, end = bounds(PlanVersion(valid_from=first, valid_to=last))
    moved_in = Occurrence.objects.filter(
        treff_id=plans[0].treff_id, moved=True, start__lt=end, end__gt=start
    ).values("series_id")
    changed = Occurrence.objects.filter(Q(moved=True) | Q(cancelled=True)).select_related("room")
    series = list(
        Series.objects.filter(treff_id=plans[0].treff_id)
        .filter(Q(starts_on__lte=last, ends_on__gte=first) | Q(pk__in=moved_in))
        .select_related("offer", "room")
        .prefetch_related(Prefetch("occurrences", queryset=changed, to_attr="changed_dates"))
        .order_by("offer__title", "start_time", "pk")
    )

    def in_period(one: Series, plan: PlanVersion) -> bool:
        start, end = bounds(plan)
        return (one.starts_on <= plan.valid_to and one.ends_on >= plan.valid_from) or any(
            date.moved and date.start < end and date.end > start for date in one.changed_dates
        )

    return {plan.pk: [_entry(s, plan) for s in series if in_period(s, plan)] for plan in plans}


def _entry(series: Series, plan: PlanVersion) -> dict:
    # The rule is stored as data, not as a sentence, so each reader sees it in their language.
    return {
        "id": series.pk,
        "offer": series.offer.title,
        "rule": {name: getattr(series, name) for name in RULE_FIELDS},
        "starts_on": series.starts_on.isoformat(),
        "time": wording.time_range(series.start_time, series.end_time),
        "room": series.room.name,
        "period": f"{series.starts_on:%d.%m.%Y}–{series.ends_on:%d.%m.%Y}",
        "dates": _dates(series, plan),
    }


def _dates(series: Series, plan: PlanVersion) -> list[dict]:
    """Cancelled and moved dates in the period (by their rule date or where they land)."""
    tz = planning.timezone()
    found = []
    for occ in sorted(series.changed_dates, key=lambda occ: occ.original_date):
        start = occ.start.astimezone(tz)
        lands = start.date()
        if not (
            plan.valid_from <= occ.original_date <= plan.valid_to
            or plan.valid_from <= lands <= plan.valid_to
        ):
            continue
        if occ.cancelled:
            found.append({"date": occ.original_date.isoformat(), "cancelled": True})
        else:
            found.append(
                {
                    "date": occ.original_date.isoformat(),
                    "moved_to": lands.isoformat(),
                    "time": f"{start:%H:%M}–{format_end(occ.end.astimezone(tz).time())}",
                    "room": occ.room.name,
                }
            )
    return found


def entries(plan: PlanVersion) -> list[dict]:
    frozen = plan.frozen or plan.status == plan.Status.RETURNED
    return plan.snapshot if frozen else snapshot_of(plan)


def describe(entry: dict) -> str:
    """The entry's rule as a sentence in the active language (see engine/wording.py)."""
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
    return wording.describe(rule, format_date=planning.short_date)


def describe_dates(entry: dict) -> list[str]:
    """The entry's cancelled and moved dates as short sentences in the active language."""
    sentences = []
    for item in entry.get("dates", []):
        day = planning.short_date(dt.date.fromisoformat(item["date"]))
        if item.get("cancelled"):
            sentences.append(_("%(date)s cancelled") % {"date": day})
        else:
            sentences.append(
                _("%(date)s moved to %(new_date)s, %(time)s, %(room)s")
                % {
                    "date": day,
                    "new_date": planning.short_date(dt.date.fromisoformat(item["moved_to"])),
                    "time": item["time"],
                    "room": item["room"],
                }
            )
    return sentences


def described(rows: list[dict]) -> list[dict]:
    """Rows with their rule described for display (the stored snapshot stays as it is)."""
    return [
        {**row, "description": describe(row), "dates_text": describe_dates(row)} for row in rows
    ]


def _value(entry: dict, name: str, within: tuple[dt.date, dt.date] | None = None):
    value = entry.get(name, DEFAULTS.get(name))
    if name == "period" and within is not None:
        return _clipped(value, within)
    return value


def _clipped(period: str, within: tuple[dt.date, dt.date]):
    """A snapshot's "dd.mm.yyyy–dd.mm.yyyy" within the plan's period, as dates.

    A series split by a change "from a date on" ends earlier, but if it still covers the
    whole plan period, nothing in the plan has changed.
    """
    try:
        first, last = (dt.datetime.strptime(part, "%d.%m.%Y").date() for part in period.split("–"))
    except (AttributeError, ValueError):
        return period
    return max(first, within[0]), min(last, within[1])


def diff(
    old: list[dict], new: list[dict], *, within: tuple[dt.date, dt.date] | None = None
) -> dict:
    """Series added, removed and changed (another room, time, rule, period or single dates).

    `within` (first, last day of the plan) compares periods only inside the plan's own.
    Returns {"added": [entry], "removed": [entry], "changed": [{"before", "after",
    "fields"}]}, each ordered by offer title.
    """
    before = {entry["id"]: entry for entry in old}
    after = {entry["id"]: entry for entry in new}
    changed = []
    for key in sorted(before.keys() & after.keys(), key=lambda k: (after[k]["offer"], k)):
        fields = [
            name
            for name in COMPARED
            if _value(before[key], name, within) != _value(after[key], name, within)
        ]
        if fields:
            changed.append({"before": before[key], "after": after[key], "fields": fields})
    return {
        "added": sorted(
            (after[k] for k in after.keys() - before.keys()), key=lambda e: (e["offer"], e["id"])
        ),
        "removed": sorted(
            (before[k] for k in before.keys() - after.keys()), key=lambda e: (e["offer"], e["id"])
        ),
        "changed": changed,
    }


def described_diff(changes: dict) -> dict:
    """A diff with every entry described for display; a changed series has a `summary`."""
    return {
        "added": described(changes["added"]),
        "removed": described(changes["removed"]),
        "changed": [
            {
                **item,
                "before": described([item["before"]])[0],
                "after": described([item["after"]])[0],
                "summary": change_summary(item),
            }
            for item in changes["changed"]
        ],
    }


def change_summary(item: dict) -> list[str]:
    """Only what changed in one series, in the active language.

    e.g. ["17.12.2026 cancelled"] for one cancelled date, or ["14:30–16:30 → 15:00–17:00",
    "Gruppenraum → Küche"]; what stayed the same is not repeated on both sides.
    """
    before, after, fields = item["before"], item["after"], item["fields"]
    parts = []
    if "rule" in fields:
        parts.append(f"{describe(before)} → {describe(after)}")
    for name in ("time", "room", "period"):
        if name in fields:
            parts.append(f"{_value(before, name)} → {_value(after, name)}")
    if "dates" in fields:
        old, new = _value(before, "dates"), _value(after, "dates")
        parts.extend(describe_dates({"dates": [d for d in new if d not in old]}))
        still_changed = {d["date"] for d in new}
        for item_before in old:
            if item_before["date"] not in still_changed:
                day = planning.short_date(dt.date.fromisoformat(item_before["date"]))
                parts.append(_("%(date)s as planned again") % {"date": day})
    return parts


def live_changes(plan: PlanVersion, *, live: list[dict] | None = None) -> dict | None:
    """What the live plan has changed since the version was submitted or approved.

    None for drafts and returned versions (they are not in force) and when nothing differs;
    else a diff(snapshot, live plan). `live` is snapshot_of(plan), when already computed.
    """
    if plan.status not in (PlanVersion.Status.SUBMITTED, PlanVersion.Status.APPROVED):
        return None
    changes = diff(
        plan.snapshot,
        snapshot_of(plan) if live is None else live,
        within=(plan.valid_from, plan.valid_to),
    )
    return changes if any(changes.values()) else None


def fingerprint(plan: PlanVersion) -> str:
    """A short digest of the frozen snapshot: the decision form carries the one the city saw."""
    text = json.dumps(plan.snapshot, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


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
    """Freeze the live plan of the period and send it to the city.

    A submitted version whose live plan has changed since may be submitted again: its
    snapshot is taken anew (the city has not decided yet). Raises ValidationError otherwise.
    """
    plan = PlanVersion.objects.select_for_update(of=("self",)).get(pk=plan.pk)
    live = snapshot_of(plan)
    stale = plan.status == PlanVersion.Status.SUBMITTED and live_changes(plan, live=live)
    if plan.status != PlanVersion.Status.DRAFT and not stale:
        raise ValidationError(_("Only a draft can be submitted to the city."))
    if not live:
        raise ValidationError(_("The plan has no series in this period yet."))
    plan.snapshot = live
    plan.status = PlanVersion.Status.SUBMITTED
    plan.submitted_at = django_timezone.now()
    plan.submitted_by = user
    plan.full_clean()
    plan.save()
    logger.info("plan submitted: plan=%s by user=%s", plan.pk, user.pk)
    return plan


@transaction.atomic
def plan_decide(
    *, plan: PlanVersion, approve: bool, comments: str, user, seen: str | None = None
) -> PlanVersion:
    """Approve or return a submitted version.

    `seen` is the fingerprint() of the snapshot the city read; a version submitted again in
    the meantime is refused, and so is approving a snapshot the live plan has left behind
    (ValidationError naming why; returning it stays possible).
    """
    plan = PlanVersion.objects.select_for_update(of=("self",)).get(pk=plan.pk)
    if plan.status != PlanVersion.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted plan can be approved or returned."))
    if seen and seen != fingerprint(plan):
        raise ValidationError(
            _(
                "The plan was submitted again while you were reading it. Please look at it "
                "once more before you decide."
            )
        )
    if approve and live_changes(plan):
        raise ValidationError(
            _(
                "The plan has changed since it was submitted (see “Changed since "
                "submission”), so the submitted version is out of date and cannot be "
                "approved. Return it with comments, or ask the coordinator to submit it again."
            )
        )
    if not approve and not (comments or "").strip():
        # The form says so too; a returned plan without comments leaves the coordinator
        # guessing what to change.
        raise ValidationError({"comments": _("Say what should change when you return a plan.")})
    plan.status = PlanVersion.Status.APPROVED if approve else PlanVersion.Status.RETURNED
    plan.comments = comments
    plan.decided_at = django_timezone.now()
    plan.decided_by = user
    plan.full_clean()
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
