"""The committee report (Fachkonzept §6): a draft the city writes, and the versions it sent.

§6: carrier and city report regularly to the Ausschuss für Gesundheit, Soziales und Bildung.
The city keeps one `CommitteeReport` per report it prepares (period, Treffs, meeting, its own
summary text) and sends it as a `CommitteeReportVersion`: the PDF and the XLSX as they were
sent, byte for byte, with their SHA-256, who sent them, when, and for which meeting.

These rows are city-wide, not Treff-scoped (no ScopedManager, no `treff` field): a
committee report spans Treffs. They hold only what the committee may read: the summary text
the city wrote and figures published through the suppression engine for
`Audience.COMMITTEE` (k = settings.TREFF_SMALL_CELL_K, stored with each version) — never a
person, never a count of 1 to k−1. Treffs are linked by the draft only to choose them.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from treff.core.validators import long_text, planned_date
from treff.treffs.models import Treff

from .engine import periods

DEFAULT_MEETING = "Ausschuss für Gesundheit, Soziales und Bildung"


def period_problem(first, last) -> dict | None:
    """The field errors of a report period (engine.periods.Period's rules), or None."""
    if first is None or last is None:
        return None
    try:
        periods.Period(first, last)
    except ValueError:
        if last < first:
            return {"last": _("The last day must not be before the first.")}
        return {
            "last": _("A report covers at most %(years)d years.") % {"years": periods.MAX_YEARS}
        }
    return None


class CommitteeReport(models.Model):
    """A committee report in preparation: what it covers and the city's summary.

    `treffs` empty means every Treff. The draft may change after a version was sent; the
    versions keep what was sent.
    """

    title = models.CharField(_("title"), max_length=200)
    first = models.DateField(_("from"), validators=[planned_date])
    last = models.DateField(_("to"), validators=[planned_date])
    treffs = models.ManyToManyField(
        Treff,
        verbose_name=_("Treffs"),
        blank=True,
        related_name="+",
        help_text=_("None chosen: all Treffs."),
    )
    meeting_name = models.CharField(_("committee"), max_length=200, default=DEFAULT_MEETING)
    meeting_date = models.DateField(
        _("date of the meeting"), null=True, blank=True, validators=[planned_date]
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        validators=[long_text],
        help_text=_("The city's own words at the start of the report."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-first", "-pk"]
        verbose_name = _("committee report")
        verbose_name_plural = _("committee reports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last__gte=models.F("first")), name="reports_committee_period"
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        problem = period_problem(self.first, self.last)
        if problem:
            raise ValidationError(problem)

    @property
    def period(self) -> periods.Period:
        return periods.Period(self.first, self.last)


class VersionImmutable(ValidationError):
    """A sent version cannot be changed or deleted."""


class CommitteeReportVersion(models.Model):
    """A committee report as sent: immutable.

    What the draft said when it was sent (title, period, Treffs by name, meeting, summary)
    and the two files, with their SHA-256 (hex), so a download can be shown to be the file
    that was sent. `k` is the threshold the figures were suppressed with. save() refuses to
    change a stored version and delete() refuses to remove one; the database refuses an
    UPDATE as well (trigger, migration 0002).
    """

    report = models.ForeignKey(CommitteeReport, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(pgettext_lazy("document", "version"))
    title = models.CharField(_("title"), max_length=200)
    first = models.DateField(_("from"))
    last = models.DateField(_("to"))
    treff_names = models.JSONField(_("Treffs"), default=list)
    meeting_name = models.CharField(_("committee"), max_length=200)
    meeting_date = models.DateField(_("date of the meeting"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    k = models.PositiveSmallIntegerField(_("threshold k"))
    sent_at = models.DateTimeField(_("sent at"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    pdf = models.BinaryField(editable=False)
    pdf_sha256 = models.CharField(max_length=64, editable=False)
    xlsx = models.BinaryField(editable=False)
    xlsx_sha256 = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["-sent_at", "-number"]
        verbose_name = _("sent committee report")
        verbose_name_plural = _("sent committee reports")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="reports_version_once")
        ]

    def __str__(self):
        return f"{self.title} ({self.number})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise VersionImmutable(_("A sent version cannot be changed."))
        self.pdf_sha256 = hashlib.sha256(bytes(self.pdf)).hexdigest()
        self.xlsx_sha256 = hashlib.sha256(bytes(self.xlsx)).hexdigest()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise VersionImmutable(_("A sent version cannot be deleted."))
