"""Neighbourhood help (Fachkonzept §2, §3 no. 5, §6): help requests, never who asked.

Each stage of a request is an event with a day of its own (volunteers.selectors.HELP_STAGES):
taken (the intake), matched (the volunteer accepted: a proposal may still be declined, so the
acceptance is the match; the model has no other "matched" stamp), done (the day the help was
given), cancelled, and still unmatched at the period's end. One table of persons per stage,
rows = kinds of help (as they stand after a coordinator's corrections), columns = Treffs.

Tables that count the same requests share a population and are published linked, so a Treff
total hidden in one is hidden in the other: requests taken (by kind, and by where they stand
now) and requests matched (by kind, and by how soon). The other stages count other requests.

How soon requests are matched: the counts "within 7 days" / "after more than 7 days" are a
table of persons like the others; the median wait and the share within 7 days are statistics
on the requests matched (base = their number). A share is a count divided by a total: shown
beside a published total it gives the count back, so it is hidden wherever the count "within
7 days" or the Treff's total of matched requests is hidden in the published table of counts
(`Figures.follows`), not only when it rests on fewer than k requests; the median reveals no
count and follows the base rule alone.
"""

import datetime as dt
import statistics
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from treff.volunteers import selectors as volunteers
from treff.volunteers.choices import NEIGHBOURHOOD_HELP_KINDS
from treff.volunteers.models import HelpKind, HelpRequest

from . import PERSONS, STATISTICS, Figures, Measure

WEEK = dt.timedelta(days=7)
TENTH = Decimal("0.1")


def by_status(treffs, span) -> Figures:
    ids = [treff.pk for treff in treffs]
    counts = volunteers.help_requests_by_status(ids, first=span.first, last=span.last)
    return Figures(
        list(HelpRequest.Status.labels),
        [[counts.get((pk, status), 0) for pk in ids] for status in HelpRequest.Status],
    )


def _by_kind(stage: str):
    def compute(treffs, span) -> Figures:
        ids = [treff.pk for treff in treffs]
        counts = volunteers.help_requests_by_kind(ids, stage, first=span.first, last=span.last)
        # A request taken before the Treff services stopped being requestable keeps its kind
        # (choices.validate_requestable_kind): such a kind gets a row only where it is counted.
        found = {kind for _pk, kind in counts}
        kinds = [k for k in HelpKind if k in NEIGHBOURHOOD_HELP_KINDS or k in found]
        return Figures(
            [kind.label for kind in kinds],
            [[counts.get((pk, kind), 0) for pk in ids] for kind in kinds],
        )

    return compute


def _waits(treffs, span) -> dict[int, list[dt.timedelta]]:
    waits: dict[int, list[dt.timedelta]] = {treff.pk: [] for treff in treffs}
    for pk, wait in volunteers.help_match_waits(list(waits), first=span.first, last=span.last):
        waits[pk].append(wait)
    return waits


def match_speed(treffs, span) -> Figures:
    waits = _waits(treffs, span)
    within = [sum(wait <= WEEK for wait in waits[treff.pk]) for treff in treffs]
    return Figures(
        [_("within 7 days"), _("after more than 7 days")],
        [within, [len(waits[treff.pk]) - n for treff, n in zip(treffs, within, strict=True)]],
    )


def _median_days(waits: list[dt.timedelta]) -> Decimal | None:
    if not waits:
        return None
    middle = statistics.median(waits)  # the mean of the two middle waits for an even number
    micro = Decimal(middle // dt.timedelta(microseconds=1))
    return (micro / Decimal(86_400_000_000)).quantize(TENTH, rounding=ROUND_HALF_UP)


def _share_within(waits: list[dt.timedelta]) -> Decimal | None:
    if not waits:
        return None
    share = Decimal(100 * sum(wait <= WEEK for wait in waits)) / Decimal(len(waits))
    return share.quantize(TENTH, rounding=ROUND_HALF_UP)


def time_to_match(treffs, span) -> Figures:
    waits = _waits(treffs, span)
    columns = [waits[treff.pk] for treff in treffs]
    everyone = [wait for column in columns for wait in column]
    bases = [len(column) for column in columns]
    return Figures(
        [_("Median days from intake to match"), _("Share matched within 7 days (%)")],
        [[_median_days(c) for c in columns], [_share_within(c) for c in columns]],
        bases=[bases, bases],
        overall=[_median_days(everyone), _share_within(everyone)],
        overall_bases=[len(everyone), len(everyone)],
        # The share gives back the count "within 7 days" (row 0 of match_speed) and its total.
        follows=[None, ("help_match_speed", 0)],
    )


def _stage(key, stage, title, population=None) -> Measure:
    return Measure(
        key, "help", title, _("Kind of help"), PERSONS, _by_kind(stage), population=population
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
    _stage("help_opened", "opened", _("Help requests taken"), "help_requests"),
    _stage("help_matched", "matched", _("Help requests matched"), "help_matched"),
    _stage("help_done", "done", _("Help given")),
    _stage("help_cancelled", "cancelled", _("Help requests cancelled")),
    Measure(
        "help_unmatched",
        "help",
        _("Help requests without a volunteer at the end of the period"),
        _("Kind of help"),
        PERSONS,
        _by_kind("unmatched"),
        note=_("Open, or no volunteer found yet; requests taken earlier count too."),
    ),
    Measure(
        "help_match_speed",
        "help",
        _("Help requests matched, by time from intake to match"),
        _("Matched"),
        PERSONS,
        match_speed,
        population="help_matched",
        note=_("Matched: the volunteer accepted the request."),
    ),
    Measure(
        "help_time_to_match",
        "help",
        _("Time from intake to match"),
        _("Figure"),
        STATISTICS,
        time_to_match,
        note=_(
            "Over the requests matched in the period. The share is hidden wherever the "
            "count it is made of is hidden."
        ),
    ),
]
