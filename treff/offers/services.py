"""Writes to offers, series, single-date changes and closure days.

Every write that changes when or where something happens re-expands the series, checks it
against everything already booked (rooms within the Treff, people everywhere) and stores the
occurrences, all inside one transaction. Two writers cannot both pass the check: SQLite
serialises them (IMMEDIATE transactions), PostgreSQL's exclusion constraints refuse the later
one, which then gets the same kind of message.
"""

import logging
from dataclasses import replace

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats
from django.utils import timezone as django_timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_scopes import scopes_disabled

from treff.treffs.models import Treff

from . import notify, planning
from .engine import conflicts as engine_conflicts
from .engine import recurrence as engine
from .models import BookingRequest, ClosureDay, Occurrence, Offer, Series, SeriesChange

logger = logging.getLogger(__name__)
MAX_LISTED_CONFLICTS = 5


# Offers -------------------------------------------------------------------------------------


@transaction.atomic
def offer_save(*, offer: Offer, treff: Treff, user) -> Offer:
    offer.treff = treff
    offer.full_clean()
    offer.save()
    logger.info("offer saved: offer=%s treff=%s by user=%s", offer.pk, treff.pk, user.pk)
    return offer


@transaction.atomic
def offer_delete(*, offer: Offer, user) -> None:
    logger.info("offer deleted: offer=%s by user=%s", offer.pk, user.pk)
    offer.delete()


# Series -------------------------------------------------------------------------------------


def series_save(*, series: Series, user, expected_version: int | None = None) -> Series:
    """Create or change a series; refuses overlaps, stale forms and impossible rules.

    Raises ValidationError (field → messages where a field is to blame) for an incomplete or
    impossible rule (e.g. weekly without a weekday), dates outside ±5 years, a time range
    that does not end after its start (00:00 = midnight), a room of another Treff, too
    small or not barrier-free, and for every double booking of the room or the person.
    """

    def write():
        if series.pk:
            current = Series.objects.select_for_update().get(pk=series.pk)
            if expected_version is not None and current.version != expected_version:
                raise ValidationError(
                    _(
                        "Someone else changed this series while you were editing it. Nothing "
                        "has been saved; please reload the page and enter your change again."
                    )
                )
            series.version = current.version + 1
        if series.offer_id is None:
            raise ValidationError({"offer": _("Choose the offer.")})
        series.treff_id = series.offer.treff_id
        series.full_clean()
        _check_room(series)
        series.rrule = engine.to_rrule(planning.recurrence_of(series), tz=planning.timezone())
        series.save()
        _materialise(series)
        return series

    saved = _guarded(write, series)
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
        _materialise(series)
        return change

    saved = _guarded(write, series)
    logger.info("series date changed: series=%s change=%s by user=%s", series.pk, saved.pk, user.pk)
    return saved


def series_change_restore(*, change: SeriesChange, user) -> None:
    """Undo a cancellation or move: the date is back at its regular time and room."""
    series = change.series

    def write():
        change.delete()
        _materialise(series)
        return series

    _guarded(write, series)
    logger.info("series date restored: series=%s by user=%s", series.pk, user.pk)


# Closure days ---------------------------------------------------------------------------------


def closure_add(*, closure: ClosureDay, treff: Treff, user) -> ClosureDay:
    def write():
        closure.treff = treff
        closure.full_clean()
        closure.save()
        _rematerialise_on(treff, closure.date)
        return closure

    saved = _guarded(write, None)
    logger.info("closure added: treff=%s by user=%s", treff.pk, user.pk)
    return saved


def closure_delete(*, closure: ClosureDay, user) -> None:
    def write():
        closure.delete()
        _rematerialise_on(closure.treff, closure.date)
        return closure

    _guarded(write, None)
    logger.info("closure removed: treff=%s by user=%s", closure.treff_id, user.pk)


# Internals ----------------------------------------------------------------------------------


def _guarded(write, series):
    """Run a write atomically; a concurrent booking caught by the database becomes a message.

    Any other refusal of the database (a constraint the checks above missed) is a message
    too, never a 500: nothing has been written, and the user can reload and try again.
    """
    try:
        with transaction.atomic():
            return write()
    except IntegrityError as error:
        if "overlap" not in str(error):
            logger.warning(
                "write refused by the database: series=%s error=%s",
                getattr(series, "pk", None),
                type(error).__name__,
            )
            raise ValidationError(
                _(
                    "The change could not be saved because it contradicts what is stored. "
                    "Nothing has been saved; please reload the page and try again."
                )
            ) from None
        # The other booking committed between our check and our insert; name it now.
        if series is not None:
            with transaction.atomic():
                found = _conflicts(series, planning.expand(series))
            if found:
                raise ValidationError(found) from None
        raise ValidationError(
            _("Another booking for the same room or person was saved at the same moment.")
        ) from None


def _check_room(series: Series) -> None:
    errors = {}
    if series.room_id is None:
        raise ValidationError({"room": _("Choose a room.")})
    room = series.room
    if room.treff_id != series.treff_id:
        errors["room"] = _("This room belongs to another Treff.")
    elif series.expected_participants and series.expected_participants > room.capacity:
        errors["room"] = _(
            "The room “%(room)s” holds %(capacity)d people, but %(expected)d are expected."
        ) % {"room": room.name, "capacity": room.capacity, "expected": series.expected_participants}
    elif series.needs_barrier_free and not room.barrier_free:
        errors["room"] = _("The room “%(room)s” is not barrier-free.") % {"room": room.name}
    if errors:
        raise ValidationError(errors)


def _materialise(series: Series) -> None:
    occurrences = planning.expand(series)
    if not any(not occ.cancelled for occ in occurrences) and not series.changes.exists():
        raise ValidationError(
            _(
                "This rule produces no date between %(start)s and %(end)s (public holidays "
                "and closure days are skipped)."
            )
            % {
                "start": formats.date_format(series.starts_on, "SHORT_DATE_FORMAT"),
                "end": formats.date_format(series.ends_on, "SHORT_DATE_FORMAT"),
            }
        )
    found = _conflicts(series, occurrences)
    if found:
        raise ValidationError(found)
    Occurrence.objects.filter(series=series).delete()
    Occurrence.objects.bulk_create(
        Occurrence(
            treff_id=series.treff_id,
            series=series,
            room_id=occ.room_id,
            responsible_id=next(iter(occ.person_ids), None),
            original_date=occ.original_date,
            start=occ.start,
            end=occ.end,
            cancelled=occ.cancelled,
            moved=occ.moved,
            holiday=occ.holiday or "",
            closed=occ.closed or "",
        )
        for occ in occurrences
    )


def _rematerialise_on(treff: Treff, day) -> None:
    """Expand again every series with a date on `day`: by its rule, or moved there."""
    moved_there = SeriesChange.objects.filter(treff=treff, cancelled=False, new_date=day).values(
        "series_id"
    )
    for series in Series.objects.filter(treff=treff).filter(
        Q(starts_on__lte=day, ends_on__gte=day) | Q(pk__in=moved_there)
    ):
        _materialise(series)


def _conflicts(series: Series, occurrences) -> list[str]:
    """Messages naming what the new occurrences would collide with."""
    active = [occ for occ in occurrences if not occ.cancelled]
    if not active:
        return []
    first = min(occ.start for occ in active)
    last = max(occ.end for occ in active)
    rooms = {occ.room_id for occ in active}
    people = set().union(*(occ.person_ids for occ in active))
    # People can work in several Treffs, so their bookings are checked everywhere; what
    # the user may not see is named only as "another appointment".
    with scopes_disabled():
        rows = list(
            Occurrence.objects.filter(start__lt=last, end__gt=first, cancelled=False)
            .filter(Q(room_id__in=rooms) | Q(responsible_id__in=people))
            .exclude(series_id=series.pk)
            .select_related("series__offer", "room", "responsible")
        )
    existing = [planning.engine_occurrence(row) for row in rows]
    visible = {row.pk for row in rows if row.treff_id == series.treff_id}
    names = {row.room_id: row.room.name for row in rows}
    names.update({series.room_id: series.room.name})
    people_names = {row.responsible_id: str(row.responsible) for row in rows if row.responsible}
    labels = {(row.series_id, row.original_date): row.pk for row in rows}
    found = engine_conflicts.conflicts_between(active, existing)
    messages = []
    for conflict in found[:MAX_LISTED_CONFLICTS]:
        # conflicts_between() puts the booking that was there already first.
        existing_occ = conflict.first
        if labels.get((existing_occ.series_id, existing_occ.original_date)) not in visible:
            conflict = replace(
                conflict, first=replace(existing_occ, label=_("another appointment"))
            )
        messages.append(
            conflict.message(
                room_name=lambda pk: names.get(pk, "?"),
                person_name=lambda pk: people_names.get(pk, "?"),
                format_dt=_format_dt,
            )
        )
    if len(found) > MAX_LISTED_CONFLICTS:
        more = len(found) - MAX_LISTED_CONFLICTS
        messages.append(
            ngettext("… and %(count)d more conflict.", "… and %(count)d more conflicts.", more)
            % {"count": more}
        )
    return messages


def _format_dt(value) -> str:
    local = value.astimezone(planning.timezone())
    return f"{formats.date_format(local, 'SHORT_DATE_FORMAT')} {local:%H:%M}"


# Booking requests -------------------------------------------------------------------------------


@transaction.atomic
def booking_request_create(*, booking_request, treff: Treff, user):
    booking_request.treff = treff
    booking_request.requested_by = user
    booking_request.full_clean()
    booking_request.save()
    notify.booking_request_received(booking_request)
    logger.info("booking request created: request=%s by user=%s", booking_request.pk, user.pk)
    return booking_request


def booking_request_conflicts(booking_request, room) -> list[str]:
    """What the requested slot would collide with in `room`, for the coordinator's decision."""
    series = _series_from_request(booking_request, room)
    return _conflicts(series, planning.expand(series, changes=[]))


def booking_request_accept(*, booking_request, room, user, message: str = ""):
    """Create the offer (if new) and the series; refused with the conflicts if any."""
    if booking_request.status != BookingRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if room is None:
        raise ValidationError({"room": _("Choose a room.")})

    def write():
        series = _series_from_request(booking_request, room)
        if series.offer.pk is None:
            series.offer.full_clean()
            series.offer.save()
        series.offer_id = series.offer.pk
        series.treff_id = booking_request.treff_id
        series.full_clean()
        _check_room(series)
        series.rrule = engine.to_rrule(planning.recurrence_of(series), tz=planning.timezone())
        series.save()
        _materialise(series)
        booking_request.status = BookingRequest.Status.ACCEPTED
        booking_request.series = series
        booking_request.decision_reason = message
        booking_request.decided_by = user
        booking_request.decided_at = django_timezone.now()
        booking_request.full_clean()
        booking_request.save()
        return series

    series = _guarded(write, None)
    notify.booking_request_decided(booking_request)
    logger.info("booking request accepted: request=%s by user=%s", booking_request.pk, user.pk)
    return series


@transaction.atomic
def booking_request_decline(*, booking_request, reason: str, user):
    if booking_request.status != BookingRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    booking_request.status = BookingRequest.Status.DECLINED
    booking_request.decision_reason = reason
    booking_request.decided_by = user
    booking_request.decided_at = django_timezone.now()
    booking_request.full_clean()
    booking_request.save()
    notify.booking_request_decided(booking_request)
    logger.info("booking request declined: request=%s by user=%s", booking_request.pk, user.pk)
    return booking_request


@transaction.atomic
def booking_request_withdraw(*, booking_request, user):
    if booking_request.status != BookingRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    booking_request.status = BookingRequest.Status.WITHDRAWN
    booking_request.save()
    logger.info("booking request withdrawn: request=%s by user=%s", booking_request.pk, user.pk)
    return booking_request


def _series_from_request(booking_request, room) -> Series:
    offer = Offer.objects.filter(
        treff_id=booking_request.treff_id, title=booking_request.title
    ).first() or Offer(
        treff_id=booking_request.treff_id,
        title=booking_request.title,
        category=booking_request.category,
        provider=booking_request.provider,
        public=True,
    )
    fields = {
        name: getattr(booking_request, name)
        for name in (
            "kind",
            "starts_on",
            "ends_on",
            "interval",
            "weekdays",
            "nth",
            "month_day",
            "start_time",
            "end_time",
        )
    }
    return Series(
        treff_id=booking_request.treff_id,
        offer=offer,
        room=room,
        responsible=booking_request.requested_by,
        **fields,
    )


# Plan rules -----------------------------------------------------------------------------------


@transaction.atomic
def plan_rules_save(*, rules, treff: Treff, user):
    rules.treff = treff
    rules.full_clean()
    rules.save()
    logger.info("plan rules saved: treff=%s by user=%s", treff.pk, user.pk)
    return rules
