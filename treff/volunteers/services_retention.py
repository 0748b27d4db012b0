"""The deletion concept for neighbourhood help (docs/deletion.md; DIN 66398; issue 16, item 4).

Three rules, each a service that takes the moment `now` (an aware datetime: the nightly job
passes the real clock, a test any other) and runs in the Treff scope its caller opened:

- help seekers: 12 months (TREFF_HELP_SEEKERS_KEPT_MONTHS) after their last request was
  closed. The reports count help requests (volunteers.selectors, the "help" measures and
  trends) by Treff, kind, status, intake, match, help and close days, and hours by
  volunteer, so the requests stay with exactly those facts; everything naming or
  describing the person goes: the seeker's name, phone, address, district, special needs
  and consent dates, the requests' notes, wished gender and form key, and the list of
  corrected fields (HelpRequestChange). The seeker row stays, nameless, stamped
  `anonymised_on`, because every request needs its seeker.
- volunteers: 3 years (TREFF_VOLUNTEERS_KEPT_YEARS) after leaving (`ended_on`). The reports
  count volunteers by Treff and by start, end and clearance dates, and their minutes of help
  and shifts, so those stay on a nameless row (`anonymised_on`); name, contact, gender,
  languages, district, coordinates, onboarding dates, who saw the clearance, free times and
  qualifications go, and so does the login (see `_forget_login`). The police clearance's
  issue and seen dates stay: the report "clearances due" counts them for past periods, and
  on a nameless row they name nobody.
- applications from the public form: 6 months (TREFF_APPLICATIONS_KEPT_MONTHS) after they
  came. An accepted or declined application is deleted at once by its decision
  (services_applications), so only undecided ones are left here; one nobody answered for
  6 months is deleted as a declined one would be. No report counts applications.

Writes go through the ORM's save and delete, so the audit trail's signals (audit.tracking)
record "changed"/"deleted" with field names, never values. Log lines carry ids only.
"""

import datetime as dt
import logging

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Q
from django.db.models.deletion import ProtectedError
from django.db.models.functions import Coalesce
from django.utils import timezone

from treff.treffs.models import Membership, Role

from .models import (
    Availability,
    HelpRequest,
    HelpRequestChange,
    HelpSeeker,
    Volunteer,
    VolunteerApplication,
    VolunteerQualification,
)

logger = logging.getLogger(__name__)

# A request in one of these states is not closed: its seeker is kept whatever its age.
IN_PROGRESS = (HelpRequest.Status.OPEN, HelpRequest.Status.PROPOSED, HelpRequest.Status.ACCEPTED)


def help_seekers_cutoff(now: dt.datetime, months: int) -> dt.datetime:
    """The moment before which a seeker's last request must have closed: `now` − `months`."""
    return now - relativedelta(months=months)


def volunteers_cutoff(now: dt.datetime, years: int) -> dt.date:
    """The local day before which a volunteer must have left: today − `years` (someone who
    left on 1 Dec 2023 goes on 2 Dec 2026 with three years)."""
    return timezone.localdate(now) - relativedelta(years=years)


def applications_cutoff(now: dt.datetime, months: int) -> dt.datetime:
    """The moment before which an undecided application must have come: `now` − `months`."""
    return now - relativedelta(months=months)


def _period(value: int | None, setting: str) -> int:
    value = getattr(settings, setting) if value is None else value
    if value < 1:
        raise ValueError(f"{setting} must be at least 1, not {value}.")
    return value


def help_seekers_expired(*, now: dt.datetime, months: int) -> list[HelpSeeker]:
    """Seekers not yet anonymised with no request open, proposed or accepted, whose last
    request closed before the cutoff and who were taken in before it.

    A request's end: its `closed_at` (done, cancelled); "no volunteer found" keeps no day of
    its own (it may be opened again), so it counts from its intake (`created_at`). A seeker
    without requests counts from their own intake."""
    cutoff = help_seekers_cutoff(now, months)
    return list(
        HelpSeeker.objects.filter(anonymised_on__isnull=True, created_at__lt=cutoff)
        .annotate(
            busy=Count("requests", filter=Q(requests__status__in=IN_PROGRESS)),
            last_end=Max(Coalesce("requests__closed_at", "requests__created_at")),
        )
        .filter(busy=0)
        .filter(Q(last_end__lt=cutoff) | Q(last_end__isnull=True))
        .order_by("pk")
    )


@transaction.atomic
def help_seekers_anonymise_expired(*, now: dt.datetime, months: int | None = None) -> int:
    """Anonymise every expired help seeker and their requests (module docstring); returns
    how many seekers. `months` defaults to TREFF_HELP_SEEKERS_KEPT_MONTHS."""
    months = _period(months, "TREFF_HELP_SEEKERS_KEPT_MONTHS")
    expired = help_seekers_expired(now=now, months=months)
    for seeker in expired:
        requests = list(HelpRequest.objects.filter(seeker=seeker).order_by("pk"))
        HelpRequestChange.objects.filter(request__in=requests).delete()
        for help_request in requests:
            help_request.notes = ""
            help_request.prefers_gender = ""
            help_request.submission_key = None
            help_request.save(update_fields=["notes", "prefers_gender", "submission_key"])
        seeker.name = seeker.phone = seeker.address = seeker.special_needs = ""
        seeker.district = ""
        seeker.consent_on = seeker.consent_withdrawn_on = None
        seeker.anonymised_on = timezone.localdate(now)
        seeker.save()
        logger.info("help seeker anonymised (retention): seeker=%s", seeker.pk)
    return len(expired)


def volunteers_expired(*, now: dt.datetime, years: int) -> list[Volunteer]:
    """Volunteers not yet anonymised who left (status "left") before the cutoff day.

    Someone marked "left" before the day was recorded (`ended_on` empty) is not touched:
    when they left is unknown; the coordinator enters the day on their page."""
    return list(
        Volunteer.objects.filter(
            anonymised_on__isnull=True,
            status=Volunteer.Status.LEFT,
            ended_on__lt=volunteers_cutoff(now, years),
        ).order_by("pk")
    )


def _forget_login(user) -> None:
    """The volunteer's login, if it is nothing but a volunteer's: deleted (its roles go with
    it). An account with any other role, or a staff or superuser account, is left to an
    administrator (deletion concept: staff accounts by hand); one that other records
    protect is made nameless and unusable instead."""
    other_roles = Membership.objects.filter(user=user).exclude(role=Role.VOLUNTEER).exists()
    if other_roles or user.is_staff or user.is_superuser:
        return
    try:
        with transaction.atomic():
            user.delete()
    except ProtectedError:
        Membership.objects.filter(user=user).delete()
        user.username = f"removed-{user.pk}"
        user.first_name = user.last_name = user.email = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()


@transaction.atomic
def volunteers_anonymise_expired(*, now: dt.datetime, years: int | None = None) -> int:
    """Anonymise every volunteer who left more than `years` ago (module docstring); returns
    how many. `years` defaults to TREFF_VOLUNTEERS_KEPT_YEARS."""
    years = _period(years, "TREFF_VOLUNTEERS_KEPT_YEARS")
    expired = volunteers_expired(now=now, years=years)
    for volunteer in expired:
        Availability.objects.filter(volunteer=volunteer).delete()
        VolunteerQualification.objects.filter(volunteer=volunteer).delete()
        user = volunteer.user
        volunteer.user = None
        volunteer.first_name = volunteer.last_name = volunteer.phone = volunteer.email = ""
        volunteer.gender = volunteer.district = ""
        volunteer.help_kinds, volunteer.languages = [], []
        volunteer.latitude = volunteer.longitude = volunteer.reach_km = None
        volunteer.confidentiality_signed_on = volunteer.insured_on = None
        volunteer.clearance_seen_by = None
        volunteer.clearance_reminded_for = None
        volunteer.anonymised_on = timezone.localdate(now)
        volunteer.save()
        if user is not None:
            _forget_login(user)
        logger.info("volunteer anonymised (retention): volunteer=%s", volunteer.pk)
    return len(expired)


@transaction.atomic
def applications_delete_expired(*, now: dt.datetime, months: int | None = None) -> int:
    """Delete the applications nobody decided on within `months` of their coming (module
    docstring); returns how many. `months` defaults to TREFF_APPLICATIONS_KEPT_MONTHS."""
    months = _period(months, "TREFF_APPLICATIONS_KEPT_MONTHS")
    expired = VolunteerApplication.objects.filter(created_at__lt=applications_cutoff(now, months))
    ids = list(expired.values_list("pk", flat=True))
    VolunteerApplication.objects.filter(pk__in=ids).delete()
    if ids:
        logger.info("volunteer applications deleted (retention): applications=%s", ids)
    return len(ids)
