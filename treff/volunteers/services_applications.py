"""Writes for applications to volunteer: the public form, and the coordinator's answer.

An application becomes a volunteer only when the coordinator accepts it; until then it is
in its own table (models_applications.py), so reports and matching never see an applicant.
Logs carry ids only, never names or contact details.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Volunteer, VolunteerApplication

logger = logging.getLogger(__name__)

GONE = gettext_lazy("This application has already been accepted or declined.")

# What the public form asks, and so all an application holds besides its Treff and key.
APPLICATION_FIELDS = (
    "first_name",
    "last_name",
    "phone",
    "email",
    "help_kinds",
    "when",
    "languages",
    "district",
)
EMPTY = {"help_kinds": [], "languages": []}


def send_again_message() -> str:
    """Why a form whose key another Treff holds is refused, in the request's language."""
    return _("This form cannot be sent any more. Please open it again and send it anew.")


def public_application_submit(*, treff, data: dict) -> tuple[VolunteerApplication, bool]:
    """The public form. Returns (application, created); the same key twice finds the first.

    `data` is the form's cleaned data (APPLICATION_FIELDS, consent, key). Raises
    ValidationError (by field) for anything the model refuses; nothing is stored then.
    """
    if not data.get("consent"):
        # Without consent nothing may be stored (the form requires it too).
        raise ValidationError({"consent": _("Without your consent we cannot store your details.")})
    existing = VolunteerApplication.objects.filter(submission_key=data["key"]).first()
    if existing is not None:
        return existing, False
    application = VolunteerApplication(
        treff=treff,
        consent_on=timezone.localdate(),
        submission_key=data["key"],
        **{name: data.get(name, EMPTY.get(name, "")) for name in APPLICATION_FIELDS},
    )
    application.full_clean()
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        # The same form sent twice at once: the other submission won; return it. A key taken
        # in another Treff (only a forged form has one) is not found in this scope.
        first = VolunteerApplication.objects.filter(submission_key=data["key"]).first()
        if first is None:
            raise ValidationError({"key": send_again_message()}) from None
        return first, False
    logger.info(
        "volunteer application from the web: application=%s treff=%s", application.pk, treff.pk
    )
    return application, True


@transaction.atomic
def application_accept(*, application: VolunteerApplication, user) -> Volunteer:
    """An active volunteer from today with the application's details; the application goes.

    The onboarding (confidentiality, police clearance, insurance, free times) goes on on the
    volunteer's page as for anyone the coordinator enters.

    Raises ValidationError when the application is gone meanwhile (a colleague accepted or
    declined it in another tab): the row lock makes the second of two accepts find nothing.
    """
    application = (
        VolunteerApplication.objects.select_for_update(of=("self",))
        .filter(pk=application.pk)
        .first()
    )
    if application is None:
        raise ValidationError(GONE)
    volunteer = Volunteer(
        treff=application.treff,
        status=Volunteer.Status.ACTIVE,
        started_on=timezone.localdate(),
        **{name: getattr(application, name) for name in APPLICATION_FIELDS if name != "when"},
    )
    volunteer.full_clean()
    volunteer.save()
    logger.info(
        "volunteer application accepted: application=%s volunteer=%s user=%s",
        application.pk,
        volunteer.pk,
        user.pk,
    )
    application.delete()
    return volunteer


@transaction.atomic
def application_decline(*, application: VolunteerApplication, user) -> None:
    """Declined: deleted, so nothing of the applicant stays."""
    logger.info(
        "volunteer application declined: application=%s treff=%s user=%s",
        application.pk,
        application.treff_id,
        user.pk,
    )
    VolunteerApplication.objects.filter(pk=application.pk).delete()
