"""Fixed lists of the volunteers app: kinds of help (and which of them a person may ask for),
ways of getting about, qualifications, the names of corrected entries.

Kept apart from the models so that the shift models (`models_shifts.py`) and the models of
volunteers and help requests (`models.py`) share them without importing each other.
"""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from treff.treffs.models import OpeningHours

# Monday = 0 … Sunday = 6, as everywhere in Treff (and Python's date.weekday()).
Weekday = OpeningHours.Weekday


class HelpKind(models.TextChoices):
    # Fachkonzept §2, then the Treff services volunteers run.
    SHOPPING = "shopping", _("Shopping when someone is ill")
    HANDYMAN = "handyman", _("Small handyman jobs")
    ACCOMPANIMENT = "accompaniment", _("Accompaniment to the doctor or to authorities")
    WALK = "walk", _("Going for walks")
    READING = "reading", _("Reading aloud")
    HOME_VISIT = "home_visit", _("Company and home visits")
    LUNCH = "lunch", _("Serving at the lunch table")
    CLOTHING = "clothing", _("Clothing store")
    DIGITAL = "digital", _("Help with phones and computers")


# What a resident may ask for (public form, intake, corrections): the neighbourhood help of
# Fachkonzept §2 and digital help. The lunch table and the clothing store are services of the
# Treff that volunteers staff in shifts (ShiftTemplate.kind, Volunteer.help_kinds); nobody asks
# for them as help at home.
TREFF_SERVICE_KINDS = frozenset({HelpKind.LUNCH, HelpKind.CLOTHING})
NEIGHBOURHOOD_HELP_KINDS = tuple(kind for kind in HelpKind if kind not in TREFF_SERVICE_KINDS)


def neighbourhood_help_choices(keep: str = "") -> list[tuple[str, str]]:
    """Choices for a help request's kind, in HelpKind's order; `keep` adds a stored kind that
    is no longer offered (a request taken before this rule), so it can still be shown."""
    return [(k.value, k.label) for k in HelpKind if k in NEIGHBOURHOOD_HELP_KINDS or k == keep]


def validate_requestable_kind(kind: str) -> None:
    """Raises ValidationError (code "service_kind") for a Treff service asked for as help."""
    if kind in TREFF_SERVICE_KINDS:
        raise ValidationError(
            _(
                "“%(kind)s” is a shift at the Treff, not help a person can ask for. Choose one "
                "of the kinds of neighbourhood help."
            ),
            code="service_kind",
            params={"kind": HelpKind(kind).label},
        )


class Mobility(models.TextChoices):
    FOOT = "foot", _("on foot")
    BIKE = "bike", _("by bike")
    PUBLIC = "public", _("by bus and tram")
    CAR = "car", _("by car")


# How far volunteers usually go; the profile may say otherwise.
DEFAULT_REACH_KM = {Mobility.FOOT: 2, Mobility.BIKE: 5, Mobility.PUBLIC: 8, Mobility.CAR: 15}


class QualificationKind(models.TextChoices):
    """Proofs some services need, recorded on the volunteer as dates only (never a copy)."""

    # § 43 (1) IfSG: instruction by the health office before working with food for the first
    # time; § 43 (4) IfSG and § 4 LMHV: a refresher ("Folgebelehrung") by the carrier.
    IFSG_43 = "ifsg_43", _("Instruction under § 43 Infection Protection Act (IfSG)")
    FIRST_AID = "first_aid", pgettext_lazy("qualification", "First aid")


# How long a qualification holds from the day it was obtained (the last refresher), unless the
# coordinator enters another expiry: § 43 (4) IfSG asks for the instruction again every two
# years (§ 4 LMHV's yearly hygiene training is for food businesses' staff; carriers of lunch
# tables with volunteers mostly follow the two years), first aid training is renewed every
# two years (DGUV Grundsatz 304-001).
QUALIFICATION_VALIDITY = {
    QualificationKind.IFSG_43: relativedelta(years=2),
    QualificationKind.FIRST_AID: relativedelta(years=2),
}


def qualification_default_expiry(kind: str, obtained_on: dt.date) -> dt.date:
    """The last day a qualification of `kind` obtained on `obtained_on` holds (inclusive)."""
    return obtained_on + QUALIFICATION_VALIDITY[QualificationKind(kind)] - dt.timedelta(days=1)


# The names of corrected fields as they read in a list (the correction log, the volunteer's
# e-mail). The form labels are written for a form beside a value ("Until", "Came", "Consent to
# pass on the contact details given on") and read badly on their own.
CHANGE_LABELS = {
    "kind": _("Kind of help"),
    "date": _("Date"),
    "weekday": _("Weekday"),
    "start": _("Start time"),
    "end": _("End time"),
    "urgency": _("Urgency"),
    "prefers_gender": _("Wished gender of the helper"),
    "notes": _("Notes"),
    "helped_on": _("Day the help was given"),
    "minutes_spent": _("Time spent"),
    "seeker.name": _("Name"),
    "seeker.phone": _("Phone"),
    "seeker.address": _("Address"),
    "seeker.district": _("District"),
    "seeker.language": _("Language"),
    "seeker.special_needs": _("Special needs"),
    "seeker.channel": _("How the request came in"),
    "seeker.consent_on": _("Consent (date)"),
    "seeker.consent_withdrawn_on": _("Consent withdrawn (date)"),
}
