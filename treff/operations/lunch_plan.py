"""A lunch day recorded on a day without a Mittagstisch date: add that date to the plan.

So that the plan, the door PDF and the lunch table agree. The date is a one-off series of
the Treff's lunch offer at its usual time and room, written through the offers services
(conflict checks, occurrences, and an approved plan showing it as changed since approval).
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

from treff.core.validators import planned_date
from treff.offers import services as offer_services
from treff.offers.models import Category, HolidayPolicy, Offer, Series
from treff.treffs.models import Treff

from . import selectors
from .models import LunchDay

logger = logging.getLogger(__name__)


@dataclass
class LunchDateProposal:
    """What adding the day to the plan would create: an unsaved one-off series."""

    day: dt.date
    series: Series


def lunch_date_proposal(treff: Treff, day: dt.date) -> LunchDateProposal:
    """The one-off Mittagstisch date for a lunch day that the plan lacks.

    The Treff's active lunch offer (of several, the one with the latest series), at the start
    and end time and in the room of its series nearest to the day. Raises ValidationError
    for a day outside ±5 years, a day without a lunch day, a day the plan has a Mittagstisch
    date already, and a Treff without an active lunch offer with a series to copy.
    """
    if not isinstance(day, dt.date):
        raise ValidationError(_("Enter a valid date."))
    planned_date(day)
    when = formats.date_format(day, "SHORT_DATE_FORMAT")
    if not LunchDay.objects.filter(treff=treff, date=day).exists():
        raise ValidationError(_("No lunch day is recorded on %(date)s.") % {"date": when})
    if selectors.lunch_plan_dates(treff, day, day):
        raise ValidationError(
            _("The plan already has a Mittagstisch date on %(date)s.") % {"date": when}
        )
    offers = Offer.objects.filter(treff=treff, category=Category.LUNCH, active=True)
    series = (
        Series.objects.filter(offer__in=offers)
        .select_related("offer", "room")
        .order_by("-starts_on", "pk")
    )
    model = _nearest(list(series), day)
    if model is None:
        raise ValidationError(
            _(
                "The Treff has no active lunch offer with a series to take the time and room "
                "from; add one under Offers and series first."
            )
        )
    return LunchDateProposal(
        day,
        Series(
            treff_id=treff.pk,
            offer=model.offer,
            kind="once",
            starts_on=day,
            ends_on=day,
            start_time=model.start_time,
            end_time=model.end_time,
            room=model.room,
            responsible_id=model.responsible_id,
            # The lunch took place (or will): a holiday or closure day must not skip it.
            holiday_policy=HolidayPolicy.FLAG,
            expected_participants=model.expected_participants,
            needs_barrier_free=model.needs_barrier_free,
            note=_("Added from the lunch table"),
        ),
    )


def _nearest(series: list[Series], day: dt.date) -> Series | None:
    """The series whose span is nearest to `day` (one that covers it first); the latest
    offer's series win a tie, as they come first."""

    def distance(item: Series) -> int:
        if item.starts_on <= day <= item.ends_on:
            return 0
        return min(abs((item.starts_on - day).days), abs((item.ends_on - day).days))

    return min(series, key=distance, default=None)


def lunch_date_add(*, treff: Treff, day: dt.date, user) -> Series:
    """Add the proposal of lunch_date_proposal to the plan; its errors, and every refusal of
    offers.services.series_save (a room or person booked at that time), as ValidationError."""
    proposal = lunch_date_proposal(treff, day)
    saved = offer_services.series_save(series=proposal.series, user=user)
    logger.info("lunch date added to the plan: treff=%s series=%s", treff.pk, saved.pk)
    return saved
