"""Changes to personal data into the audit trail (issue 16, item 3): which record (model and
id) and which fields, never their values; who from the request being answered.

Tracked: the people Treff keeps data about (TRACKED). Every save and delete through the ORM
is seen (services, admin, commands); a queryset `update()` or `bulk_create()` is not — the
services of these models do not use them for personal data, and a test keeps it that way
for the ones it covers. Loading a backup (raw saves) records nothing: it changes nobody's
data, it puts it back.
"""

from contextvars import ContextVar

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_save

# The request being answered, for who and from where (set by audit.middleware).
current_request: ContextVar = ContextVar("treff_audit_request", default=None)

# "app.model": fields whose changes are not worth a line (bookkeeping, not personal data).
TRACKED = {
    "accounts.user": {"last_login"},
    "treffs.membership": set(),
    "people.invitation": {"mail_failed"},
    "volunteers.volunteer": set(),
    "volunteers.helpseeker": set(),
    "counselling.client": set(),
    # Second factors (accounts.two_factor): set up, replaced, removed — not each use.
    "otp_totp.totpdevice": {
        "drift",
        "last_t",
        "throttling_failure_timestamp",
        "throttling_failure_count",
        "created_at",
        "last_used_at",
    },
    "otp_static.staticdevice": {
        "throttling_failure_timestamp",
        "throttling_failure_count",
        "created_at",
        "last_used_at",
    },
}
OLD = "_treff_audit_old"


def _names(model, instance, update_fields) -> list[tuple[str, str]]:
    """(field name, attribute name) of the concrete fields to compare."""
    ignored = TRACKED[model._meta.label_lower]
    fields = [
        (field.name, field.attname)
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in ignored
    ]
    if update_fields is not None:
        fields = [
            (name, attname)
            for name, attname in fields
            if name in update_fields or attname in update_fields
        ]
    return fields


def _remember(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance._state.adding or instance.pk is None:
        return
    names = _names(sender, instance, update_fields)
    old = None
    if names:
        # The base manager: the row as stored, whatever scope the request runs in.
        old = sender._base_manager.filter(pk=instance.pk).values(*(a for _, a in names)).first()
    # The fields compared go with the old values, so post_save compares exactly these.
    setattr(instance, OLD, (names, old or {}))


def _saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    from .models import AuditEvent
    from .services import record

    if raw:
        return
    if created:
        record(AuditEvent.Kind.CREATED, obj=instance)
        return
    remembered = getattr(instance, OLD, None)
    if remembered is None:
        return
    names, old = remembered
    changed = sorted(
        name
        for name, attname in names
        if attname in old and old[attname] != getattr(instance, attname)
    )
    if changed:
        record(AuditEvent.Kind.CHANGED, obj=instance, fields=changed)


def _deleted(sender, instance, **kwargs):
    from .models import AuditEvent
    from .services import record

    record(AuditEvent.Kind.DELETED, obj=instance)


def connect() -> None:
    for label in TRACKED:
        model = apps.get_model(label)
        uid = f"treff.audit.{label}"
        pre_save.connect(_remember, sender=model, dispatch_uid=uid)
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
