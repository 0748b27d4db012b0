"""A copy of the whole test database kept in the database itself, restored before each test.

Loading the demo takes seconds; copying its rows back takes a fraction of that. The copy
lives in plain tables next to Django's (`tpl_0`, `tpl_1`, …; numbered, as PostgreSQL allows
63 characters in a name): `CREATE TABLE … AS SELECT` and `INSERT … SELECT` work the same on
SQLite and PostgreSQL, and Django's flush after each transactional test does not know these
tables, so the copy outlives every test. A restore empties Django's tables and copies every
row back in one transaction: the foreign keys Django creates are deferred on both databases,
so the order of the tables does not matter. PostgreSQL's sequences are then moved past the
copied ids (SQLite takes the next id from the rows themselves), and the cache of content
types is emptied.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))


def save(prefix: str = "tpl") -> dict[str, str]:
    """Copy every table of Django's into a template table `<prefix>_<n>`; returns {table:
    its copy}. Each user of copies needs its own prefix: a second save() with the same one
    would overwrite the first's copies, and its drop() remove them (the browser tests'
    session template and tests/test_template_db.py run in one process)."""
    quote = connection.ops.quote_name
    copies = {table: f"{prefix}_{number}" for number, table in enumerate(_tables())}
    with transaction.atomic(), connection.cursor() as cursor:
        for table, copy in copies.items():
            cursor.execute(f"DROP TABLE IF EXISTS {quote(copy)}")
            # Names from Django's own introspection, quoted: nothing from outside.
            cursor.execute(f"CREATE TABLE {quote(copy)} AS SELECT * FROM {quote(table)}")  # noqa: S608
    return copies


def restore(copies: dict[str, str]) -> None:
    """Make Django's tables hold exactly the rows of `save()` again."""
    quote = connection.ops.quote_name
    flush = connection.ops.sql_flush(no_style(), list(copies), allow_cascade=True)
    sequences = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in flush:
            cursor.execute(statement)
        for table, copy in copies.items():
            cursor.execute(f"INSERT INTO {quote(table)} SELECT * FROM {quote(copy)}")  # noqa: S608
        for statement in sequences:
            cursor.execute(statement)
    # The flush after the previous test made content types anew, under other ids.
    ContentType.objects.clear_cache()


def drop(copies: dict[str, str]) -> None:
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for copy in copies.values():
            cursor.execute(f"DROP TABLE IF EXISTS {quote(copy)}")
