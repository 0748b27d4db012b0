"""The offer catalogue with its series as CSV and XLSX (issue 17, item 4)."""

import io

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from treff.offers import services
from treff.offers.models import Offer


def _url(fmt, slug="franztreff"):
    return reverse("offers:offer_export", args=[slug, fmt])


def test_one_row_per_series_and_one_for_an_offer_without(plan_world, client_for):
    with scopes_disabled():
        services.offer_save(
            offer=Offer(title="-Yoga", category="leisure", provider=plan_world.drk, public=False),
            treff=plan_world.franztreff,
            user=plan_world.users["coordinator"],
        )
    response = client_for("coordinator").get(_url("csv"))
    lines = response.content.decode("utf-8").lstrip("\ufeff").split("\r\n")[:-1]
    assert (response["Content-Disposition"], lines) == (
        'attachment; filename="angebote-franztreff.csv"',
        [
            "Angebot;Kategorie;Anbieter;Öffentlich;Regel;Erster Tag;Letzter Tag;Beginn;Ende;Raum",
            "'-Yoga;Freizeitangebote;DRK;nein;;;;;;",
            "Seniorencafé;Freizeitangebote;DRK;ja;wöchentlich am Donnerstag;07.01.2027;"
            "25.03.2027;14:30;16:30;Gruppenraum",
        ],
    )


def test_the_xlsx_has_real_dates(plan_world, client_for):
    response = client_for("volunteer").get(_url("xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    row = [cell.value for cell in sheet[2]]
    assert (
        row[0],
        row[5].date().isoformat(),
        row[6].date().isoformat(),
        sheet["F2"].number_format,
    ) == ("Seniorencafé", "2027-01-07", "2027-03-25", "DD.MM.YYYY")


@pytest.mark.parametrize(
    ("name", "status"), [("coordinator", 200), ("committee", 403), ("outsider", 404)]
)
def test_those_who_see_the_plan_download_it(plan_world, client_for, name, status):
    assert client_for(name).get(_url("csv")).status_code == status


def test_the_archived_list_downloads_the_archived_offers(plan_world, client_for):
    page = client_for("coordinator").get(
        reverse("offers:offer_list", args=["franztreff"]), {"show": "archived"}
    )
    with scopes_disabled():
        Offer.objects.filter(pk=plan_world.plan.offer.pk).update(active=False)
    archived = client_for("coordinator").get(_url("csv"), {"show": "archived"})
    lines = archived.content.decode("utf-8").split("\r\n")
    assert (
        page.status_code,
        archived["Content-Disposition"],
        len(lines),
        lines[1].startswith("Seniorencafé;"),
    ) == (200, 'attachment; filename="angebote-archiv-franztreff.csv"', 3, True)
