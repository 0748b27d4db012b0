"""Private calendar feeds: create one behind a new token, revoke it.

Split from services.py, which re-exports these functions.
"""

import logging
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from treff.treffs.models import Room, Treff

from .models import CalendarFeed, Offer

logger = logging.getLogger("treff.offers.services")


@transaction.atomic
def feed_create(
    *, treff: Treff, user, room: Room | None = None, offer: Offer | None = None
) -> tuple[CalendarFeed, bool]:
    """The user's private feed of the whole Treff, one room or one offer; (feed, created).

    The same feed asked for twice is the first one (one token per user and target). Raises
    ValidationError ("target") for a room and an offer at once or either of another Treff,
    and when the user may not see the Treff's plan (the feed would show it).
    """
    if room is not None and offer is not None:
        raise ValidationError({"target": _("Choose the whole Treff, one room or one offer.")})
    if any(item is not None and item.treff_id != treff.pk for item in (room, offer)):
        raise ValidationError({"target": _("This belongs to another Treff.")})
    if not user.has_perm("offers.view_plan", treff):
        raise ValidationError(_("You may not see this Treff's plan."))
    scope = (
        CalendarFeed.Scope.ROOM
        if room
        else CalendarFeed.Scope.OFFER
        if offer
        else CalendarFeed.Scope.TREFF
    )
    target = {"treff": treff, "scope": scope, "room": room, "offer": offer, "created_by": user}
    feed = CalendarFeed.objects.filter(**target).first()
    if feed is not None:
        return feed, False
    feed = CalendarFeed.objects.create(**target, token=secrets.token_urlsafe(32))
    logger.info("calendar feed created: feed=%s scope=%s by user=%s", feed.pk, scope, user.pk)
    return feed, True


@transaction.atomic
def feed_revoke(*, feed: CalendarFeed, user) -> None:
    """Delete the feed: its address stops working. Only its creator may; ValidationError else."""
    if feed.created_by_id != user.pk:
        raise ValidationError(_("Only the person who created a calendar address can revoke it."))
    logger.info("calendar feed revoked: feed=%s by user=%s", feed.pk, user.pk)
    feed.delete()
