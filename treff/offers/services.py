"""Writes to offers, series, single-date changes and closure days.

Every write that changes when or where something happens re-expands the series, checks it
against everything already booked (rooms within the Treff, people everywhere) and stores the
occurrences, all inside one transaction. Two writers cannot both pass the check: SQLite
serialises them (IMMEDIATE transactions), PostgreSQL's exclusion constraints refuse the later
one, which then gets the same kind of message.
"""

import logging

from django.db import transaction

from treff.treffs.models import Treff

from .models import ClosureDay, Offer, Series, SeriesChange

# Archiving and deleting offers, their translations, booking requests, private feeds and a
# change of a series from a date on have modules of their own; they are re-exported here, so
# that every caller writes through `services.…`.
from .services_archive import offer_archive, offer_delete, offer_restore, offer_uses
from .services_feeds import feed_create, feed_revoke
from .services_requests import (
    booking_request_accept,
    booking_request_conflicts,
    booking_request_create,
    booking_request_decline,
    booking_request_withdraw,
)
from .services_split import series_change_from
from .services_translations import offer_translations_save
from .writes import guarded, materialise, rematerialise_on, save_in_place

logger = logging.getLogger(__name__)


# Offers -------------------------------------------------------------------------------------


@transaction.atomic
def offer_save(*, offer: Offer, treff: Treff, user) -> Offer:
    offer.treff = treff
    offer.full_clean()
    offer.save()
    logger.info("offer saved: offer=%s treff=%s by user=%s", offer.pk, treff.pk, user.pk)
    return offer


# Series -------------------------------------------------------------------------------------


def series_save(*, series: Series, user, expected_version: int | None = None) -> Series:
    """Create or change a series; refuses overlaps, stale forms and impossible rules.

    Raises ValidationError (field → messages where a field is to blame) for an incomplete or
    impossible rule (e.g. weekly without a weekday), dates outside ±5 years, a time range
    that does not end after its start (00:00 = midnight), a room of another Treff, too
    small or not barrier-free, and for every double booking of the room or the person.
    """
    saved = guarded(lambda: save_in_place(series, expected_version), series)
    logger.info("series saved: series=%s by user=%s", saved.pk, user.pk)
    return saved


@transaction.atomic
def series_delete(*, series: Series, user) -> None:
    logger.info("series deleted: series=%s by user=%s", series.pk, user.pk)
    series.delete()


def series_change_save(*, change: SeriesChange, cancel: bool, user) -> SeriesChange:
    """Cancel or move one date of a series (replacing an earlier change of that date).

    A moved date may land anywhere, also before the series' first or after its last date;
    it is checked for conflicts there (room and responsible person) and kept in every
    calendar, feed and plan. Raises ValidationError for a date the series does not have, a
    move that moves nothing, a time range ending before it starts or after midnight, a room
    of another Treff, a new date outside ±5 years, and for conflicts.
    """
    series = change.series

    def write():
        SeriesChange.objects.filter(series=series, original_date=change.original_date).exclude(
            pk=change.pk
        ).delete()
        change.treff_id = series.treff_id
        change.cancelled = cancel
        if cancel:
            change.new_date = change.new_start = change.new_end = change.new_room = None
        change.created_by = user
        change.full_clean()
        change.save()
        materialise(series)
        return change

    saved = guarded(write, series)
    logger.info("series date changed: series=%s change=%s by user=%s", series.pk, saved.pk, user.pk)
    return saved


def series_change_restore(*, change: SeriesChange, user) -> None:
    """Undo a cancellation or move: the date is back at its regular time and room."""
    series = change.series

    def write():
        change.delete()
        materialise(series)
        return series

    guarded(write, series)
    logger.info("series date restored: series=%s by user=%s", series.pk, user.pk)


# Closure days ---------------------------------------------------------------------------------


def closure_add(*, closure: ClosureDay, treff: Treff, user) -> ClosureDay:
    def write():
        closure.treff = treff
        closure.full_clean()
        closure.save()
        rematerialise_on(treff, closure.date)
        return closure

    saved = guarded(write, None)
    logger.info("closure added: treff=%s by user=%s", treff.pk, user.pk)
    return saved


def closure_delete(*, closure: ClosureDay, user) -> None:
    def write():
        closure.delete()
        rematerialise_on(closure.treff, closure.date)
        return closure

    guarded(write, None)
    logger.info("closure removed: treff=%s by user=%s", closure.treff_id, user.pk)


# Plan rules -----------------------------------------------------------------------------------


@transaction.atomic
def plan_rules_save(*, rules, treff: Treff, user):
    rules.treff = treff
    rules.full_clean()
    rules.save()
    logger.info("plan rules saved: treff=%s by user=%s", treff.pk, user.pk)
    return rules


__all__ = [
    "booking_request_accept",
    "booking_request_conflicts",
    "booking_request_create",
    "booking_request_decline",
    "booking_request_withdraw",
    "closure_add",
    "closure_delete",
    "feed_create",
    "feed_revoke",
    "offer_archive",
    "offer_delete",
    "offer_restore",
    "offer_save",
    "offer_translations_save",
    "offer_uses",
    "plan_rules_save",
    "series_change_from",
    "series_change_restore",
    "series_change_save",
    "series_delete",
    "series_save",
]
