"""The audit trail (issue 16, item 3; OWASP ASVS 5.0 V16.2/V16.3; BSI APP.3.1.A6).

One row per security event, change to personal data or read of a record: who (the user's
id and a pseudonymous label, kept when the user is deleted), what (the kind; for data,
model + id + field names, never the content), when (UTC), from where (the client's address
and the path asked for). Append-only: the
application neither changes nor deletes a row (save refuses a second save, delete and
update refuse, and a database trigger refuses UPDATE, migration 0002); only the retention
(services.expire, TREFF_AUDIT_KEPT_DAYS) deletes rows past their time.

Not a foreign key anywhere: the trail must outlive the user and the Treff it is about.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AppendOnly(Exception):
    """An audit event was to be changed or deleted outside the retention."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("The audit trail is append-only.")

    def delete(self):
        raise AppendOnly("The audit trail is append-only; services.expire deletes old rows.")

    def expire(self):
        """Delete these rows: for the retention only (services.expire)."""
        return super().delete()


class AuditEvent(models.Model):
    class Kind(models.TextChoices):
        LOGIN = "login", _("logged in")
        LOGIN_FAILED = "login_failed", _("login failed")
        LOCKED_OUT = "locked_out", _("locked out after failed logins")
        LOGOUT = "logout", _("logged out")
        DENIED = "denied", _("access refused")
        # Any record, not counselling's files ("Akte"): a context of their own.
        CREATED = "created", pgettext_lazy("audit trail", "record created")
        CHANGED = "changed", pgettext_lazy("audit trail", "record changed")
        DELETED = "deleted", pgettext_lazy("audit trail", "record deleted")
        READ = "read", pgettext_lazy("audit trail", "record read")
        # Counselling's client records ("Akte"; counselling.services.audit): what happened
        # to the record beyond reading and changing it.
        CONTACT_ADDED = "contact_added", _("contact documented for the record")
        CONTACT_CHANGED = "contact_changed", _("contact of the record changed")
        NOTE_ADDED = "note_added", _("note written for the record")
        EXPORTED = "exported", _("data exported (Art. 15 GDPR)")
        WITHDRAWN = "withdrawn", _("consent withdrawn, record anonymised")
        ERASED = "erased", _("record erased (Art. 17 GDPR)")
        EXPIRED = "expired", _("record anonymised after the retention period")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    user_id = models.PositiveBigIntegerField(_("user number"), null=True, blank=True)
    # "user 12": names no one outside Treff; the id finds the person while the account lives.
    user_label = models.CharField(_("who"), max_length=40, blank=True)
    treff_id = models.PositiveBigIntegerField(_("Treff number"), null=True, blank=True)
    object_type = models.CharField(_("kind of record"), max_length=60, blank=True)
    object_id = models.CharField(_("record number"), max_length=40, blank=True)
    fields = models.JSONField(_("fields"), default=list, blank=True)  # names, never values
    address = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    path = models.CharField(_("page"), max_length=200, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["treff_id", "-at"]),
            models.Index(fields=["user_id", "-at"]),
        ]

    def __str__(self):
        return f"{self.kind} #{self.pk}"  # never a name or an address: __str__ reaches logs

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("An audit event cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("An audit event cannot be deleted; services.expire deletes old rows.")
