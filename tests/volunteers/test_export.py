"""The volunteer list as CSV and XLSX (issue 17, item 4): what the list shows plus contact,
for those who manage the Treff's volunteers only, and no cell a spreadsheet would run as a
formula."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from treff.volunteers.models import Volunteer

HEADERS = [
    "Nachname",
    "Vorname",
    "Telefon",
    "E-Mail",
    "Angebotene Hilfe",
    "Sprachen",
    "Stadtteil",
    "Status",
    "Führungszeugnis gültig bis",
    "Stunden 2026",
]


def _url(fmt, slug="franztreff"):
    return reverse("volunteers:export", args=[slug, fmt])


@pytest.fixture
def tricky(help_world):
    """A volunteer whose every text starts like a formula, and one anonymised."""
    with scopes_disabled():
        Volunteer.objects.create(
            treff=help_world.franztreff,
            first_name="+49 Anruf",
            last_name='=HYPERLINK("https://example.org","klick")',
            phone="-1",
            email="at@example.org",
            help_kinds=["reading"],
            district="ziebigk",
            mobility="foot",
        )
        Volunteer.objects.create(
            treff=help_world.franztreff,
            first_name="",
            last_name="",
            help_kinds=["reading"],
            district="ziebigk",
            mobility="foot",
            anonymised_on=dt.date(2026, 11, 1),
        )
    return help_world


def test_the_csv_opens_in_a_german_spreadsheet_as_it_stands(tricky, client_for):
    response = client_for("coordinator").get(_url("csv"))
    with scopes_disabled():
        until = Volunteer.objects.get(last_name="Neumann").clearance_valid_until
    lines = response.content.decode("utf-8").split("\r\n")
    assert (
        response["Content-Type"],
        response["Content-Disposition"],
        response.content[:3],
        lines,
    ) == (
        "text/csv; charset=utf-8",
        'attachment; filename="ehrenamtliche-franztreff.csv"',
        b"\xef\xbb\xbf",
        [
            "\ufeff" + ";".join(HEADERS),
            # A cell with quotes is quoted, its quotes doubled (RFC 4180).
            '"\'=HYPERLINK(""https://example.org"",""klick"")";\'+49 Anruf;\'-1;at@example.org;'
            "Vorlesen;;Ziebigk;aktiv;;0,00",
            "Bauer;Bernd;;;Einkaufen im Krankheitsfall, Begleitung zum Arzt und bei "
            "Behördengängen;Deutsch, Russisch;Innerstädtischer Bereich Nord;aktiv;;0,00",
            "Neumann;Gerda;;gerda@example.org;Einkaufen im Krankheitsfall, Vorlesen;Deutsch;"
            f"Innerstädtischer Bereich Mitte;aktiv;{until:%d.%m.%Y};0,00",
            "",
        ],
    )


def test_the_xlsx_keeps_texts_as_texts_and_numbers_as_numbers(tricky, client_for):
    response = client_for("coordinator").get(_url("xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    tricky_row = next(row for row in sheet.iter_rows() if row[3].value == "at@example.org")
    assert (
        rows[0],
        [row[0] for row in rows[1:]],
        [(cell.value, cell.data_type) for cell in tricky_row[:3]],
        rows[2][9],
        isinstance(rows[3][8], dt.datetime),
    ) == (
        HEADERS,
        ['=HYPERLINK("https://example.org","klick")', "Bauer", "Neumann"],
        [
            ('=HYPERLINK("https://example.org","klick")', "s"),
            ("+49 Anruf", "s"),
            ("-1", "s"),
        ],
        0,
        True,
    )


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("coordinator", 200),
        ("carrier", 200),
        ("volunteer", 403),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
def test_only_those_who_manage_the_volunteers_download_them(help_world, client_for, name, status):
    assert client_for(name).get(_url("csv")).status_code == status


def test_an_unknown_format_is_not_found(help_world, client_for):
    client = client_for("coordinator")
    assert [client.get(_url(fmt)).status_code for fmt in ("pdf", "CSV", "csv")] == [
        404,
        404,
        200,
    ]


def test_the_list_page_offers_both_files(help_world, client_for):
    page = client_for("coordinator").get(reverse("volunteers:list", args=["franztreff"]))
    html = page.content.decode()
    assert (f'href="{_url("csv")}"' in html, f'href="{_url("xlsx")}"' in html) == (True, True)
