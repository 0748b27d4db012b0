"""The database refuses to change a submitted proof of use (models_proof.py).

A trigger on UPDATE, so no code path — a queryset update(), a raw statement — can alter what
was submitted. DELETE is left to the application (ProofVersion.delete refuses; the proof's
foreign key is PROTECT): the test runner empties tables between tests.
"""

from django.db import migrations

SQLITE = (
    "CREATE TRIGGER funding_proof_version_immutable BEFORE UPDATE ON funding_proofversion "
    "BEGIN SELECT RAISE(ABORT, 'a submitted proof of use cannot be changed'); END;",
    "DROP TRIGGER IF EXISTS funding_proof_version_immutable;",
)
POSTGRESQL = (
    "CREATE FUNCTION funding_proof_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'a submitted proof of use cannot be changed'; END; $$; "
    "CREATE TRIGGER funding_proof_version_immutable BEFORE UPDATE ON funding_proofversion "
    "FOR EACH ROW EXECUTE FUNCTION funding_proof_version_immutable();",
    "DROP TRIGGER IF EXISTS funding_proof_version_immutable ON funding_proofversion; "
    "DROP FUNCTION IF EXISTS funding_proof_version_immutable();",
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
    dependencies = [("funding", "0001_funding")]

    operations = [migrations.RunPython(create, drop)]
