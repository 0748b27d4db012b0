"""A change of a series from a date on: the dates before it stay as they were.

services.py re-exports series_change_from. The steps of every series write (checks,
occurrences) are in writes.py; this module decides between changing a series in place and
ending it the day before, with a new series that continues it.
"""

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

from treff.core.validators import planned_date

from . import planning
from .engine import recurrence as engine
from .models import Series
from .writes import (
    check_room,
    guarded,
    materialise,
    save_in_place,
    stale_series_message,
)

logger = logging.getLogger("treff.offers.services")


def series_change_from(
    *, series: Series, apply_from: dt.date | None, user, expected_version: int | None = None
) -> Series:
    """Save an edited series so that the change applies from `apply_from` on.

    `series` is the stored series with the edited values set (not saved yet). When the stored
    series has dates before `apply_from` (also cancelled or moved ones), it is split: the
    stored series ends the day before, keeping its past dates, their single-date changes and
    tallies, and what plan snapshots say about it; a new series of the same offer
    (`continues` the old one) carries the edited values from the first date of the edited
    rule on or after `apply_from`, so "every 2 weeks" keeps its rhythm. Single-date changes
    of dates from `apply_from` on go to the new series, and so do the tallies of the dates
    it keeps. When nothing lies before `apply_from`, or the series is a single date, the
    series is changed in place, as series_save does; so is an edit that changes no date (the
    last date, a note, the expected number of people). `apply_from` None means
    Series.change_applies_from(), today or the first date of a series yet to start.

    Returns the series that now holds the edited values (the new one after a split). Raises
    ValidationError, with nothing written, for everything series_save refuses (conflicts are
    checked for the new series as usual), for a stale form, and ("apply_from" field) for a
    day outside ±5 years or one after which the edited rule has no date.
    """
    if series.pk is None:
        raise ValidationError(_("Only a saved series can be changed from a date on."))
    if apply_from is not None:
        if not isinstance(apply_from, dt.date):
            raise ValidationError({"apply_from": _("Enter a valid date.")})
        try:
            planned_date(apply_from)
        except ValidationError as error:
            raise ValidationError({"apply_from": error.messages}) from None

    def write():
        current = (
            Series.objects.select_for_update(of=("self",)).select_related("offer").get(pk=series.pk)
        )
        if expected_version is not None and current.version != expected_version:
            raise ValidationError(stale_series_message())
        day = apply_from or current.change_applies_from()
        if not _changes_dates(current, series) or not _has_dates_before(current, day):
            return save_in_place(series, expected_version)
        return _split(current, series, day)

    saved = guarded(write, series)
    if saved.pk == series.pk:
        logger.info("series saved: series=%s by user=%s", saved.pk, user.pk)
    else:
        logger.info(
            "series split: series=%s continued by series=%s by user=%s",
            series.pk,
            saved.pk,
            user.pk,
        )
    return saved


# What decides when, where and with whom the dates take place. An edit of anything else (the
# last date, a note, the expected number) changes no date that has been, so it needs no split.
_DATE_FIELDS = (
    "offer_id",
    "kind",
    "starts_on",
    "interval",
    "weekdays",
    "nth",
    "month_day",
    "start_time",
    "end_time",
    "room_id",
    "responsible_id",
    "holiday_policy",
)


def _changes_dates(current: Series, edited: Series) -> bool:
    return any(getattr(current, name) != getattr(edited, name) for name in _DATE_FIELDS)


def _has_dates_before(series: Series, day: dt.date) -> bool:
    """Whether the stored series has a date (stored, or changed) before `day`."""
    if series.kind == engine.Kind.ONCE:
        return False  # a single date has nothing before or after it to keep apart
    return (
        series.occurrences.filter(original_date__lt=day).exists()
        or series.changes.filter(original_date__lt=day).exists()
    )


def _split(current: Series, edited: Series, apply_from: dt.date) -> Series:
    """End `current` the day before `apply_from`; a new series takes `edited` from then on."""
    if edited.offer_id is None:
        raise ValidationError({"offer": _("Choose the offer.")})
    skipped = ("id", "continues_id", "rrule", "version", "created_at", "updated_at")
    new = Series(
        **{
            field.attname: getattr(edited, field.attname)
            for field in Series._meta.concrete_fields
            if field.attname not in skipped
        },
        continues=current,
    )
    new.treff_id = new.offer.treff_id
    new.full_clean()  # the edited rule, before its dates are asked for
    starts_on = _first_date_from(new, apply_from)
    if starts_on is None:
        raise ValidationError(
            {
                "apply_from": _(
                    "The changed series has no date from %(date)s on; choose an earlier day "
                    "or a later last date."
                )
                % {"date": formats.date_format(apply_from, "SHORT_DATE_FORMAT")}
            }
        )
    new.starts_on = starts_on
    if new.kind == engine.Kind.ONCE:
        new.ends_on = starts_on
    new.full_clean()
    check_room(new)

    current.ends_on = apply_from - dt.timedelta(days=1)
    current.version += 1
    current.full_clean()
    current.rrule = engine.to_rrule(planning.recurrence_of(current), tz=planning.timezone())
    current.save()
    new.rrule = engine.to_rrule(planning.recurrence_of(new), tz=planning.timezone())
    new.save()
    # The changes of dates from apply_from on follow them, then the old series gives up
    # those dates before the new one is checked against everything booked.
    current.changes.filter(original_date__gte=apply_from).update(series=new)
    materialise(current)
    materialise(new)
    # A tally counts the people at one date; it follows only a date the new series has
    # (today's, when the change applies from today). The relation is operations' (Tally).
    tallies = getattr(current, "tallies", None)
    if tallies is not None:
        kept = new.occurrences.values("original_date")
        tallies.filter(original_date__gte=apply_from, original_date__in=kept).update(series=new)
    return new


def _first_date_from(series: Series, day: dt.date) -> dt.date | None:
    """The first date of the series' rule on or after `day` (its rhythm kept), or None."""
    rule = planning.recurrence_of(series)
    if rule.kind == engine.Kind.ONCE:
        return rule.starts_on if rule.starts_on >= day else None
    found = engine.dates(rule, window_start=day)
    return found[0] if found else None
