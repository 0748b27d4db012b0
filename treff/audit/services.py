"""Writing the audit trail, and deleting it after its time (models.py says what a row holds)."""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from treff.core.addresses import client_address

from .models import AuditEvent
from .tracking import current_request

PATH_LENGTH = AuditEvent._meta.get_field("path").max_length


def label_of(user_id: int | None) -> str:
    """The pseudonymous label of a user id ("user 12"): no name, no e-mail address."""
    return f"user {user_id}" if user_id else ""


def record(
    kind: str,
    *,
    request=None,
    user=None,
    treff_id: int | None = None,
    obj=None,
    fields: list[str] | None = None,
) -> AuditEvent:
    """Append one event. `request` (default: the request being answered, if any) gives the
    address and path (never the query string, which may carry a search term); `user`
    defaults to the request's logged-in user. `obj`: the record it is about (model and id;
    its Treff unless `treff_id` is given); `fields`: names of changed fields, never values."""
    if request is None:
        request = current_request.get()
    if user is None and request is not None and getattr(request, "user", None) is not None:
        user = request.user if request.user.is_authenticated else None
    user_id = user.pk if user is not None else None
    if obj is not None and treff_id is None:
        treff_id = getattr(obj, "treff_id", None)
    return AuditEvent.objects.create(
        kind=kind,
        user_id=user_id,
        user_label=label_of(user_id),
        treff_id=treff_id,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        fields=fields or [],
        address=client_address(request) if request is not None else None,
        path=request.path[:PATH_LENGTH] if request is not None else "",
    )


def record_read(request, obj) -> AuditEvent:
    """A person read a record with personal data (a counselling record, a home address)."""
    return record(AuditEvent.Kind.READ, request=request, obj=obj)


def expire(*, now: dt.datetime | None = None) -> int:
    """Delete the events older than TREFF_AUDIT_KEPT_DAYS (deletion concept: 2 years by
    default); returns how many. Run nightly by the housekeeping job."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.TREFF_AUDIT_KEPT_DAYS)
    deleted, _ = AuditEvent.objects.filter(at__lt=cutoff).expire()
    return deleted
