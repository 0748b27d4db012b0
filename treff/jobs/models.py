"""What the task layer keeps beyond the queue itself (django-tasks-db's DBTaskResult)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from treff.treffs.models import Treff


class ScheduledRun(models.Model):
    """One period of one scheduled job, queued once: the unique row is the proof.

    However many workers start and call core.schedule.ensure(), only the one that inserts
    the row for (job, period) queues the job for that period (see treff.jobs.schedule).
    """

    job = models.CharField(max_length=60)
    period = models.CharField(max_length=32)  # e.g. "2026-12-01" for a daily job
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "period"], name="jobs_scheduledrun_once")
        ]

    def __str__(self):
        return f"{self.job} {self.period}"


class MailFailure(models.Model):
    """An e-mail that could not be sent after its last try, shown to the Treff's coordinators.

    Holds what they need to tell the people by other means: the subject (mails name offers,
    shifts and kinds of help, never a visitor's details) and the addresses.
    """

    treff = models.ForeignKey(Treff, on_delete=models.CASCADE, related_name="mail_failures")
    subject = models.CharField(_("subject"), max_length=300)
    recipients = models.JSONField(_("recipients"), default=list)
    attempts = models.PositiveSmallIntegerField(_("attempts"))
    failed_at = models.DateTimeField(_("failed at"), auto_now_add=True)

    objects = ScopedManager(treff="treff")

    class Meta:
        ordering = ["-failed_at"]
        verbose_name = _("e-mail not sent")
        verbose_name_plural = _("e-mails not sent")

    def __str__(self):
        return self.subject


class GeneratedFile(models.Model):
    """A file a worker makes for one person (a report as PDF or XLSX), kept FILES_KEPT.

    Only the person who asked can fetch it, and only while they still hold the permission
    its kind asks for (jobs.files.KINDS); the id is a UUID, so it cannot be guessed either.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("being made")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="generated_files"
    )
    kind = models.CharField(max_length=40)
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    filename = models.CharField(max_length=200)
    content = models.BinaryField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename
