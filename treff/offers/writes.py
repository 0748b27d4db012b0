"""The steps every write of a series goes through, shared by the services modules.

Expanding a series, checking its dates against everything booked (rooms within the Treff,
people everywhere), storing its occurrences, and turning a refusal of the database into a
message. Used by services.py, services_requests.py and services_split.py; views call
those, never this module.
"""

import logging
from dataclasses import replace

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_scopes import scopes_disabled

from treff.treffs.models import Treff

from . import planning
from .engine import conflicts as engine_conflicts
from .engine import recurrence as engine
from .models import Occurrence, Series, SeriesChange

logger = logging.getLogger("treff.offers.services")
MAX_LISTED_CONFLICTS = 5


def stale_series_message() -> str:
    """The refusal of a form opened on an older version of the series (Series.version)."""
    return _(
        "Someone else changed this series while you were editing it. Nothing "
        "has been saved; please reload the page and enter your change again."
    )


def save_in_place(series: Series, expected_version: int | None) -> Series:
    """Create or change `series` as it is (run inside guarded()); see services.series_save."""
    if series.pk:
        current = Series.objects.select_for_update(of=("self",)).get(pk=series.pk)
        if expected_version is not None and current.version != expected_version:
            raise ValidationError(stale_series_message())
        series.version = current.version + 1
    if series.offer_id is None:
        raise ValidationError({"offer": _("Choose the offer.")})
    if series.pk is None and not series.offer.active:
        # Archiving ended the offer's dates (services.offer_archive); new ones need a restore.
        raise ValidationError(
            {"offer": _("This offer is archived; restore it before adding dates.")}
        )
    series.treff_id = series.offer.treff_id
    series.full_clean()
    check_room(series)
    series.rrule = engine.to_rrule(planning.recurrence_of(series), tz=planning.timezone())
    series.save()
    materialise(series)
    return series


def guarded(write, series):
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
                found = conflicts(series, planning.expand(series))
            if found:
                raise ValidationError(found) from None
        raise ValidationError(
            _("Another booking for the same room or person was saved at the same moment.")
        ) from None


def check_room(series: Series) -> None:
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


def materialise(series: Series) -> None:
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
    found = conflicts(series, occurrences)
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


def rematerialise_on(treff: Treff, day) -> None:
    """Expand again every series with a date on `day`: by its rule, or moved there."""
    moved_there = SeriesChange.objects.filter(treff=treff, cancelled=False, new_date=day).values(
        "series_id"
    )
    for series in Series.objects.filter(treff=treff).filter(
        Q(starts_on__lte=day, ends_on__gte=day) | Q(pk__in=moved_there)
    ):
        materialise(series)


def rematerialise_for_holidays(*, treff: Treff, previous: str, **_signal) -> None:
    """Plan again every series of `treff` that runs on a day, from today on, that is a
    holiday in only one of the two Länder (`previous` and treff.holiday_state), or has
    another name in the other. Receiver of treffs.signals.holiday_state_changed; raises
    ValidationError (naming the double booking) when a day that opens up collides."""
    today = timezone.localdate()
    rows = list(Series.objects.filter(treff=treff, ends_on__gte=today).order_by("pk"))
    if not rows:
        return
    last = max(series.ends_on for series in rows)
    before = planning.holidays_between(today, last, state=previous)
    after = planning.holidays_between(today, last, state=treff.holiday_state)
    changed = {day for day in before.keys() | after.keys() if before.get(day) != after.get(day)}
    for series in rows:
        if any(series.starts_on <= day <= series.ends_on for day in changed):
            series.treff = treff
            guarded(lambda series=series: materialise(series), series)


def conflicts(series: Series, occurrences) -> list[str]:
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
    if series.responsible_id:  # a clash among the series' own dates names its person too
        people_names.setdefault(series.responsible_id, str(series.responsible))
    labels = {(row.series_id, row.original_date): row.pk for row in rows}
    found = engine_conflicts.conflicts_between(active, existing)
    messages = []
    own = series.pk or 0  # the engine's id of the dates being saved (0 for a new series)
    for conflict in found[:MAX_LISTED_CONFLICTS]:
        # conflicts_between() puts the booking that was there already first. A clash among
        # the series' own dates (one moved onto another) names the series like any other.
        existing_occ = conflict.first
        if (
            existing_occ.series_id != own
            and labels.get((existing_occ.series_id, existing_occ.original_date)) not in visible
        ):
            conflict = replace(
                conflict, first=replace(existing_occ, label=_("another appointment"))
            )
        messages.append(
            conflict.message(
                room_name=lambda pk: names.get(pk, "?"),
                person_name=lambda pk: people_names.get(pk, "?"),
                format_dt=format_dt,
            )
        )
    if len(found) > MAX_LISTED_CONFLICTS:
        more = len(found) - MAX_LISTED_CONFLICTS
        messages.append(
            ngettext("… and %(count)d more conflict.", "… and %(count)d more conflicts.", more)
            % {"count": more}
        )
    return messages


def format_dt(value) -> str:
    local = value.astimezone(planning.timezone())
    return _("%(date)s at %(time)s") % {
        "date": formats.date_format(local, "SHORT_DATE_FORMAT"),
        "time": f"{local:%H:%M}",
    }
