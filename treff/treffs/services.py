"""Writes to Treffs and rooms. Views call these; each validates fully and is atomic."""

import logging

from django.db import transaction

from .models import Room, Treff

logger = logging.getLogger(__name__)


@transaction.atomic
def treff_create(*, treff: Treff, opening_hours=None, user) -> Treff:
    treff.full_clean()
    treff.save()
    if opening_hours is not None:
        opening_hours.instance = treff
        opening_hours.save()
    logger.info("treff created: treff=%s by user=%s", treff.pk, user.pk)
    return treff


@transaction.atomic
def treff_update(*, treff: Treff, opening_hours=None, user) -> Treff:
    treff.full_clean()
    treff.save()
    if opening_hours is not None:
        opening_hours.save()
    logger.info("treff changed: treff=%s by user=%s", treff.pk, user.pk)
    return treff


@transaction.atomic
def room_save(*, room: Room, treff: Treff, user) -> Room:
    room.treff = treff
    room.full_clean()
    room.save()
    logger.info("room saved: room=%s treff=%s by user=%s", room.pk, treff.pk, user.pk)
    return room


@transaction.atomic
def room_delete(*, room: Room, user) -> None:
    logger.info("room deleted: room=%s treff=%s by user=%s", room.pk, room.treff_id, user.pk)
    room.delete()
