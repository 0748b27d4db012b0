"""Writes for shifts and qualifications: templates, sign-ups by volunteers, the coordinator's
"put on / take off", and the qualifications a kind of shift may require.

A sign-up is refused, with the reason in words, when the shift is over or full, when the
volunteer is not active, already on it or on another shift at the same time, or lacks the
qualification the kind of shift requires, valid on the shift's day. The coordinator's
assignment passes the same checks, with messages that name the volunteer.
"""

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from treff.core.times import format_end
from treff.offers import planning as offer_planning

from . import notify
from .models import Shift, ShiftSignup, ShiftTemplate, Volunteer, VolunteerQualification

logger = logging.getLogger(__name__)


@transaction.atomic
def shift_template_save(*, template: ShiftTemplate, treff, user) -> ShiftTemplate:
    """Save a template and lay out its shifts: its weekdays, without holidays and closures.

    Shifts that already have sign-ups are kept even if the template no longer covers them,
    so nobody's commitment disappears silently. A lower maximum is stored even where more
    volunteers have signed up; `selectors.overstaffed_shifts` names those shifts.
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
    holidays = offer_planning.holidays_between(
        template.starts_on, template.ends_on, state=template.treff.holiday_state
    )
    closures = offer_planning.closures_between(
        template.treff_id, template.starts_on, template.ends_on
    )
    day = template.starts_on
    while day <= template.ends_on:
        if day.weekday() in template.weekdays and day not in holidays and day not in closures:
            yield day
        day += dt.timedelta(days=1)


def _day(day: dt.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _refusal(shift: Shift, volunteer: Volunteer, *, own: bool) -> str | None:
    """Why `volunteer` may not be on `shift` (own: the volunteer asks), or None."""
    name = str(volunteer)
    if shift.date < timezone.localdate():
        return _("This shift is over.")
    if volunteer.status != Volunteer.Status.ACTIVE:
        if own:
            return _("Only active volunteers can sign up.")
        return _("%(name)s is not active at the moment.") % {"name": name}
    active = shift.signups.filter(cancelled_at__isnull=True)
    if active.filter(volunteer=volunteer).exists():
        if own:
            return _("You are already signed up for this shift.")
        return _("%(name)s is already on this shift.") % {"name": name}
    if active.count() >= shift.template.max_volunteers:
        return _("This shift is full.")
    other = _overlapping(shift, volunteer)
    if other is not None:
        params = {
            "name": name,
            "title": other.template.title,
            "date": _day(other.date),
            "start": f"{other.start:%H:%M}",
            "end": format_end(other.end),
        }
        if own:
            return (
                _(
                    "You are already signed up for “%(title)s” on %(date)s, "
                    "%(start)s–%(end)s, at the same time."
                )
                % params
            )
        return (
            _(
                "%(name)s is already on “%(title)s” on %(date)s, %(start)s–%(end)s, "
                "at the same time."
            )
            % params
        )
    return _missing_qualification(shift, volunteer, own=own)


def _overlapping(shift: Shift, volunteer: Volunteer) -> Shift | None:
    """Another shift of the same day with an active sign-up of `volunteer` whose time overlaps."""
    for signup in (
        ShiftSignup.objects.filter(
            volunteer=volunteer, cancelled_at__isnull=True, shift__date=shift.date
        )
        .exclude(shift=shift)
        .select_related("shift__template")
        .order_by("shift__start")
    ):
        if shift.overlaps(signup.shift):
            return signup.shift
    return None


def _missing_qualification(shift: Shift, volunteer: Volunteer, *, own: bool) -> str | None:
    kind = shift.template.required_qualification
    if not kind:
        return None
    held = VolunteerQualification.objects.filter(volunteer=volunteer, kind=kind).first()
    if held is not None and held.valid_on(shift.date):
        return None
    params = {
        "name": str(volunteer),
        "title": shift.template.title,
        "qualification": shift.template.get_required_qualification_display(),
        "date": _day(shift.date),
    }
    if held is None:
        if own:
            return (
                _(
                    "“%(title)s” requires: %(qualification)s. None is recorded for you; "
                    "please show your proof to the coordination."
                )
                % params
            )
        return _("“%(title)s” requires: %(qualification)s. None is recorded for %(name)s.") % params
    params.update(start=_day(held.obtained_on), until=_day(held.valid_until))
    if own:
        return (
            _(
                "“%(title)s” requires: %(qualification)s, valid on %(date)s. Yours is valid "
                "from %(start)s until %(until)s; please show a renewed proof to the "
                "coordination."
            )
            % params
        )
    return (
        _(
            "“%(title)s” requires: %(qualification)s, valid on %(date)s. The proof recorded "
            "for %(name)s is valid from %(start)s until %(until)s."
        )
        % params
    )


def _lock(shift: Shift, volunteer: Volunteer) -> tuple[Shift, Volunteer]:
    # The shift serialises its sign-ups (the limit); the volunteer their overlapping shifts.
    shift = (
        Shift.objects.select_for_update(of=("self",)).select_related("template").get(pk=shift.pk)
    )
    volunteer = Volunteer.objects.select_for_update(of=("self",)).get(pk=volunteer.pk)
    return shift, volunteer


@transaction.atomic
def shift_sign_up(*, shift: Shift, volunteer: Volunteer, user) -> ShiftSignup:
    """The volunteer signs themselves up. Raises ValidationError with the reason if refused."""
    shift, volunteer = _lock(shift, volunteer)
    if (refusal := _refusal(shift, volunteer, own=True)) is not None:
        raise ValidationError(refusal)
    signup = ShiftSignup(shift=shift, volunteer=volunteer)
    signup.full_clean()
    signup.save()
    logger.info("shift signup: shift=%s volunteer=%s by user=%s", shift.pk, volunteer.pk, user.pk)
    return signup


@transaction.atomic
def shift_assign(*, shift: Shift, volunteer: Volunteer, user) -> ShiftSignup:
    """The coordinator puts a volunteer on a shift; the same checks as a sign-up.

    The volunteer is told by e-mail (if they have an address) and on "My shifts".
    """
    shift, volunteer = _lock(shift, volunteer)
    if volunteer.treff_id != shift.treff_id:
        raise ValidationError(_("This volunteer belongs to another Treff."))
    if (refusal := _refusal(shift, volunteer, own=False)) is not None:
        raise ValidationError({"volunteer": refusal})
    signup = ShiftSignup(shift=shift, volunteer=volunteer, assigned_by=user)
    signup.full_clean()
    signup.save()
    notify.shift_changed(signup, assigned=True)
    logger.info("shift assigned: shift=%s volunteer=%s by user=%s", shift.pk, volunteer.pk, user.pk)
    return signup


@transaction.atomic
def shift_cancel(*, signup: ShiftSignup, user) -> None:
    """The volunteer takes back their own sign-up (before the day of the shift is over)."""
    signup = (
        ShiftSignup.objects.select_for_update(of=("self",))
        .select_related("shift")
        .get(pk=signup.pk)
    )
    if signup.cancelled_at is not None:
        return
    if signup.shift.date < timezone.localdate():
        raise ValidationError(_("This shift is over."))
    signup.cancelled_at = timezone.now()
    signup.save(update_fields=["cancelled_at"])
    logger.info("shift signup cancelled: signup=%s by user=%s", signup.pk, user.pk)


@transaction.atomic
def shift_remove(*, signup: ShiftSignup, user) -> None:
    """The coordinator takes a volunteer off a shift; the volunteer is told."""
    signup = (
        ShiftSignup.objects.select_for_update(of=("self",))
        .select_related("shift__template", "shift__treff", "volunteer__user")
        .get(pk=signup.pk)
    )
    if signup.cancelled_at is not None:
        return
    if signup.shift.date < timezone.localdate():
        raise ValidationError(_("This shift is over."))
    signup.cancelled_at = timezone.now()
    signup.removed_by = user
    signup.save(update_fields=["cancelled_at", "removed_by"])
    notify.shift_changed(signup, assigned=False)
    logger.info("shift signup removed: signup=%s by user=%s", signup.pk, user.pk)


# Qualifications -----------------------------------------------------------------------------


@transaction.atomic
def qualification_record(
    *, volunteer: Volunteer, kind: str, obtained_on, valid_until=None, user
) -> VolunteerQualification:
    """Record a qualification, or its renewal: one row per volunteer and kind, dates only.

    `valid_until` None takes the kind's usual period from `obtained_on`. Raises
    ValidationError by field ("kind", "obtained_on", "valid_until").
    """
    qualification = (
        VolunteerQualification.objects.select_for_update(of=("self",))
        .filter(volunteer=volunteer, kind=kind)
        .first()
    ) or VolunteerQualification(volunteer=volunteer, kind=kind)
    qualification.obtained_on = obtained_on
    qualification.valid_until = valid_until
    qualification.full_clean()
    qualification.save()
    logger.info(
        "qualification recorded: volunteer=%s kind=%s by user=%s", volunteer.pk, kind, user.pk
    )
    return qualification


@transaction.atomic
def qualification_remove(*, qualification: VolunteerQualification, user) -> None:
    logger.info(
        "qualification removed: volunteer=%s kind=%s by user=%s",
        qualification.volunteer_id,
        qualification.kind,
        user.pk,
    )
    qualification.delete()
