"""Imports of the spreadsheets people keep (issue 17, item 3): rooms and the partner
directory — a template, a preview, every problem named by row and column, all or nothing,
the same file twice adds nothing twice."""

import io

import pytest
from django_scopes import scopes_disabled
from openpyxl import Workbook

from treff.core.imports import date
from treff.partners.models import PartnerService
from treff.treffs.models import Room

pytestmark = pytest.mark.django_db


class Named(io.BytesIO):
    def __init__(self, name, content):
        super().__init__(content)
        self.name = name


ROOMS_URL = "/treffs/franztreff/rooms/import/"
ROOMS_CSV = (
    "Name;Art;Plätze;Barrierefrei;Ausstattung;Notizen\n"
    "Werkstatt;Gruppenraum;12;nein;Tische und Stühle, WLAN;\n"
    "Küche 2;Küche;6;ja;Herd und Backofen;Nur mit Einweisung\n"
)


def _rooms():
    with scopes_disabled():
        return sorted(
            Room.objects.filter(treff__slug="franztreff").values_list(
                "name", "kind", "capacity", "barrier_free", "equipment"
            )
        )


def test_rooms_are_previewed_then_added_and_the_same_file_again_adds_nothing(world, client_for):
    client = client_for("coordinator")
    before = _rooms()
    content = ROOMS_CSV.encode("cp1252")  # German Excel's "CSV (Trennzeichen-getrennt)"
    preview = client.post(ROOMS_URL, {"file": Named("raeume.csv", content)})
    assert preview.status_code == 200
    assert [row["name"] for row in preview.context["preview"].new] == ["Werkstatt", "Küche 2"]
    assert _rooms() == before  # nothing before confirming
    done = client.post(ROOMS_URL, {"confirm": "1"})
    assert done.status_code == 302
    assert _rooms() == sorted(
        [
            *before,
            ("Werkstatt", "group", 12, False, ["tables", "wifi"]),
            ("Küche 2", "kitchen", 6, True, ["stove"]),
        ]
    )
    again = client.post(ROOMS_URL, {"file": Named("raeume.csv", content)})
    assert (again.context["preview"].new, again.context["preview"].skipped) == ([], [2, 3])
    client.post(ROOMS_URL, {"confirm": "1"})
    assert len(_rooms()) == len(before) + 2


def test_every_bad_cell_is_named_and_nothing_is_added(world, client_for):
    client = client_for("coordinator")
    before = _rooms()
    content = (
        "Name;Art;Plätze;Barrierefrei\n"
        "Saal;Festsaal;20;ja\n"
        ";Gruppenraum;5;ja\n"
        "Keller;Lager;viele;vielleicht\n"
        "Garten 2;Außenbereich;3000;ja\n"
        "Büro 2;Büro;2;ja\n"
    ).encode()
    answer = client.post(ROOMS_URL, {"file": Named("raeume.csv", content)})
    assert answer.status_code == 200
    assert answer.context["form"].errors["file"] == [
        "Zeile 2, Art: „Festsaal“ ist keiner von: Büro der Koordination, Beratungsraum der "
        "Koordination, Beratungsraum für Gastberatungen, Küche, Lager, Sanitärbereich, "
        "Gruppenraum, Offener Bereich, Außenbereich.",
        "Zeile 3, Name: Diese Zelle darf nicht leer sein.",
        "Zeile 4, Plätze: „viele“ ist keine ganze Zahl von 0 bis 1000.",
        "Zeile 4, Barrierefrei: „vielleicht“ ist weder „ja“ noch „nein“.",
        "Zeile 5, Plätze: „3000“ ist keine ganze Zahl von 0 bis 1000.",
        "Zeile 6, Art: „Büro“ ist keiner von: Büro der Koordination, Beratungsraum der "
        "Koordination, Beratungsraum für Gastberatungen, Küche, Lager, Sanitärbereich, "
        "Gruppenraum, Offener Bereich, Außenbereich.",
    ]
    assert client.post(ROOMS_URL, {"confirm": "1"}).status_code == 302
    assert _rooms() == before


def test_a_missing_column_and_an_empty_file_say_so(world, client_for):
    client = client_for("coordinator")
    answer = client.post(ROOMS_URL, {"file": Named("r.csv", b"Name;Art\nSaal;Gruppenraum\n")})
    assert answer.context["form"].errors["file"] == [
        "In der ersten Zeile fehlt eine Spalte für: Plätze."
    ]
    empty = client.post(ROOMS_URL, {"file": Named("r.csv", b"Name;Art;Pl\xc3\xa4tze\n")})
    assert empty.context["form"].errors["file"] == [
        "Die Datei enthält keine Zeilen unter der Kopfzeile."
    ]
    garbage = client.post(ROOMS_URL, {"file": Named("r.xlsx", b"PK\x03\x04kaputt")})
    assert garbage.context["form"].errors["file"] == [
        "Die Datei ist keine lesbare XLSX-Arbeitsmappe."
    ]


def test_the_template_has_the_german_columns_and_an_example(world, client_for):
    response = client_for("coordinator").get(ROOMS_URL + "?template=csv")
    assert response.content.decode("utf-8-sig").splitlines() == [
        "Name;Art;Plätze;Barrierefrei;Ausstattung;Notizen",
        "Gruppenraum;Gruppenraum;20;ja;Tische und Stühle, WLAN;",
    ]


def test_the_partner_directory_from_an_xlsx_of_2000_rows_in_one_go(world, client_for):
    # 10,000 rows take the same path; bench/imports.py times them.
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Kategorie", "Sprachen", "Öffentlich", "Telefon"])
    for n in range(2_000):
        sheet.append([f"Dienst {n}", "Schuldnerberatung", "Deutsch, Arabisch", "ja", "0340 1"])
    buffer = io.BytesIO()
    book.save(buffer)
    client = client_for("city")
    preview = client.post("/partners/import/", {"file": Named("wegweiser.xlsx", buffer.getvalue())})
    assert len(preview.context["preview"].new) == 2_000
    before = PartnerService.objects.count()
    assert client.post("/partners/import/", {"confirm": "1"}).status_code == 302
    assert PartnerService.objects.count() == before + 2_000
    entry = PartnerService.objects.get(name="Dienst 1999")
    assert (entry.category, entry.languages, entry.public) == ("debt", ["de", "ar"], True)


def test_a_directory_row_the_model_refuses_is_named(world, client_for):
    content = b"Name;Kategorie;Telefon\nBeratung;Schuldnerberatung;nur abends\n"
    answer = client_for("city").post("/partners/import/", {"file": Named("w.csv", content)})
    assert answer.context["form"].errors["file"] == [
        "Zeile 2: Telefon: Bitte geben Sie eine Telefonnummer aus Ziffern ein; erlaubt sind "
        "auch Leerzeichen, + am Anfang, ( ), / und -."
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("31.12.2026", "2026-12-31"), ("2026-12-31", "2026-12-31"), (46387, "2026-12-31")],
)
def test_dates_as_germans_excel_and_iso_write_them(cell, expected):
    assert date(cell).isoformat() == expected


@pytest.mark.parametrize("name", ["counsellor", "volunteer", "committee", "outsider"])
def test_only_those_who_keep_rooms_import_them(world, client_for, name):
    client = client_for(name)
    status = client.post(ROOMS_URL, {"file": Named("r.csv", ROOMS_CSV.encode())}).status_code
    assert status == (404 if name == "outsider" else 403)
