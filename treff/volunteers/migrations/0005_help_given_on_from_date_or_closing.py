"""Finished help before `helped_on` existed: the request's date if it has one and it is not
after the closing, else the local day it was closed. Weekly requests thus count on the day
they were closed, as before; dated ones move to the day the help was arranged for."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations


def forwards(apps, schema_editor):
    HelpRequest = apps.get_model("volunteers", "HelpRequest")
    zone = ZoneInfo(settings.TIME_ZONE)
    # The historical model has a plain manager: no scope needed inside a migration.
    for request in HelpRequest.objects.filter(status="done", helped_on__isnull=True):
        closed = (request.closed_at or request.created_at).astimezone(zone).date()
        request.helped_on = request.date if request.date and request.date <= closed else closed
        request.save(update_fields=["helped_on"])


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0004_midnight_dates_qualifications_corrections")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
