"""Quality development (Fachkonzept §6): carrier and city meet regularly per Treff, agree
quality standards, follow up on action items, and the city acknowledges the Treff's own
documents — the carrier's concept for the Treff (§1) and the hygiene concept (§4.3).

Everything here belongs to one Treff (`objects = ScopedManager(treff=…)`), including the
**standards**: §6 has each carrier develop them together with the city, and the two Treffs
have different carriers, so a standard is agreed for one Treff; the same text for both is
recorded in each. A standard keeps every version it had; the highest number is the one that
holds, the others are kept as superseded. Every row says who wrote it and when.
"""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from treff.core.validators import long_text, past_date, planned_date
from treff.treffs.models import Role, Treff

from .files import validate_document


def _user_fk(verbose_name, **kwargs):
    # PROTECT: who wrote, owns or acknowledged what stays on record; people who leave are
    # deactivated, not deleted.
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=verbose_name,
        **kwargs,
    )


class Meeting(models.Model):
    """A meeting of carrier and city about one Treff (§6: regular meetings)."""

    treff = models.ForeignKey(
        Treff, on_delete=models.CASCADE, related_name="quality_meetings", verbose_name=_("Treff")
    )
    date = models.DateField(_("date"), validators=[planned_date])
    title = models.CharField(_("title"), max_length=200)
    agenda = models.TextField(_("agenda"), blank=True, validators=[long_text])
    minutes = models.TextField(_("minutes"), blank=True, validators=[long_text])
    created_by = _user_fk(_("recorded by"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_by = _user_fk(_("changed by"))
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("quality meeting")
        verbose_name_plural = _("quality meetings")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title


class ParticipantRole(models.TextChoices):
    """Who took part, by role; only staff, never visitors (§6: carrier and city)."""

    CITY_STAFF = Role.CITY_STAFF.value, Role.CITY_STAFF.label
    CARRIER = "carrier", _("Carrier")
    COORDINATOR = Role.COORDINATOR.value, Role.COORDINATOR.label
    COUNSELLOR = Role.COUNSELLOR.value, Role.COUNSELLOR.label
    VOLUNTEER = Role.VOLUNTEER.value, Role.VOLUNTEER.label
    OTHER = "other", _("Other institution")


class MeetingParticipant(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="participants", verbose_name=_("meeting")
    )
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices)
    name = models.CharField(
        _("name"), max_length=150, blank=True, help_text=_("Optional; staff only, no visitors.")
    )

    objects = ScopedManager(treff="meeting__treff")

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_role_display()}: {self.name}" if self.name else self.get_role_display()


class MeetingDecision(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("meeting")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("decision"), max_length=500)

    objects = ScopedManager(treff="meeting__treff")

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.text


class ActionItem(models.Model):
    """Something to do, with its owner and due date; on the owner's dashboard until done."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    treff = models.ForeignKey(
        Treff, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("Treff")
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("meeting"),
    )
    title = models.CharField(_("what is to be done"), max_length=300)
    owner = _user_fk(_("owner"))
    due_on = models.DateField(_("due on"), validators=[planned_date])
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    created_by = _user_fk(_("recorded by"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_by = _user_fk(_("changed by"))
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="done", done_at__isnull=False)
                | (~models.Q(status="done") & models.Q(done_at__isnull=True)),
                name="quality_actionitem_done_at_iff_done",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.meeting_id and self.treff_id and self.meeting.treff_id != self.treff_id:
            raise ValidationError({"meeting": _("This meeting belongs to another Treff.")})

    def is_overdue(self, today) -> bool:
        return self.status == self.Status.OPEN and self.due_on < today


class QualityStandard(models.Model):
    """A standard carrier and city agree for one Treff (§6); its text lives in versions."""

    treff = models.ForeignKey(
        Treff, on_delete=models.CASCADE, related_name="quality_standards", verbose_name=_("Treff")
    )
    title = models.CharField(_("title"), max_length=200)
    created_by = _user_fk(_("recorded by"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("quality standard")
        verbose_name_plural = _("quality standards")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["treff", "title"],
                name="quality_standard_unique_title",
                violation_error_message=_("This Treff already has a standard with this title."),
            )
        ]

    def __str__(self):
        return self.title


class StandardVersion(models.Model):
    """One agreed wording; a higher number supersedes it, and it stays on record."""

    standard = models.ForeignKey(
        QualityStandard,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("standard"),
    )
    number = models.PositiveIntegerField(pgettext_lazy("document", "version"))
    text = models.TextField(_("text"), validators=[long_text])
    agreed_on = models.DateField(_("agreed on"), validators=[past_date])
    recorded_by = _user_fk(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = ScopedManager(treff="standard__treff")

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "number"], name="quality_standard_version_unique"
            )
        ]

    def __str__(self):
        return f"{self.standard} ({self.number})"


class DocumentKind(models.TextChoices):
    CONCEPT = "concept", _("Concept for the Treff (§1)")
    HYGIENE = "hygiene", _("Hygiene concept (§4.3)")
    OTHER = "other", _("Other document")


class TreffDocument(models.Model):
    """A document the carrier submits for its Treff; the city acknowledges each version."""

    treff = models.ForeignKey(
        Treff, on_delete=models.CASCADE, related_name="quality_documents", verbose_name=_("Treff")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    created_by = _user_fk(_("recorded by"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        verbose_name = _("Treff document")
        verbose_name_plural = _("Treff documents")
        ordering = ["kind", "title"]

    def __str__(self):
        return self.title


def _upload_to(version, filename):
    # A random name on disk: the person's file name is kept in the row, never trusted as a path.
    suffix = PurePosixPath(filename).suffix.lower()
    return f"quality/{version.document.treff_id}/{uuid.uuid4().hex}{suffix}"


class DocumentVersion(models.Model):
    document = models.ForeignKey(
        TreffDocument,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("document"),
    )
    number = models.PositiveIntegerField(pgettext_lazy("document", "version"))
    file = models.FileField(_("file"), upload_to=_upload_to, validators=[validate_document])
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    uploaded_by = _user_fk(_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    acknowledged_by = _user_fk(_("acknowledged by"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)

    objects = ScopedManager(treff="document__treff")

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="quality_document_version_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(acknowledged_by__isnull=True, acknowledged_at__isnull=True)
                | models.Q(acknowledged_by__isnull=False, acknowledged_at__isnull=False),
                name="quality_document_version_acknowledged_both",
            ),
        ]

    def __str__(self):
        return f"{self.document} ({self.number})"
