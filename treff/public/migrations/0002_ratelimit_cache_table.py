"""The table of the shared "ratelimit" cache (settings.CACHES), made by `migrate` so that no
installation needs a separate createcachetable step; on SQLite and PostgreSQL alike."""

from django.conf import settings
from django.core.management import call_command
from django.db import migrations


def create_table(apps, schema_editor):
    # createcachetable makes every DatabaseCache table that is missing, and leaves one that
    # is there alone, so running this again is harmless.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_table(apps, schema_editor):
    table = schema_editor.quote_name(settings.RATELIMIT_CACHE_TABLE)
    schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    dependencies = [("public", "0001_initial")]

    operations = [migrations.RunPython(create_table, drop_table)]
