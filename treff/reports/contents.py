"""What a committee report shows, for both files (committee_pdf, committee_xlsx).

`Snapshot` is the draft as plain values (JSON for a worker); `contents_of` adds the figures:
build.report() (tables and trend charts) for the chosen Treffs over the period, always
published for
`Audience.COMMITTEE` with k = settings.TREFF_SMALL_CELL_K — whoever renders it, city staff
too, so a file never holds a figure the committee may not read (Fachkonzept §6).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from treff.treffs import selectors as treff_selectors

from . import build
from .engine import Audience, InvalidThreshold
from .engine.periods import Period


@dataclass(frozen=True)
class Snapshot:
    """The draft's words and choices; `treff_ids` empty means every Treff."""

    title: str
    first: dt.date
    last: dt.date
    treff_ids: tuple[int, ...]
    meeting_name: str
    meeting_date: dt.date | None
    summary: str
    user_id: int

    @classmethod
    def of(cls, report, *, user) -> Snapshot:
        return cls(
            title=report.title,
            first=report.first,
            last=report.last,
            treff_ids=tuple(sorted(t.pk for t in report.treffs.all())) if report.pk else (),
            meeting_name=report.meeting_name,
            meeting_date=report.meeting_date,
            summary=report.summary,
            user_id=user.pk,
        )

    def as_json(self) -> dict:
        data = asdict(self)
        data.update(
            first=self.first.isoformat(),
            last=self.last.isoformat(),
            treff_ids=list(self.treff_ids),
            meeting_date=self.meeting_date.isoformat() if self.meeting_date else None,
        )
        return data

    @classmethod
    def from_json(cls, data: dict) -> Snapshot:
        day = dt.date.fromisoformat
        return cls(
            **{
                **data,
                "first": day(data["first"]),
                "last": day(data["last"]),
                "treff_ids": tuple(data["treff_ids"]),
                "meeting_date": day(data["meeting_date"]) if data["meeting_date"] else None,
            }
        )


@dataclass(frozen=True)
class Contents:
    """A snapshot with its figures: `areas` (build.Area), `trends` (trends.Trend; none for
    a period under three months), `key_figures` (the sections whose figures add up, with
    their three totals), k, and when it was made."""

    snapshot: Snapshot
    period: Period
    treff_names: tuple[str, ...]
    areas: list
    k: int
    made_at: dt.datetime
    key_figures: tuple = field(default=())
    trends: list = field(default_factory=list)


def contents_of(snapshot: Snapshot) -> Contents:
    """Build the figures of `snapshot` in the current scope (the sender's: every Treff for
    city staff). Raises ValidationError when the threshold k protects nothing (k < 2)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(pk=snapshot.user_id)
    treffs = treff_selectors.overseen_treffs(user)
    if snapshot.treff_ids:
        treffs = treffs.filter(pk__in=snapshot.treff_ids)
    treffs = list(treffs)
    period = Period(snapshot.first, snapshot.last)
    if not treffs:
        raise ValidationError(_("There is no Treff to report on."))
    k = settings.TREFF_SMALL_CELL_K
    try:
        built = build.report(treffs, period, k=k, audience=Audience.COMMITTEE)
    except InvalidThreshold:
        raise ValidationError(
            _(
                "The reports are switched off: the small-cell threshold (TREFF_SMALL_CELL_K) "
                "is set below 2, which would show small counts. Ask the administrator to set "
                "it to 2 or more."
            )
        ) from None
    areas = built.areas
    key_figures = tuple(
        section for area in areas for section in area.sections if section.totals is not None
    )
    return Contents(
        snapshot=snapshot,
        period=period,
        treff_names=tuple(treff.name for treff in treffs),
        areas=areas,
        k=k,
        made_at=timezone.now(),
        key_figures=key_figures,
        trends=built.trends,
    )
