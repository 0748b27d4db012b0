"""Writes for daily operations: taps and corrections, lunch days, donations and hand-outs.

A tap is idempotent by its key: the key is unique in the database, so a retry, a double
submission of the same form or an offline queue sent twice finds the first event and
changes nothing. Corrections take the tally's row lock, so two people correcting at once
cannot together push a count below zero.
"""

import datetime as dt
import logging
import uuid

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from treff.core.validators import past_date
from treff.offers.models import Occurrence
from treff.treffs.models import Treff

from . import selectors
from .models import BUCKETS, Donation, Handout, LunchDay, SwapEvent, Tally, TallyEvent

logger = logging.getLogger(__name__)

# The highest count a correction may set: far above any day of a drop-in centre, so a typo
# with extra zeros is caught.
MAX_TOTAL = 10_000


def _not_in_future(day: dt.date, message: str, field: str | None = "date") -> None:
    if day > timezone.localdate():
        raise ValidationError({field: message} if field else message)


# Visitor tallies ------------------------------------------------------------------------------


def _tally_for(*, treff: Treff, day: dt.date, occurrence: Occurrence | None) -> Tally:
    """The tally of an occurrence or of the day's drop-in hours, created on the first tap."""
    if occurrence is None:
        lookup = {"treff": treff, "kind": Tally.Kind.DROP_IN, "date": day}
        defaults = {}
    else:
        lookup = {"series_id": occurrence.series_id, "original_date": occurrence.original_date}
        offer = occurrence.series.offer
        defaults = {
            "treff": treff,
            "kind": Tally.Kind.OCCURRENCE,
            "date": day,
            "category": offer.category,
            "title": offer.title,
        }
    tally = Tally.objects.filter(**lookup).first()
    if tally is not None:
        return tally
    try:
        with transaction.atomic():
            return Tally.objects.create(**lookup, **defaults)
    except IntegrityError:
        # Two first taps at once: the other one created it.
        return Tally.objects.get(**lookup)


def _check_tally_day(day: dt.date, occurrence: Occurrence | None) -> None:
    _not_in_future(day, _("Visitors can only be counted for today or past days."), None)
    past_date(day)  # and not for a day years ago: a typing error in the address
    if occurrence is not None and occurrence.cancelled:
        raise ValidationError(_("This date has been cancelled; there is nothing to count."))


def _clean_buckets(buckets: dict) -> dict:
    cleaned = {}
    for name, choices in BUCKETS.items():
        value = buckets.get(name) or ""
        if value and value not in choices.values:
            raise ValidationError({name: _("Choose one of the options.")})
        cleaned[name] = value
    return cleaned


def _store_event(event: TallyEvent) -> bool:
    """Insert the event; False if its key was already used (the same tap sent again)."""
    if TallyEvent.objects.filter(key=event.key).exists():
        return False
    try:
        with transaction.atomic():
            event.save()
    except IntegrityError:
        # The same key at the same moment (a retry racing the original), or a key that
        # lives in another Treff: either way nothing new is counted.
        return False
    return True


@transaction.atomic
def tally_tap(
    *,
    treff: Treff,
    day: dt.date,
    occurrence: Occurrence | None = None,
    key: uuid.UUID,
    buckets: dict | None = None,
    user,
) -> tuple[Tally, bool]:
    """Count one visitor. Returns (tally, counted); counted is False for a repeated key."""
    _check_tally_day(day, occurrence)
    values = _clean_buckets(buckets or {})
    tally = _tally_for(treff=treff, day=day, occurrence=occurrence)
    event = TallyEvent(
        treff=treff, tally=tally, key=key, kind=TallyEvent.Kind.TAP, delta=1, created_by=user
    )
    for name, value in values.items():
        setattr(event, name, value)
    counted = _store_event(event)
    if counted:
        logger.info("tally tap: tally=%s by user=%s", tally.pk, user.pk)
    return tally, counted


@transaction.atomic
def tally_correct(
    *,
    treff: Treff,
    day: dt.date,
    occurrence: Occurrence | None = None,
    key: uuid.UUID,
    reason: str,
    new_total: int | None = None,
    buckets: dict | None = None,
    user,
) -> tuple[Tally, bool]:
    """Subtract one visitor (new_total None) or set the count to new_total; with a reason.

    The correction is an event like a tap, so the count stays the sum of events and the
    page can show the log: who, when, old and new count, and why. Raises ValidationError
    on "reason" when it is empty, on "new_total" outside 0 to MAX_TOTAL (CorrectionForm's
    limits and messages) or equal to the count, and without a field for a count that would
    go below zero.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for the correction.")})
    _check_tally_day(day, occurrence)
    values = _clean_buckets(buckets or {})
    tally = _tally_for(treff=treff, day=day, occurrence=occurrence)
    if TallyEvent.objects.filter(key=key).exists():
        return tally, False
    # The row lock serialises corrections of one tally (SQLite serialises all writers).
    Tally.objects.select_for_update(of=("self",)).filter(pk=tally.pk).first()
    old = selectors.tally_total(tally)
    if new_total is None:
        if old < 1:
            raise ValidationError(_("The count is 0; it cannot go below zero."))
        chosen = {name: value for name, value in values.items() if value}
        if chosen and selectors.tally_total(tally, **chosen) < 1:
            raise ValidationError(
                _("No visitor with these details has been counted; nothing to subtract.")
            )
        new = old - 1
    else:
        try:
            # The form's limits (0 to MAX_TOTAL), with the form's (Django's) messages.
            MinValueValidator(0)(new_total)
            MaxValueValidator(MAX_TOTAL)(new_total)
        except ValidationError as error:
            raise ValidationError({"new_total": error}) from None
        if new_total == old:
            raise ValidationError(
                {"new_total": _("The count is already %(total)d.") % {"total": old}}
            )
        new, values = new_total, dict.fromkeys(values, "")
    event = TallyEvent(
        treff=treff,
        tally=tally,
        key=key,
        kind=TallyEvent.Kind.CORRECTION,
        delta=new - old,
        reason=reason,
        old_total=old,
        new_total=new,
        created_by=user,
        **values,
    )
    event.full_clean()
    stored = _store_event(event)
    if stored:
        logger.info("tally corrected: tally=%s %s->%s by user=%s", tally.pk, old, new, user.pk)
    return tally, stored


# Lunch table ----------------------------------------------------------------------------------


@transaction.atomic
def lunch_day_save(*, lunch: LunchDay, treff: Treff, user) -> tuple[LunchDay, list[str]]:
    """Plan or record a lunch day. Returns the day and warnings about the plan's rule.

    A day in the future can be planned (menu, portions planned), but what happened (portions
    served, guests) only on the day or afterwards. More days in a week than the plan's rule
    allows is a warning, not a refusal: the Fachkonzept (§4.5) says the lunch table "should"
    be open up to three times a week, and a holiday week may justify a swap of days.
    """
    lunch.treff = treff
    lunch.updated_by = user
    errors = {}
    if lunch.date and lunch.date > timezone.localdate():
        for field in ("portions_served", "guests"):
            if getattr(lunch, field) is not None:
                errors[field] = _("This can only be recorded on the day or afterwards.")
    if errors:
        raise ValidationError(errors)
    lunch.full_clean()
    lunch.save()
    logger.info("lunch day saved: lunch=%s by user=%s", lunch.pk, user.pk)
    return lunch, lunch_warnings(lunch)


def lunch_warnings(lunch: LunchDay) -> list[str]:
    rules = selectors.lunch_rules(lunch.treff)
    monday = lunch.date - dt.timedelta(days=lunch.date.weekday())
    in_week = LunchDay.objects.filter(
        treff_id=lunch.treff_id, date__range=(monday, monday + dt.timedelta(days=6))
    ).count()
    if in_week > rules.max_per_week:
        return [
            _(
                "The week of %(monday)s now has %(count)d lunch days; the plan allows at most "
                "%(max)d."
            )
            % {
                "monday": formats.date_format(monday, "SHORT_DATE_FORMAT"),
                "count": in_week,
                "max": rules.max_per_week,
            }
        ]
    return []


# Clothing store -------------------------------------------------------------------------------


@transaction.atomic
def donation_add(*, donation: Donation, treff: Treff, user) -> Donation:
    donation.treff = treff
    donation.created_by = user
    if donation.date:
        _not_in_future(donation.date, _("A donation cannot be recorded for a future date."))
    donation.full_clean()
    donation.save()
    logger.info("donation recorded: donation=%s by user=%s", donation.pk, user.pk)
    return donation


@transaction.atomic
def handout_add(*, handout: Handout, treff: Treff, user) -> Handout:
    """Record a hand-out; refused if the store holds fewer pieces of that kind and size."""
    handout.treff = treff
    handout.created_by = user
    if handout.date:
        _not_in_future(handout.date, _("A hand-out cannot be recorded for a future date."))
    handout.full_clean()
    # Lock the Treff's row: two hand-outs at once cannot both take the last pieces.
    Treff.objects.with_scopes_disabled().select_for_update(of=("self",)).filter(pk=treff.pk).first()
    stock = selectors.stock_of(treff, handout.category, handout.size_group)
    if handout.quantity > stock:
        raise ValidationError(
            {
                "quantity": _(
                    "Only %(stock)d pieces of “%(category)s” in size “%(size)s” are in stock; "
                    "%(quantity)d cannot be handed out."
                )
                % {
                    "stock": stock,
                    "category": handout.get_category_display(),
                    "size": handout.get_size_group_display(),
                    "quantity": handout.quantity,
                }
            }
        )
    handout.save()
    logger.info("hand-out recorded: handout=%s by user=%s", handout.pk, user.pk)
    return handout


MAX_CLOTHING_LINES = 30


def donations_add(*, date: dt.date, lines: list[Donation], treff: Treff, user) -> list[Donation]:
    """Record several donations of one day at once; all of them, or none.

    `lines` are unsaved Donation objects (kind, size, season, pieces, condition); each gets
    `date` and is checked like donation_add. Raises ValidationError: {"date": …} for a
    missing, implausible or future date; a list of messages "Line n: …" naming every bad line
    (nothing saved); and for no lines or more than MAX_CLOTHING_LINES.
    """
    return _lines_add(
        date=date,
        lines=lines,
        treff=treff,
        user=user,
        add=lambda line: donation_add(donation=line, treff=treff, user=user),
    )


def handouts_add(*, date: dt.date, lines: list[Handout], treff: Treff, user) -> list[Handout]:
    """Record several hand-outs of one day at once; all of them, or none.

    Checked like handout_add, one line after the other: two lines of the same kind and size
    together may not take more than the stock holds. Errors as in donations_add.
    """
    return _lines_add(
        date=date,
        lines=lines,
        treff=treff,
        user=user,
        add=lambda line: handout_add(handout=line, treff=treff, user=user),
    )


def _lines_add(*, date, lines, treff, user, add) -> list:
    if not isinstance(date, dt.date):
        raise ValidationError({"date": _("Enter a valid date.")})
    try:
        past_date(date)
    except ValidationError as error:  # in the future, or implausibly long ago
        raise ValidationError({"date": error.messages}) from None
    lines = list(lines)
    if not lines:
        raise ValidationError(_("Enter at least one line."))
    if len(lines) > MAX_CLOTHING_LINES:
        raise ValidationError(
            _("Enter at most %(count)d lines at once.") % {"count": MAX_CLOTHING_LINES}
        )
    errors = []
    with transaction.atomic():
        saved = []
        for number, line in enumerate(lines, start=1):
            line.date = date
            try:
                # A savepoint each: a refused line leaves the others' checks intact (a later
                # hand-out line sees the stock without the refused one).
                saved.append(add(line))
            except ValidationError as error:
                errors.extend(_line_messages(number, line, error))
        if errors:
            raise ValidationError(errors)  # leaves the transaction: every line is rolled back
    logger.info(
        "clothing lines recorded: %s lines=%s treff=%s by user=%s",
        type(lines[0])._meta.model_name,
        len(saved),
        treff.pk,
        user.pk,
    )
    return saved


def _line_messages(number: int, line, error: ValidationError) -> list[str]:
    if not hasattr(error, "error_dict"):
        return [
            _("Line %(number)d: %(message)s") % {"number": number, "message": message}
            for message in error.messages
        ]
    found = []
    for name, messages in error.message_dict.items():
        try:
            label = line._meta.get_field(name).verbose_name
        except FieldDoesNotExist:  # "__all__" names no field
            label = None
        for message in messages:
            if label:
                found.append(
                    _("Line %(number)d, %(field)s: %(message)s")
                    % {"number": number, "field": label, "message": message}
                )
            else:
                found.append(
                    _("Line %(number)d: %(message)s") % {"number": number, "message": message}
                )
    return found


@transaction.atomic
def clothing_entry_remove(*, entry: Donation | Handout, user) -> None:
    """Take back a wrongly recorded donation or hand-out. A donation whose pieces have
    already been handed out cannot go: the stock would fall below zero."""
    treff = entry.treff
    Treff.objects.with_scopes_disabled().select_for_update(of=("self",)).filter(pk=treff.pk).first()
    if isinstance(entry, Donation):
        stock = selectors.stock_of(treff, entry.category, entry.size_group)
        if entry.quantity > stock:
            raise ValidationError(
                _(
                    "This donation cannot be removed: only %(stock)d of its %(quantity)d "
                    "pieces are still in stock. Record a correction as a hand-out instead."
                )
                % {"stock": stock, "quantity": entry.quantity}
            )
    logger.info(
        "clothing entry removed: %s=%s treff=%s by user=%s",
        entry._meta.model_name,
        entry.pk,
        treff.pk,
        user.pk,
    )
    entry.delete()


@transaction.atomic
def swap_save(*, swap: SwapEvent, treff: Treff, user) -> SwapEvent:
    """A clothes swap can be announced ahead; its figures only once it has taken place."""
    swap.treff = treff
    if swap.date and swap.date > timezone.localdate():
        errors = {
            field: _("This can only be recorded on the day or afterwards.")
            for field in ("visitors", "items_brought", "items_taken")
            if getattr(swap, field)
        }
        if errors:
            raise ValidationError(errors)
    swap.full_clean()
    swap.save()
    logger.info("clothes swap saved: swap=%s by user=%s", swap.pk, user.pk)
    return swap
