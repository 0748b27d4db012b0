"""The database refuses to change a sent committee report version (models.py).

A trigger on UPDATE, so no code path — a queryset update(), a raw statement — can alter what
was sent. DELETE is left to the application (CommitteeReportVersion.delete refuses; the
draft's foreign key is PROTECT): the test runner empties tables between tests.
"""

from django.db import migrations

SQLITE = (
    "CREATE TRIGGER reports_version_immutable BEFORE UPDATE ON reports_committeereportversion "
    "BEGIN SELECT RAISE(ABORT, 'a sent committee report version cannot be changed'); END;",
    "DROP TRIGGER IF EXISTS reports_version_immutable;",
)
POSTGRESQL = (
    "CREATE FUNCTION reports_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'a sent committee report version cannot be changed'; END; $$; "
    "CREATE TRIGGER reports_version_immutable BEFORE UPDATE ON reports_committeereportversion "
    "FOR EACH ROW EXECUTE FUNCTION reports_version_immutable();",
    "DROP TRIGGER IF EXISTS reports_version_immutable ON reports_committeereportversion; "
    "DROP FUNCTION IF EXISTS reports_version_immutable();",
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
    dependencies = [("reports", "0001_committee_report")]

    operations = [migrations.RunPython(create, drop)]
