"""Writes for volunteers and help requests: intake, proposals, answers, completion.

Every status change stamps its time; a proposal is only ever made for a request whose
seeker consented, to an active volunteer who offers that help and, where the kind needs one,
holds a valid police clearance (checked again here, not only when ranking).
"""

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from treff.offers import planning as offer_planning

from . import matching, notify
from .models import HelpRequest, HelpSeeker, Shift, ShiftSignup, ShiftTemplate, Volunteer

logger = logging.getLogger(__name__)


@transaction.atomic
def volunteer_save(*, volunteer: Volunteer, availability=None, treff=None, user) -> Volunteer:
    if treff is not None:
        volunteer.treff = treff
    if volunteer.clearance_seen_on and not volunteer.clearance_seen_by_id:
        volunteer.clearance_seen_by = user
    volunteer.full_clean()
    volunteer.save()
    if availability is not None:
        availability.instance = volunteer
        availability.save()
    logger.info("volunteer saved: volunteer=%s by user=%s", volunteer.pk, user.pk)
    return volunteer


@transaction.atomic
def request_intake(*, seeker: HelpSeeker, request: HelpRequest, consent: bool, treff, user):
    """A request taken by phone or at the Treff, with the seeker's consent as stated."""
    seeker.treff = treff
    _record_consent(seeker, consent)
    seeker.full_clean()
    seeker.save()
    request.treff = treff
    request.seeker = seeker
    request.full_clean()
    request.save()
    logger.info("help request taken: request=%s by user=%s", request.pk, user.pk)
    return request


def _record_consent(seeker: HelpSeeker, consent: bool) -> None:
    today = timezone.localdate()
    if consent and not seeker.consents:
        seeker.consent_on, seeker.consent_withdrawn_on = today, None
    elif not consent and seeker.consents:
        seeker.consent_withdrawn_on = today


def public_request_submit(*, treff, data: dict) -> tuple[HelpRequest, bool]:
    """The public form. Returns (request, created); the same key twice finds the first."""
    existing = HelpRequest.objects.filter(submission_key=data["key"]).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            seeker = HelpSeeker(
                treff=treff,
                name=data["name"],
                phone=data["phone"],
                district=data["district"],
                language=data["language"],
                channel=HelpSeeker.Channel.WEB,
                consent_on=timezone.localdate() if data["consent"] else None,
            )
            seeker.full_clean()
            seeker.save()
            request = HelpRequest(
                treff=treff,
                seeker=seeker,
                kind=data["kind"],
                date=data["date"],
                start=data["start"],
                end=data["end"],
                notes=data["notes"],
                submission_key=data["key"],
            )
            request.full_clean()
            request.save()
    except IntegrityError:
        # The same form sent twice at once: the other submission won; return it.
        return HelpRequest.objects.get(submission_key=data["key"]), False
    logger.info("help request from the web: request=%s treff=%s", request.pk, treff.pk)
    return request, True


@transaction.atomic
def request_propose(*, request: HelpRequest, volunteer: Volunteer, user) -> HelpRequest:
    request = HelpRequest.objects.select_for_update().select_related("seeker").get(pk=request.pk)
    if request.status not in (HelpRequest.Status.OPEN, HelpRequest.Status.NO_MATCH):
        raise ValidationError(_("This request is not open any more."))
    problems = matching.refusals(request, volunteer, today=timezone.localdate())
    if problems:
        raise ValidationError(problems)
    request.volunteer = volunteer
    request.status = HelpRequest.Status.PROPOSED
    request.proposed_at = timezone.now()
    request.save()
    notify.request_proposed(request)
    logger.info(
        "help request proposed: request=%s volunteer=%s by user=%s",
        request.pk,
        volunteer.pk,
        user.pk,
    )
    return request


@transaction.atomic
def request_answer(*, request: HelpRequest, accept: bool, user) -> HelpRequest:
    request = HelpRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != HelpRequest.Status.PROPOSED:
        raise ValidationError(_("This request is not waiting for your answer."))
    if accept:
        request.status = HelpRequest.Status.ACCEPTED
        request.accepted_at = timezone.now()
    else:
        # Back to the coordinator, who proposes someone else.
        request.status = HelpRequest.Status.OPEN
        request.volunteer = None
        request.proposed_at = None
    request.save()
    notify.request_answered(request, accepted=accept)
    logger.info(
        "help request answered: request=%s accept=%s by user=%s", request.pk, accept, user.pk
    )
    return request


@transaction.atomic
def request_close(*, request: HelpRequest, status: str, minutes: int | None = None, user):
    allowed = {
        HelpRequest.Status.DONE: (HelpRequest.Status.ACCEPTED,),
        HelpRequest.Status.CANCELLED: (
            HelpRequest.Status.OPEN,
            HelpRequest.Status.PROPOSED,
            HelpRequest.Status.ACCEPTED,
            HelpRequest.Status.NO_MATCH,
        ),
        HelpRequest.Status.NO_MATCH: (HelpRequest.Status.OPEN,),
    }
    request = HelpRequest.objects.select_for_update().get(pk=request.pk)
    if request.status not in allowed.get(status, ()):
        raise ValidationError(_("This step is not possible for the request as it stands."))
    request.status = status
    request.minutes_spent = minutes
    if status != HelpRequest.Status.NO_MATCH:
        request.closed_at = timezone.now()
    request.save()
    logger.info("help request closed: request=%s status=%s by user=%s", request.pk, status, user.pk)
    return request


@transaction.atomic
def request_refer(*, request: HelpRequest, partner, user) -> HelpRequest:
    """Note the partner service the person was referred to (None takes it back)."""
    if partner is not None and not partner.active:
        raise ValidationError(_("This service is no longer active."))
    request = HelpRequest.objects.select_for_update().get(pk=request.pk)
    request.referred_to = partner
    request.save(update_fields=["referred_to"])
    logger.info(
        "help request referred: request=%s partner=%s by user=%s",
        request.pk,
        partner.pk if partner else None,
        user.pk,
    )
    return request


# Shifts -------------------------------------------------------------------------------------


@transaction.atomic
def shift_template_save(*, template: ShiftTemplate, treff, user) -> ShiftTemplate:
    """Save a template and lay out its shifts: its weekdays, without holidays and closures.

    Shifts that already have sign-ups are kept even if the template no longer covers them,
    so nobody's commitment disappears silently.
    """
    template.treff = treff
    template.full_clean()
    template.save()
    wanted = set(_shift_dates(template))
    existing = {shift.date: shift for shift in template.shifts.all()}
    for day, shift in existing.items():
        if day not in wanted and not shift.signups.filter(cancelled_at__isnull=True).exists():
            shift.delete()
        elif day in wanted:
            Shift.objects.filter(pk=shift.pk).update(start=template.start, end=template.end)
    Shift.objects.bulk_create(
        Shift(treff=treff, template=template, date=day, start=template.start, end=template.end)
        for day in sorted(wanted - existing.keys())
    )
    logger.info("shift template saved: template=%s by user=%s", template.pk, user.pk)
    return template


def _shift_dates(template: ShiftTemplate):
    holidays = offer_planning.holidays_between(template.starts_on, template.ends_on)
    closures = offer_planning.closures_between(
        template.treff_id, template.starts_on, template.ends_on
    )
    day = template.starts_on
    while day <= template.ends_on:
        if day.weekday() in template.weekdays and day not in holidays and day not in closures:
            yield day
        day += dt.timedelta(days=1)


@transaction.atomic
def shift_sign_up(*, shift: Shift, volunteer: Volunteer, user) -> ShiftSignup:
    shift = Shift.objects.select_for_update().select_related("template").get(pk=shift.pk)
    if shift.date < timezone.localdate():
        raise ValidationError(_("This shift is over."))
    if volunteer.status != Volunteer.Status.ACTIVE:
        raise ValidationError(_("Only active volunteers can sign up."))
    active = shift.signups.filter(cancelled_at__isnull=True)
    if active.filter(volunteer=volunteer).exists():
        raise ValidationError(_("You are already signed up for this shift."))
    if active.count() >= shift.template.max_volunteers:
        raise ValidationError(_("This shift is full."))
    signup = ShiftSignup.objects.create(shift=shift, volunteer=volunteer)
    logger.info("shift signup: shift=%s volunteer=%s by user=%s", shift.pk, volunteer.pk, user.pk)
    return signup


@transaction.atomic
def shift_cancel(*, signup: ShiftSignup, user) -> None:
    if signup.cancelled_at is not None:
        return
    if signup.shift.date < timezone.localdate():
        raise ValidationError(_("This shift is over."))
    signup.cancelled_at = timezone.now()
    signup.save(update_fields=["cancelled_at"])
    logger.info("shift signup cancelled: signup=%s by user=%s", signup.pk, user.pk)
