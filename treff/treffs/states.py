"""The sixteen Länder, whose public holidays a Treff's plans skip or flag (issue 17).

Keys are the ISO 3166-2:DE codes without the country (the `holidays` package's subdivisions
of Germany); an empty key means the nationwide holidays only. A programme spanning several
states sets each Treff's own.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

STATES = {
    "BW": _("Baden-Württemberg"),
    "BY": _("Bavaria"),
    "BE": _("Berlin"),
    "BB": _("Brandenburg"),
    "HB": _("Bremen"),
    "HH": _("Hamburg"),
    "HE": _("Hesse"),
    "MV": _("Mecklenburg-Western Pomerania"),
    "NI": _("Lower Saxony"),
    "NW": _("North Rhine-Westphalia"),
    "RP": _("Rhineland-Palatinate"),
    "SL": _("Saarland"),
    "SN": _("Saxony"),
    "ST": _("Saxony-Anhalt"),
    "SH": _("Schleswig-Holstein"),
    "TH": _("Thuringia"),
}
CHOICES = [("", _("nationwide holidays only")), *STATES.items()]


def default_state() -> str:
    """The state a new Treff starts with: TREFF_HOLIDAY_STATE (empty unless set)."""
    return settings.TREFF_HOLIDAY_STATE
