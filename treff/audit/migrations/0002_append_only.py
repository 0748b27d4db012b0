"""The database refuses to change an audit event (models.py): a trigger on UPDATE, so no code
path — a queryset update(), a raw statement — can alter the trail. DELETE stays with the
application: only the retention deletes (services.expire), and the test runner empties
tables between tests."""

from django.db import migrations

from treff.core.triggers import refuse_updates


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_audit_event")]

    operations = [
        refuse_updates(
            "audit_auditevent", "audit_event_append_only", "an audit event cannot be changed"
        )
    ]
