"""The database refuses to change a sent committee report version (models.py).

A trigger on UPDATE, so no code path — a queryset update(), a raw statement — can alter what
was sent. DELETE is left to the application (CommitteeReportVersion.delete refuses; the
draft's foreign key is PROTECT): the test runner empties tables between tests.
"""

from django.db import migrations

from treff.core.triggers import refuse_updates


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_committee_report")]

    operations = [
        refuse_updates(
            "reports_committeereportversion",
            "reports_version_immutable",
            "a sent committee report version cannot be changed",
        )
    ]
