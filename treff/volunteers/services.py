"""Writes for volunteers and help requests: intake, proposals, answers, completion, corrections.

Every status change stamps its time; a proposal is only ever made for a request whose
seeker consented, to an active volunteer who offers that help and, where the kind needs one,
holds a valid police clearance (checked again here, not only when ranking). Every write
validates the whole row (`full_clean`) inside one transaction, so a refused input is a
`ValidationError` with a message and nothing is half-written. Logs carry ids and field
names, never personal data. Shifts and qualifications: `services_shifts.py`.
"""

import datetime as dt
import logging
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from treff.core.weekly import weekly_rows_replace

from . import matching, notify
from .choices import validate_requestable_kind
from .models import (
    Availability,
    HelpRequest,
    HelpRequestChange,
    HelpSeeker,
    Volunteer,
    validate_help_when,
    validate_new_help_date,
)
from .services_applications import send_again_message

logger = logging.getLogger(__name__)

# What a coordinator may correct: the seeker's details and the request's what and when.
SEEKER_FIELDS = ("name", "phone", "address", "district", "language", "special_needs", "channel")
REQUEST_FIELDS = (
    "kind",
    "date",
    "weekday",
    "start",
    "end",
    "urgency",
    "prefers_gender",
    "notes",
    "helped_on",
    "minutes_spent",
)
# A change of these is news for a volunteer who was asked or has accepted.
VOLUNTEER_RELEVANT = {"kind", "date", "weekday", "start", "end", "notes"}


@transaction.atomic
def volunteer_save(
    *, volunteer: Volunteer, availability: Sequence[Availability] | None = None, treff=None, user
) -> Volunteer:
    """Save a volunteer's profile; `availability`, when given, replaces all their weekly
    windows (unsaved Availability rows, at most MAX_WEEKLY_ROWS; see core.weekly).
    The day the engagement ended belongs to the status "left": today unless the coordinator
    gave the day, and cleared for anyone not (or no longer) left (the reports count leavers
    by it). Raises ValidationError; nothing is written then."""
    if treff is not None:
        volunteer.treff = treff
    if volunteer.status != Volunteer.Status.LEFT:
        volunteer.ended_on = None
    elif volunteer.ended_on is None:
        volunteer.ended_on = timezone.localdate()
    if volunteer.clearance_seen_on and not volunteer.clearance_seen_by_id:
        volunteer.clearance_seen_by = user
    volunteer.full_clean()
    volunteer.save()
    if availability is not None:
        weekly_rows_replace(owner=volunteer, related_name="availability", rows=availability)
    logger.info("volunteer saved: volunteer=%s by user=%s", volunteer.pk, user.pk)
    return volunteer


@transaction.atomic
def help_request_intake(
    *, seeker: HelpSeeker, help_request: HelpRequest, consent: bool, treff, user
):
    """A request taken by phone or at the Treff, with the seeker's consent as stated."""
    seeker.treff = treff
    _record_consent(seeker, consent)
    seeker.full_clean()
    seeker.save()
    help_request.treff = treff
    help_request.seeker = seeker
    validate_help_when(help_request.date, help_request.weekday)
    validate_new_help_date(help_request.date, today=timezone.localdate())
    help_request.full_clean()
    help_request.save()
    logger.info("help request taken: request=%s by user=%s", help_request.pk, user.pk)
    return help_request


def _record_consent(seeker: HelpSeeker, consent: bool) -> None:
    today = timezone.localdate()
    if consent and not seeker.consents:
        seeker.consent_on, seeker.consent_withdrawn_on = today, None
    elif not consent and seeker.consents:
        seeker.consent_withdrawn_on = today


def public_request_submit(*, treff, data: dict) -> tuple[HelpRequest, bool]:
    """The public form. Returns (request, created); the same key twice finds the first.

    `data` is the form's cleaned data (name, phone, district, language, kind, date, start,
    end, notes, consent, key). Raises ValidationError (by field) for anything the models
    refuse, e.g. a phone number without digits; nothing is stored then.
    """
    if not data.get("consent"):
        # The form requires it too; without consent nothing may be passed to a volunteer.
        raise ValidationError(
            {"consent": _("Without your consent we cannot pass your request to a volunteer.")}
        )
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
            help_request = HelpRequest(
                treff=treff,
                seeker=seeker,
                kind=data["kind"],
                date=data["date"],
                start=data["start"],
                end=data["end"],
                notes=data["notes"],
                submission_key=data["key"],
            )
            validate_new_help_date(help_request.date, today=timezone.localdate())
            help_request.full_clean()
            help_request.save()
    except IntegrityError:
        # The same form sent twice at once: the other submission won; return it. A key taken
        # in another Treff (only a forged form has one) is not found in this scope.
        first = HelpRequest.objects.filter(submission_key=data["key"]).first()
        if first is None:
            raise ValidationError({"key": send_again_message()}) from None
        return first, False
    logger.info("help request from the web: request=%s treff=%s", help_request.pk, treff.pk)
    return help_request, True


@transaction.atomic
def help_request_propose(*, help_request: HelpRequest, volunteer: Volunteer, user) -> HelpRequest:
    help_request = (
        HelpRequest.objects.select_for_update(of=("self",))
        .select_related("seeker")
        .get(pk=help_request.pk)
    )
    if help_request.status not in (HelpRequest.Status.OPEN, HelpRequest.Status.NO_MATCH):
        raise ValidationError(_("This request is not open any more."))
    problems = matching.refusals(help_request, volunteer, today=timezone.localdate())
    if problems:
        raise ValidationError(problems)
    help_request.volunteer = volunteer
    help_request.status = HelpRequest.Status.PROPOSED
    help_request.proposed_at = timezone.now()
    help_request.full_clean()
    help_request.save()
    notify.help_request_proposed(help_request)
    logger.info(
        "help request proposed: request=%s volunteer=%s by user=%s",
        help_request.pk,
        volunteer.pk,
        user.pk,
    )
    return help_request


@transaction.atomic
def help_requests_propose_all(
    *, treff, pairs: list[tuple[HelpRequest, Volunteer]], user
) -> tuple[int, list[str]]:
    """Ask each volunteer of the confirmed assignment (help request, volunteer), in one go.

    One transaction; each proposal in a savepoint of its own, so a request someone else
    proposed meanwhile is left out with its reason while the others go ahead (as the page
    always did). Returns (how many were asked, "request: reason" for each left out). Raises
    ValidationError, before anything is written, for a pair of another Treff.
    """
    if any(h.treff_id != treff.pk or v.treff_id != treff.pk for h, v in pairs):
        raise ValidationError(_("A request or volunteer belongs to another Treff."))
    asked, refused = 0, []
    for help_request, volunteer in pairs:
        try:
            help_request_propose(help_request=help_request, volunteer=volunteer, user=user)
        except ValidationError as error:
            refused += [f"{help_request}: {message}" for message in error.messages]
        else:
            asked += 1
    logger.info("help requests proposed together: count=%s by user=%s", asked, user.pk)
    return asked, refused


@transaction.atomic
def help_request_answer(*, help_request: HelpRequest, accept: bool, user) -> HelpRequest:
    help_request = HelpRequest.objects.select_for_update(of=("self",)).get(pk=help_request.pk)
    if help_request.status != HelpRequest.Status.PROPOSED:
        raise ValidationError(_("This request is not waiting for your answer."))
    if accept:
        help_request.status = HelpRequest.Status.ACCEPTED
        help_request.accepted_at = timezone.now()
    else:
        # Back to the coordinator, who proposes someone else.
        help_request.status = HelpRequest.Status.OPEN
        help_request.volunteer = None
        help_request.proposed_at = None
    help_request.full_clean()
    help_request.save()
    notify.help_request_answered(help_request, accepted=accept)
    logger.info(
        "help request answered: request=%s accept=%s by user=%s", help_request.pk, accept, user.pk
    )
    return help_request


def default_help_day(help_request: HelpRequest, *, today: dt.date) -> dt.date:
    """The day the close form suggests: the agreed date once it has come, else today (a weekly
    request, or a date still ahead). Never before the day the request was recorded, which
    the close refuses (a request entered after the agreed day suggests its recording day)."""
    if help_request.date is not None and help_request.date <= today:
        return max(help_request.date, help_request.recorded_on)
    return today


@transaction.atomic
def help_request_close(
    *,
    help_request: HelpRequest,
    status: str,
    minutes: int | None = None,
    helped_on: dt.date | None = None,
    user,
) -> HelpRequest:
    """Done (with the day the help was given and the minutes spent), cancelled or no match.

    Raises ValidationError for a step the request's status does not allow, and by field
    ("helped_on", "minutes_spent") for a missing day, a day in the future, a day before the
    request was recorded (HelpRequest.clean) or more than 1440 minutes. A day before an
    agreed date is taken (the help came earlier than planned); the view tells the coordinator
    (HelpRequest.given_on_another_day), since refusing it would leave them stuck: a
    corrected agreed date may not lie in the past. Hours count on `helped_on`
    (selectors.hours_by_month).
    """
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
    help_request = HelpRequest.objects.select_for_update(of=("self",)).get(pk=help_request.pk)
    if help_request.status not in allowed.get(status, ()):
        raise ValidationError(_("This step is not possible for the request as it stands."))
    help_request.status = status
    done = status == HelpRequest.Status.DONE
    help_request.minutes_spent = minutes if done else None
    help_request.helped_on = helped_on if done else None
    if status != HelpRequest.Status.NO_MATCH:
        help_request.closed_at = timezone.now()
    help_request.full_clean()
    help_request.save()
    logger.info(
        "help request closed: request=%s status=%s by user=%s", help_request.pk, status, user.pk
    )
    return help_request


@transaction.atomic
def help_request_refer(*, help_request: HelpRequest, partner, user) -> HelpRequest:
    """Note the partner service the person was referred to (None takes it back)."""
    if partner is not None and not partner.active:
        raise ValidationError(_("This service is no longer active."))
    help_request = HelpRequest.objects.select_for_update(of=("self",)).get(pk=help_request.pk)
    help_request.referred_to = partner
    help_request.full_clean()
    help_request.save(update_fields=["referred_to"])
    logger.info(
        "help request referred: request=%s partner=%s by user=%s",
        help_request.pk,
        partner.pk if partner else None,
        user.pk,
    )
    return help_request


@transaction.atomic
def help_request_correct(
    *, help_request: HelpRequest, seeker: HelpSeeker, consent: bool, user
) -> list[str]:
    """A coordinator's correction of a request and its seeker, kept as a HelpRequestChange.

    `request` and `seeker` carry the corrected values (unsaved form instances of the stored
    rows). Returns the names of the changed fields ("date", "seeker.phone"; empty: nothing
    changed, nothing stored). A changed date of a request that is not done must not lie in
    the past nor more than a year ahead; a changed kind must be neighbourhood help, not a
    Treff service (a request keeps an older kind). Raises ValidationError by field. A
    volunteer who was asked or has accepted is told by e-mail which parts changed.
    """
    stored = (
        HelpRequest.objects.select_for_update(of=("self",))
        .select_related("seeker")
        .get(pk=help_request.pk)
    )
    if seeker.pk != stored.seeker_id:
        raise ValidationError(_("This person does not belong to the request."))
    changed = [
        name for name in REQUEST_FIELDS if _value(help_request, name) != _value(stored, name)
    ]
    _record_consent(seeker, consent)
    changed += [
        f"seeker.{name}"
        for name in (*SEEKER_FIELDS, "consent_on", "consent_withdrawn_on")
        if _value(seeker, name) != _value(stored.seeker, name)
    ]
    validate_help_when(help_request.date, help_request.weekday)
    if "date" in changed and help_request.status != HelpRequest.Status.DONE:
        validate_new_help_date(help_request.date, today=timezone.localdate())
    if "kind" in changed:
        try:
            validate_requestable_kind(help_request.kind)
        except ValidationError as error:
            raise ValidationError({"kind": error}) from None
    # Status, volunteer and stamps are not the form's business: keep the stored ones.
    for name in REQUEST_FIELDS:
        setattr(stored, name, getattr(help_request, name))
    seeker.full_clean()
    stored.full_clean()
    if not changed:
        return []
    seeker.save()
    stored.save()
    HelpRequestChange.objects.create(request=stored, changed_by=user, fields=changed)
    if stored.volunteer_id and stored.status in (
        HelpRequest.Status.PROPOSED,
        HelpRequest.Status.ACCEPTED,
    ):
        relevant = [name for name in changed if name in VOLUNTEER_RELEVANT]
        if relevant:
            notify.help_request_corrected(stored, relevant)
    logger.info(
        "help request corrected: request=%s fields=%s by user=%s",
        stored.pk,
        ",".join(changed),
        user.pk,
    )
    return changed


def _value(obj, name: str):
    return getattr(obj, obj._meta.get_field(name).attname)
