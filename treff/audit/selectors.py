"""Reading the audit trail: which events a reader sees."""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Q, QuerySet

from treff.treffs.access import roles_of
from treff.treffs.models import Membership, Treff

from .models import AuditEvent


def events_for(user, *, kind: str = "") -> QuerySet[AuditEvent]:
    """The events `user` may read, newest first: the city's staff every event; a coordinator
    those on the pages of their Treffs and those of the people who have a role there (their
    logins, lockouts and refusals anywhere). Anyone else: PermissionDenied."""
    roles = roles_of(user)
    events = AuditEvent.objects.all()
    if not roles.city_staff:
        if not roles.coordinator_of:
            raise PermissionDenied
        people = Membership.objects.filter(treff_id__in=roles.coordinator_of).values("user_id")
        events = events.filter(Q(treff_id__in=roles.coordinator_of) | Q(user_id__in=people))
    if kind:
        events = events.filter(kind=kind)
    return events


def treff_names(treff_ids) -> dict[int, str]:
    """{id: name} of the Treffs the events name; a deleted Treff has none."""
    return dict(Treff.objects.filter(pk__in=set(treff_ids) - {None}).values_list("pk", "name"))


def record_of(event: AuditEvent) -> tuple[str, str, list[str]]:
    """(kind of record, its number, the changed fields) in the reader's language, from the
    model's and fields' verbose names; a model or field since renamed shows its code name."""
    if not event.object_type:
        return "", "", []
    try:
        meta = apps.get_model(event.object_type)._meta
    except LookupError:
        return event.object_type, event.object_id, list(event.fields)
    fields = []
    for name in event.fields:
        try:
            fields.append(str(meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            fields.append(name)
    return str(meta.verbose_name), event.object_id, fields
