"""Counselling's own audit entries move into the audit trail (treff.audit's AuditEvent), and
their table goes (issue 16: "deleting a user blanks who on audit entries and deleting a
Treff removes its trail" — AuditEvent keeps both as plain numbers).

Each entry becomes one event with the same moment, user number (empty where the user was
already deleted), Treff and record number; its action becomes the event's kind ("viewed" is
"read", the others keep their names). The address and page were never recorded: empty.
Going back recreates the empty table; the events stay in the trail.
"""

from django.db import migrations

KINDS = {"viewed": "read"}
BATCH = 1000


def copy_entries(apps, schema_editor):
    AuditEntry = apps.get_model("counselling", "AuditEntry")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    batch = []
    for entry in AuditEntry.objects.order_by("at", "pk").iterator(chunk_size=BATCH):
        batch.append(
            AuditEvent(
                at=entry.at,
                kind=KINDS.get(entry.action, entry.action),
                user_id=entry.user_id,
                user_label=f"user {entry.user_id}" if entry.user_id else "",
                treff_id=entry.treff_id,
                object_type="counselling.client",
                object_id=str(entry.client_id),
                fields=[],
            )
        )
        if len(batch) == BATCH:
            AuditEvent.objects.bulk_create(batch)
            batch = []
    AuditEvent.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("counselling", "0004_contact_had_record"),
        ("audit", "0004_counselling_kinds"),
    ]

    operations = [
        migrations.RunPython(copy_entries, migrations.RunPython.noop),
        migrations.DeleteModel(name="AuditEntry"),
    ]
