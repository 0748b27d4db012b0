"""Migration counselling 0005: the old audit entries become events of the audit trail."""

import datetime as dt
import importlib

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from treff.audit.models import AuditEvent

from ..factories import TreffFactory, UserFactory

migration = importlib.import_module(
    "treff.counselling.migrations.0005_audit_entries_into_audit_trail"
)


@pytest.mark.django_db(transaction=True)
def test_every_entry_becomes_an_event_with_its_moment_user_treff_and_record():
    state = MigrationLoader(connection).project_state(
        [("counselling", "0004_contact_had_record"), ("audit", "0004_counselling_kinds")]
    )
    old_apps = state.apps
    AuditEntry = old_apps.get_model("counselling", "AuditEntry")
    treff, user = TreffFactory(), UserFactory()
    at = dt.datetime(2025, 3, 4, 5, 6, 7, 890, tzinfo=dt.UTC)
    with connection.schema_editor() as editor:
        editor.create_model(AuditEntry)
    try:
        AuditEntry.objects.create(treff_id=treff.pk, at=at, user_id=user.pk, action="viewed",
                                  client_id=41)  # fmt: skip
        AuditEntry.objects.create(treff_id=treff.pk, at=at, user_id=None, action="expired",
                                  client_id=42)  # fmt: skip
        migration.copy_entries(old_apps, None)
    finally:
        with connection.schema_editor() as editor:
            editor.delete_model(AuditEntry)
    events = AuditEvent.objects.filter(object_type="counselling.client").order_by("object_id")
    assert list(
        events.values_list("at", "kind", "user_id", "user_label", "treff_id", "object_id")
    ) == [
        (at, "read", user.pk, f"user {user.pk}", treff.pk, "41"),
        (at, "expired", None, "", treff.pk, "42"),
    ]
