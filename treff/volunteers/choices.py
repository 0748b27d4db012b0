"""Fixed lists of the volunteers app: kinds of help, ways of getting about, qualifications.

Kept apart from the models so that the shift models (`models_shifts.py`) and the models of
volunteers and help requests (`models.py`) share them without importing each other.
"""

import datetime as dt

from dateutil.relativedelta import relativedelta
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
