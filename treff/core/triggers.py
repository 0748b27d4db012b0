"""A table whose rows the database itself refuses to change, for the migrations of
append-only records (submitted proofs of use, sent committee reports, the audit trail).

A trigger on UPDATE stops every code path — a queryset update(), a raw statement, the
admin. DELETE stays with the application (the models refuse it; retention and the test
runner empty tables), so only UPDATE is refused. SQLite and PostgreSQL; other engines
get no trigger.
"""

from django.db import migrations


def _statements(vendor: str, table: str, name: str, message: str) -> tuple[str, str] | None:
    """(create, drop) SQL for `vendor`, or None where Treff has no trigger for it."""
    if vendor == "sqlite":
        return (
            f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END;",
            f"DROP TRIGGER IF EXISTS {name};",
        )
    if vendor == "postgresql":
        return (
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{message}'; END; $$; "
            f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {name}();",
            f"DROP TRIGGER IF EXISTS {name} ON {table}; DROP FUNCTION IF EXISTS {name}();",
        )
    return None


def refuse_updates(table: str, name: str, message: str) -> migrations.RunPython:
    """A migration operation creating (and on reverse dropping) trigger `name` that aborts
    any UPDATE of `table` with `message`. The three arguments are fixed identifiers and
    texts of the migration, never user input (they go into the SQL as they are)."""

    def create(apps, schema_editor):
        statements = _statements(schema_editor.connection.vendor, table, name, message)
        if statements:
            schema_editor.execute(statements[0])

    def drop(apps, schema_editor):
        statements = _statements(schema_editor.connection.vendor, table, name, message)
        if statements:
            schema_editor.execute(statements[1])

    return migrations.RunPython(create, drop)
