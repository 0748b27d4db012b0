from django.core.checks import Error, Tags, register
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@register(Tags.database, deploy=True)
def unapplied_migrations(app_configs, databases=None, **kwargs):
    """Refuse to serve a database whose schema is behind the code.

    Runs with `manage.py check --deploy --database default`, which the deployment runs before
    starting the application server, so a forgotten `migrate` is a clear message, not a 500.
    """
    errors = []
    for alias in databases or []:
        connection = connections[alias]
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            errors.append(
                Error(
                    ngettext(
                        "%(count)d migration is not applied to the database %(alias)s.",
                        "%(count)d migrations are not applied to the database %(alias)s.",
                        len(plan),
                    )
                    % {"count": len(plan), "alias": alias},
                    hint=_("Run: python manage.py migrate"),
                    id="treff.E001",
                )
            )
    return errors
