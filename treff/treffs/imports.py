"""The rooms of a Treff from a spreadsheet (issue 17, item 3); see core.imports."""

from django.utils.translation import gettext_lazy as _

from treff.core.imports import Importer, boolean, choice, column, several, text, whole_number

from .models import Equipment, Room

ROOMS = Importer(
    name="raeume",
    columns=(
        column(
            "name",
            "Name",
            "Raum",
            "room",
            "name of the room",
            parse=text(120),
            required=True,
            example="Gruppenraum",
        ),
        column(
            "kind",
            "Art",
            "Raumart",
            "kind",
            "type",
            parse=choice(Room.Kind.choices),
            required=True,
            example="Gruppenraum",
        ),
        column(
            "capacity",
            "Plätze",
            "Kapazität",
            "Personen",
            "capacity",
            "seats",
            parse=whole_number(0, 1000),
            required=True,
            example="20",
        ),
        column(
            "barrier_free",
            "Barrierefrei",
            "barrier-free",
            "barrier free",
            parse=boolean,
            default=True,
            example="ja",
        ),
        column(
            "equipment",
            "Ausstattung",
            "equipment",
            parse=several(Equipment.choices),
            default=[],
            example="Tische und Stühle, WLAN",
        ),
        column("notes", "Notizen", "Bemerkungen", "notes", parse=text(2000), example=""),
    ),
    key=lambda values: values["name"],
    existing_keys=lambda context: Room.objects.filter(treff=context["treff"]).values_list(
        "name", flat=True
    ),
    build=lambda values, context: Room(treff=context["treff"], **values),
)
ROOMS_TITLE = _("Import rooms")
