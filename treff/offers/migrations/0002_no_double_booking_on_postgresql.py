"""On PostgreSQL the database itself refuses two overlapping occurrences in one room, or for
one responsible person (exclusion constraints over time ranges, needs btree_gist).

SQLite has no such constraint; there the services check conflicts inside an IMMEDIATE
transaction, which serialises writers, so the check and the insert cannot interleave.
"""

from django.db import migrations

CONSTRAINTS = {
    "offers_occurrence_no_room_overlap": "room_id WITH =",
    "offers_occurrence_no_person_overlap": "responsible_id WITH =",
}


def add_constraints(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    for name, column in CONSTRAINTS.items():
        person = " AND responsible_id IS NOT NULL" if "person" in name else ""
        schema_editor.execute(
            f"ALTER TABLE offers_occurrence ADD CONSTRAINT {name} EXCLUDE USING gist "
            f"({column}, tstzrange(start, \"end\", '[)') WITH &&) WHERE (NOT cancelled{person})"
        )


def remove_constraints(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONSTRAINTS:
        schema_editor.execute(f"ALTER TABLE offers_occurrence DROP CONSTRAINT IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("offers", "0001_initial")]
    operations = [migrations.RunPython(add_constraints, remove_constraints, elidable=False)]
