"""The database refuses to change an audit event (models.py): a trigger on UPDATE, so no code
path — a queryset update(), a raw statement — can alter the trail. DELETE stays with the
application: only the retention deletes (services.expire), and the test runner empties
tables between tests."""

from django.db import migrations

SQLITE = (
    "CREATE TRIGGER audit_event_append_only BEFORE UPDATE ON audit_auditevent "
    "BEGIN SELECT RAISE(ABORT, 'an audit event cannot be changed'); END;",
    "DROP TRIGGER IF EXISTS audit_event_append_only;",
)
POSTGRESQL = (
    "CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'an audit event cannot be changed'; END; $$; "
    "CREATE TRIGGER audit_event_append_only BEFORE UPDATE ON audit_auditevent "
    "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();",
    "DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent; "
    "DROP FUNCTION IF EXISTS audit_event_append_only();",
)
STATEMENTS = {"sqlite": SQLITE, "postgresql": POSTGRESQL}


def create(apps, schema_editor):
    statements = STATEMENTS.get(schema_editor.connection.vendor)
    if statements:
        schema_editor.execute(statements[0])


def drop(apps, schema_editor):
    statements = STATEMENTS.get(schema_editor.connection.vendor)
    if statements:
        schema_editor.execute(statements[1])


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_audit_event")]

    operations = [migrations.RunPython(create, drop)]
