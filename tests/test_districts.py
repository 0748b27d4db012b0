"""The city's districts as data (issue 17, item 1): imported by the platform administrator
from the city's own CSV, XLSX or GeoJSON, previewed, applied all or nothing."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from treff.demo.districts import FILE as DESSAU_FILE
from treff.treffs.districts import gazetteer
from treff.treffs.models import District
from treff.treffs.services_districts import apply_districts, read_districts

pytestmark = pytest.mark.django_db

MUSTERSTADT = DESSAU_FILE.parents[3] / "tests" / "data" / "districts-musterstadt.geojson"


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_superuser("plattform", "p@example.org", "x" * 20)
    client.force_login(admin)
    return client


class Named(io.BytesIO):
    def __init__(self, name, content):
        super().__init__(content)
        self.name = name


def _post(client, name, content):
    return client.post("/districts/", {"file": Named(name, content)})


def test_a_windows_1252_csv_is_previewed_then_imported_and_again_changes_nothing(admin_client):
    content = DESSAU_FILE.read_text(encoding="utf-8").encode("cp1252")
    preview = _post(admin_client, "stadtteile.csv", content)
    assert preview.status_code == 200
    plan = preview.context["preview"]
    assert (len(plan["added"]), plan["changed"], plan["unchanged"]) == (25, [], 0)
    assert District.objects.count() == 0  # nothing before confirming
    done = admin_client.post("/districts/import/")
    assert done.status_code == 302
    assert District.objects.count() == 25
    toerten = District.objects.get(key="toerten")
    assert (toerten.name, str(toerten.latitude), str(toerten.longitude)) == (
        "Törten",
        "51.802000",
        "12.238000",
    )
    assert gazetteer().district("Innenstadt").key == "mitte"

    again = _post(admin_client, "stadtteile.csv", content)
    plan = again.context["preview"]
    assert (plan["added"], plan["changed"], plan["unchanged"], plan["removed"]) == ([], [], 25, [])
    admin_client.post("/districts/import/")
    assert District.objects.count() == 25


def test_a_geojson_without_centres_gets_them_from_its_boundaries():
    rows = read_districts(MUSTERSTADT.name, MUSTERSTADT.read_bytes())
    assert [(r["key"], r["name"], r["lat"], r["lon"]) for r in rows] == [
        ("altstadt", "Altstadt", 48.14, 11.58),
        ("anger", "Am Anger", 48.13, 11.61),
        ("bahnhof", "Bahnhofsviertel", 48.14, 11.56),
    ]
    assert rows[0]["boundary"]["type"] == "Polygon"
    assert rows[2]["boundary"] is None


def test_a_feature_without_centre_or_boundary_is_named():
    content = (
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", '
        b'"properties": {"name": "Nirgendwo"}, "geometry": null}]}'
    )
    with pytest.raises(ValidationError) as caught:
        read_districts("x.geojson", content)
    assert caught.value.messages == [
        "Stadtteil 1 (Nirgendwo), Breitengrad: Der Mittelpunkt fehlt: Geben Sie Breiten- und "
        "Längengrad an oder eine Grenze.",
        "Stadtteil 1 (Nirgendwo), Längengrad: Der Mittelpunkt fehlt: Geben Sie Breiten- und "
        "Längengrad an oder eine Grenze.",
    ]


def test_every_bad_row_is_named_and_nothing_is_imported(admin_client):
    content = (
        "Schlüssel;Name;Breitengrad;Längengrad\n"
        "nord;Nord;51,84;12,24\n"
        ";;51,8;12,2\n"
        "sued;Süd;abc;12,24\n"
        "nord;Norden;51,85;12,25\n"
    ).encode()
    answer = _post(admin_client, "stadtteile.csv", content)
    assert answer.status_code == 200
    assert answer.context["form"].errors["file"] == [
        "Zeile 3, Name: Ein Name ist nötig.",
        "Zeile 4, Breitengrad: „abc“ ist keine Koordinate zwischen -90 und 90.",
        "Zeile 5, Schlüssel: „nord“ steht zweimal in der Datei (auch Zeile 2).",
    ]
    assert answer.context["preview"] is None
    assert admin_client.post("/districts/import/").status_code == 302
    assert District.objects.count() == 0


def test_an_xlsx_file_works_like_a_csv(admin_client):
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Breitengrad", "Längengrad"])
    sheet.append(["Großkühnau", 51.844, 12.17])
    buffer = io.BytesIO()
    book.save(buffer)
    rows = read_districts("stadtteile.xlsx", buffer.getvalue())
    assert rows == [
        {
            "key": "grosskuehnau",
            "name": "Großkühnau",
            "lat": 51.844,
            "lon": 12.17,
            "aliases": [],
            "boundary": None,
        }
    ]


def test_a_district_in_use_stays_when_the_new_file_lacks_it(world):
    from treff.volunteers.models import Volunteer

    used = "zoberberg"
    from django_scopes import scopes_disabled

    with scopes_disabled():
        Volunteer.objects.create(
            treff=world.franztreff, first_name="A", last_name="B", district=used
        )
    rows = read_districts(MUSTERSTADT.name, MUSTERSTADT.read_bytes())
    done = apply_districts(rows, user=None)
    assert done["kept"] == ["Zoberberg"]
    assert len(done["removed"]) == 24
    assert sorted(District.objects.values_list("key", flat=True)) == [
        "altstadt",
        "anger",
        "bahnhof",
        "zoberberg",
    ]


def test_the_template_is_the_list_in_the_import_columns(admin_client):
    response = admin_client.get("/districts/export/csv/")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines() == [
        "Schlüssel;Name;Breitengrad;Längengrad;Andere Namen",
        "mitte;Stadtmitte;51,8345;12,2455;Innenstadt | Zentrum",
    ]
    # The template read back is a valid file.
    assert read_districts("vorlage.csv", response.content)[0]["key"] == "mitte"


@pytest.mark.parametrize("name", ["city", "carrier", "coordinator", "outsider"])
def test_only_the_platform_administrator_imports_districts(world, client_for, name):
    client = client_for(name)
    assert client.get("/districts/").status_code == 403
    assert (
        _post(client, "x.csv", b"Name;Breitengrad;L\xc3\xa4ngengrad\nX;51;12\n").status_code == 403
    )
    assert client.post("/districts/import/").status_code == 403
    assert not District.objects.filter(name="X").exists()
