"""The partner directory from a spreadsheet (issue 17, item 3); see core.imports."""

from django.utils.translation import gettext_lazy as _

from treff.core.choices import Language
from treff.core.imports import Importer, boolean, choice, column, several, text

from .models import Category, PartnerService

DIRECTORY = Importer(
    name="wegweiser",
    columns=(
        column(
            "name",
            "Name",
            "Einrichtung",
            "Dienst",
            "name",
            "service",
            parse=text(200),
            required=True,
            example="Schuldnerberatung der Diakonie",
        ),
        column(
            "category",
            "Kategorie",
            "Bereich",
            "category",
            parse=choice(Category.choices),
            required=True,
            example="Schuldnerberatung",
        ),
        column(
            "description",
            "Angebot",
            "Was sie anbieten",
            "Beschreibung",
            "description",
            "what they offer",
            parse=text(5000),
            example="Beratung bei Schulden, P-Konto",
        ),
        column(
            "office_hours",
            "Sprechzeiten",
            "Öffnungszeiten",
            "office hours",
            parse=text(5000),
            example="Di 9–12, Do 14–18",
        ),
        column(
            "street",
            "Straße und Hausnummer",
            "Straße",
            "Adresse",
            "street",
            "address",
            parse=text(200),
            example="Marktplatz 1",
        ),
        column(
            "postal_code",
            "PLZ",
            "Postleitzahl",
            "postal code",
            "zip",
            parse=text(5),
            example="06844",
        ),
        column("city", "Ort", "Stadt", "city", "town", parse=text(100), example="Musterstadt"),
        column(
            "phone", "Telefon", "Tel", "phone", "telephone", parse=text(30), example="0340 123456"
        ),
        column(
            "email",
            "E-Mail",
            "Mail",
            "email",
            "e mail",
            parse=text(254),
            example="beratung@example.org",
        ),
        column(
            "website",
            "Website",
            "Internet",
            "Webseite",
            "web",
            "url",
            parse=text(200),
            example="https://example.org",
        ),
        column(
            "languages",
            "Sprachen",
            "languages",
            parse=several(Language.choices),
            default=[],
            example="Deutsch, Russisch",
        ),
        column(
            "barrier_free",
            "Barrierefrei",
            "barrier-free",
            "barrier free",
            parse=boolean,
            default=False,
            example="ja",
        ),
        column(
            "accessibility", "Barrierefreiheit", "accessibility", parse=text(300), example="Aufzug"
        ),
        column(
            "public",
            "Öffentlich",
            "Auf der Website",
            "public",
            parse=boolean,
            default=False,
            example="ja",
        ),
    ),
    key=lambda values: values["name"],
    existing_keys=lambda context: PartnerService.objects.values_list("name", flat=True),
    build=lambda values, context: PartnerService(**values),
)
DIRECTORY_TITLE = _("Import the partner directory")
