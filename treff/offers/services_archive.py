"""Archiving, restoring and deleting an offer.

services.py re-exports these. An archived offer keeps everything that has happened (past
dates, their tallies, what plan snapshots say about it); its series end so that no date lies
ahead, through the same steps as every other series write (writes.materialise), so a plan
approved by the city shows the ended series as "changed since approval". Deleting is for an
offer nobody has used yet: once it has had a date, a tally or a booking, only archiving keeps
the figures and the history true.
"""

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import planning
from .engine import recurrence as engine
from .models import BookingRequest, Occurrence, Offer, Series
from .writes import guarded, materialise

logger = logging.getLogger("treff.offers.services")


def offer_uses(offer: Offer) -> list[str]:
    """Why the offer cannot be deleted, as sentences for the user; empty when it is unused.

    Used: a date that has begun (also a cancelled or moved one — it is part of the plan's
    history), a tally of any of its dates, or a booking request that became one of its series.
    """
    now = timezone.now()
    today = timezone.localdate()
    series = Series.objects.filter(offer=offer)
    reasons = []
    if (
        Occurrence.objects.filter(series__in=series)
        .filter(Q(start__lte=now) | Q(original_date__lt=today))
        .exists()
    ):
        reasons.append(_("It has dates that have already taken place."))
    # The relation is operations' (Tally.series, related name "tallies"): read by name, so that
    # offers does not import operations.
    if series.filter(tallies__isnull=False).exists():
        reasons.append(_("Visitors have been counted at its dates."))
    if BookingRequest.objects.filter(series__in=series).exists():
        reasons.append(_("One of its series came from a booking request."))
    return reasons


def offer_archive(*, offer: Offer, user) -> Offer:
    """Hide the offer from the active list and end its series: no date of it lies ahead.

    Each series that reaches today or later ends the day before today — or today, when
    today's date has already begun. A series with no date up to then (it had not started)
    is deleted; single-date changes of dates after the new end go with them, and a past date
    moved to after the new end is cancelled instead. Past dates, tallies and plan snapshots
    stay. Raises ValidationError when the offer is archived already or a series cannot be
    ended (the database refused: nothing is written).
    """
    if offer.pk is None:
        raise ValidationError(_("Only a saved offer can be archived."))

    def write():
        locked = Offer.objects.select_for_update(of=("self",)).get(pk=offer.pk)
        if not locked.active:
            raise ValidationError(_("This offer is archived already."))
        now = timezone.now()
        today = timezone.localdate()
        ended = 0
        for series in Series.objects.select_for_update(of=("self",)).filter(
            offer=locked, ends_on__gte=today
        ):
            _end_series(series, now=now, today=today, user=user)
            ended += 1
        locked.active = False
        locked.save(update_fields=["active"])
        return locked, ended

    archived, ended = guarded(write, None)
    logger.info("offer archived: offer=%s series ended=%s by user=%s", archived.pk, ended, user.pk)
    offer.active = False
    return archived


def _end_series(series: Series, *, now: dt.datetime, today: dt.date, user) -> None:
    started_today = series.occurrences.filter(original_date=today, start__lte=now).exists()
    keep_until = today if started_today else today - dt.timedelta(days=1)
    kept = (
        series.occurrences.filter(original_date__lte=keep_until).exists()
        or series.changes.filter(original_date__lte=keep_until).exists()
    )
    if not kept or series.starts_on > keep_until:
        logger.info("series deleted on archiving: series=%s by user=%s", series.pk, user.pk)
        series.delete()
        return
    series.changes.filter(original_date__gt=keep_until).delete()
    # A past date moved to a day after the end would still happen: it ends with the rest.
    series.changes.filter(cancelled=False, new_date__gt=keep_until).update(
        cancelled=True, new_date=None, new_start=None, new_end=None, new_room=None
    )
    series.ends_on = min(series.ends_on, keep_until)
    if series.kind == engine.Kind.ONCE:
        series.ends_on = series.starts_on
    series.version += 1
    series.full_clean()
    series.rrule = engine.to_rrule(planning.recurrence_of(series), tz=planning.timezone())
    series.save()
    # The kept dates were checked when they were booked; rooms and people are not judged
    # again here (a room that has since become too small must not block the archive).
    materialise(series)


def offer_restore(*, offer: Offer, user) -> Offer:
    """Show an archived offer in the active list again. Its ended series stay ended: new
    dates need a new series. Raises ValidationError when the offer is not archived."""

    def write():
        locked = Offer.objects.select_for_update(of=("self",)).get(pk=offer.pk)
        if locked.active:
            raise ValidationError(_("This offer is not archived."))
        locked.active = True
        locked.save(update_fields=["active"])
        return locked

    restored = guarded(write, None)
    logger.info("offer restored: offer=%s by user=%s", restored.pk, user.pk)
    offer.active = True
    return restored


def offer_delete(*, offer: Offer, user) -> None:
    """Delete an unused offer with its series (all of them ahead). Raises ValidationError
    naming the uses (see offer_uses) when it has been used; then archive it instead."""

    def write():
        locked = Offer.objects.select_for_update(of=("self",)).get(pk=offer.pk)
        reasons = offer_uses(locked)
        if reasons:
            raise ValidationError(
                [_("This offer cannot be deleted; archive it instead."), *reasons]
            )
        locked.delete()
        return locked

    guarded(write, None)
    logger.info("offer deleted: offer=%s by user=%s", offer.pk, user.pk)
