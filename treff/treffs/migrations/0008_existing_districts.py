"""Districts became data (issue 17). A database that already stores district keys (an
installation from before, i.e. Dessau-Roßlau's) gets the districts those keys name, from the
file the demo imports; a new installation starts empty and imports its own city's file."""

import csv
from decimal import Decimal
from pathlib import Path

from django.db import migrations

FILE = Path(__file__).resolve().parents[2] / "demo" / "data" / "districts-dessau-rosslau.csv"
USERS = (("volunteers", "Volunteer"), ("volunteers", "HelpSeeker"))


def add_districts_in_use(apps, schema_editor):
    District = apps.get_model("treffs", "District")
    used = set()
    for app, model in USERS:
        used |= set(
            apps.get_model(app, model)
            ._base_manager.exclude(district="")
            .values_list("district", flat=True)
        )
    if not used or District.objects.exists():
        return
    with FILE.open(encoding="utf-8") as handle:
        for key, name, lat, lon, aliases in list(csv.reader(handle, delimiter=";"))[1:]:
            District.objects.create(
                key=key,
                name=name,
                latitude=Decimal(lat.replace(",", ".")),
                longitude=Decimal(lon.replace(",", ".")),
                aliases=[a.strip() for a in aliases.split("|") if a.strip()],
            )


class Migration(migrations.Migration):
    dependencies = [
        ("treffs", "0007_district"),
        ("volunteers", "0009_volunteerapplication"),
    ]

    operations = [migrations.RunPython(add_districts_in_use, migrations.RunPython.noop)]
