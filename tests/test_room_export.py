"""The room list as CSV and XLSX (issue 17, item 4): the rooms the person may see, with the
list's filters; another Treff's coordinator gets only their own Treff's rooms."""

import io

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from tests.factories import RoomFactory


def _lines(response) -> list[str]:
    return response.content.decode("utf-8").lstrip("\ufeff").split("\r\n")[:-1]


@pytest.fixture
def rooms(world):
    with scopes_disabled():
        RoomFactory(
            treff=world.franztreff,
            name="@Küche",
            kind="kitchen",
            capacity=8,
            barrier_free=False,
            equipment=["projector"],
        )
    return world


def test_the_city_gets_every_room_with_the_lists_columns(rooms, client_for):
    response = client_for("city").get(reverse("treffs:room_export", args=["csv"]))
    assert (response["Content-Disposition"], _lines(response)) == (
        'attachment; filename="raeume.csv"',
        [
            "Treff;Raum;Art;Kapazität;Barrierefrei;Ausstattung",
            "Franztreff;'@Küche;Küche;8;nein;Beamer oder Bildschirm",
            "Franztreff;Gruppenraum;Gruppenraum;10;ja;",
            "Rosseltreff;Garten;Gruppenraum;10;ja;",
        ],
    )


def test_the_filters_of_the_list_apply(rooms, client_for):
    url = reverse("treffs:room_export", args=["xlsx"])
    response = client_for("city").get(url, {"kind": "kitchen"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Treff", "Raum", "Art", "Kapazität", "Barrierefrei", "Ausstattung"],
        ["Franztreff", "@Küche", "Küche", 8, "nein", "Beamer oder Bildschirm"],
    ]


def test_another_treffs_coordinator_gets_only_their_own_rooms(rooms, client_for):
    response = client_for("outsider").get(reverse("treffs:room_export", args=["csv"]))
    assert _lines(response)[1:] == ["Rosseltreff;Garten;Gruppenraum;10;ja;"]


def test_the_room_list_offers_both_files_with_its_filters(rooms, client_for):
    page = client_for("city").get(reverse("treffs:room_list"), {"kind": "kitchen"})
    html = page.content.decode()
    csv_url = reverse("treffs:room_export", args=["csv"]) + "?kind=kitchen"
    assert (f'href="{csv_url}"' in html, page.status_code) == (True, 200)


def test_without_filters_the_links_carry_no_query(rooms, client_for):
    html = client_for("city").get(reverse("treffs:room_list")).content.decode()
    csv_url = reverse("treffs:room_export", args=["csv"])
    assert (f'href="{csv_url}"' in html, f'href="{csv_url}?"' in html) == (True, False)
