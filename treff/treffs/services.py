"""Writes to Treffs and rooms. Views call these; each validates fully and is atomic."""

import logging
from collections import Counter
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from treff.core.weekly import weekly_rows_replace

from .models import OpeningHours, Organisation, Room, Treff
from .signals import holiday_state_changed

logger = logging.getLogger(__name__)


@transaction.atomic
def treff_create(*, treff: Treff, opening_hours: Sequence[OpeningHours] = (), user) -> Treff:
    """Create a Treff with its opening hours (unsaved OpeningHours rows, at most
    MAX_WEEKLY_ROWS; see core.weekly). Raises ValidationError; nothing is written then."""
    treff.full_clean()
    treff.save()
    weekly_rows_replace(owner=treff, related_name="opening_hours", rows=opening_hours)
    logger.info("treff created: treff=%s by user=%s", treff.pk, user.pk)
    return treff


@transaction.atomic
def treff_update(
    *, treff: Treff, opening_hours: Sequence[OpeningHours] | None = None, user
) -> Treff:
    """Save a Treff; `opening_hours`, when given, replace all of its opening hours (as in
    treff_create). A new `holiday_state` plans the Treff's series again for that Land's
    holidays (signals.holiday_state_changed). Raises ValidationError; nothing is written
    then."""
    treff.full_clean()
    previous = (
        Treff._base_manager.filter(pk=treff.pk).values_list("holiday_state", flat=True).first()
    )
    treff.save()
    if previous is not None and previous != treff.holiday_state:
        holiday_state_changed.send(sender=Treff, treff=treff, previous=previous)
    if opening_hours is not None:
        weekly_rows_replace(owner=treff, related_name="opening_hours", rows=opening_hours)
    logger.info("treff changed: treff=%s by user=%s", treff.pk, user.pk)
    return treff


@transaction.atomic
def organisation_save(*, organisation: Organisation, user) -> Organisation:
    """Create or change an organisation. A kind that its Treffs or roles no longer fit (a
    carrier with Treffs made a partner) is refused: ValidationError, nothing written."""
    organisation.full_clean()
    twin = Organisation.objects.filter(
        name__iexact=organisation.name.strip(), department__iexact=organisation.department.strip()
    ).exclude(pk=organisation.pk)
    if twin.exists():
        raise ValidationError({"name": _("An organisation with this name already exists.")})
    if organisation.pk:
        previous = Organisation.objects.get(pk=organisation.pk)
        if previous.kind != organisation.kind:
            in_use = Treff.objects.with_scopes_disabled().filter(carrier=organisation).exists()
            # Open invitations (people app) to one of its roles count as well.
            invited = organisation.invitations.filter(
                accepted_at__isnull=True, withdrawn_at__isnull=True
            ).exists()
            if in_use or invited or organisation.memberships.exists():
                raise ValidationError(
                    {
                        "kind": _(
                            "The kind cannot change while the organisation runs Treffs or "
                            "people hold or are invited to roles in it."
                        )
                    }
                )
    organisation.save()
    logger.info("organisation saved: organisation=%s by user=%s", organisation.pk, user.pk)
    return organisation


@transaction.atomic
def room_save(*, room: Room, treff: Treff, user) -> Room:
    room.treff = treff
    room.full_clean()
    room.save()
    logger.info("room saved: room=%s treff=%s by user=%s", room.pk, treff.pk, user.pk)
    return room


@transaction.atomic
def room_delete(*, room: Room, user) -> None:
    """Delete a room nothing is booked in.

    Raises ValidationError naming what still uses the room (series, their dates, moved
    dates): those are moved or deleted first, so no booking silently loses its room.
    """
    try:
        with transaction.atomic():
            room.delete()
    except (ProtectedError, RestrictedError) as error:
        uses = Counter(type(obj) for obj in error.protected_objects)
        raise ValidationError(
            _(
                "The room “%(name)s” is still in use (%(uses)s). Move these to another room "
                "or delete them first."
            )
            % {
                "name": room.name,
                "uses": ", ".join(
                    f"{model._meta.verbose_name_plural}: {count}"
                    for model, count in sorted(
                        uses.items(), key=lambda item: str(item[0]._meta.verbose_name_plural)
                    )
                ),
            },
            code="room_in_use",
        ) from None
    logger.info("room deleted: room=%s treff=%s by user=%s", room.pk, room.treff_id, user.pk)
