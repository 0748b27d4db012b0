"""Neighbourhood help (Fachkonzept §3 no. 5, §6): help requests, never who asked."""

from django.utils.translation import gettext_lazy as _

from treff.volunteers import selectors as volunteers
from treff.volunteers.models import HelpRequest

from . import PERSONS, Figures, Measure


def by_status(treffs, span) -> Figures:
    ids = [treff.pk for treff in treffs]
    counts = volunteers.help_requests_by_status(ids, first=span.first, last=span.last)
    return Figures(
        list(HelpRequest.Status.labels),
        [[counts.get((pk, status), 0) for pk in ids] for status in HelpRequest.Status],
    )


MEASURES = [
    Measure(
        "help",
        "help",
        _("Neighbourhood help: requests taken, by where they stand now"),
        _("Status"),
        PERSONS,
        by_status,
        population="help_requests",
    ),
]
