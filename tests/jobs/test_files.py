"""Files a worker makes for one person (treff/jobs/files.py): the year in figures as XLSX."""

import io

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from treff.jobs import files
from treff.jobs.models import GeneratedFile
from treff.treffs.models import Membership


def _export(client, capture, year="2026"):
    with capture(execute=True):
        return client.post(reverse("dashboard:figures_export"), {"year": year})


def _sheet(response):
    return load_workbook(io.BytesIO(response.content)).active


def test_the_city_gets_the_year_in_figures_as_a_workbook(
    world, client_for, django_capture_on_commit_callbacks
):
    client = client_for("city")
    response = _export(client, django_capture_on_commit_callbacks)
    made = GeneratedFile.objects.get()
    assert (response.status_code, response.url, made.status) == (
        302,
        f"/files/{made.pk}/",
        "done",
    )
    page = client.get(response.url)
    assert b"treff-figures-2026.xlsx herunterladen" in page.content
    assert b"hx-trigger" not in page.content
    download = client.get(reverse("jobs:file_download", args=[made.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="treff-figures-2026.xlsx"'
    sheet = _sheet(download)
    rows = list(sheet.iter_rows(values_only=True))
    assert sheet.title == "Zahlen 2026"
    assert rows[0] == (
        "Treff",
        "Monat",
        "Besuchende",
        "Mittagstisch-Tage",
        "Ausgegebene Portionen",
        "Lebensmittel von der Tafel (kg)",
        "Ausgegebene Kleidungsstücke",
        "Beratungskontakte",
    )
    assert [(row[0], row[1] if isinstance(row[1], str) else row[1].month) for row in rows[1:]] == [
        (treff, month)
        for treff in ("Franztreff", "Rosseltreff")
        for month in [*range(1, 13), "Jahr"]
    ]
    assert {row[2:] for row in rows[1:]} == {(0, 0, 0, 0, 0, 0)}


def test_a_carrier_gets_only_its_own_treffs_and_nobody_else_the_file(
    world, client_for, django_capture_on_commit_callbacks
):
    """The worker makes the file in the scope of the person who asked (DRK: Franztreff)."""
    client = client_for("carrier")
    response = _export(client, django_capture_on_commit_callbacks)
    download = client.get(response.url + "download/")
    names = {row[0] for row in _sheet(download).iter_rows(min_row=2, values_only=True)}
    others = [
        client_for(user).get(response.url).status_code
        for user in ("city", "coordinator", "other_carrier", "committee")
    ]
    assert (names, others) == ({"Franztreff"}, [404, 404, 404, 404])


def test_a_file_is_withheld_once_its_person_lost_the_permission(
    world, client_for, django_capture_on_commit_callbacks
):
    client = client_for("carrier")
    response = _export(client, django_capture_on_commit_callbacks)
    with scopes_disabled():
        Membership.objects.filter(user=world.users["carrier"]).delete()
    assert client.get(response.url).status_code == 404


def test_a_file_of_a_person_without_the_permission_is_not_made(world):
    made = GeneratedFile.objects.create(
        user=world.users["volunteer"], kind="figures_xlsx", params={"year": 2026}, filename="x"
    )
    assert files.generate_file.enqueue(str(made.pk)).return_value == "failed"
    made.refresh_from_db()
    assert (made.status, made.content) == ("failed", None)


def test_a_year_out_of_range_is_refused_with_a_message_and_nothing_made(world, client_for):
    client = client_for("city")
    response = client.post(reverse("dashboard:figures_export"), {"year": "1999"}, follow=True)
    assert GeneratedFile.objects.count() == 0
    assert [str(m) for m in response.context["messages"]] == [
        "Dieser Wert muss größer oder gleich 2020 sein."
    ]


@pytest.mark.parametrize("status", ["queued", "running"])
def test_the_page_of_a_file_being_made_asks_again_every_second(world, client_for, status):
    made = GeneratedFile.objects.create(
        user=world.users["city"],
        kind="figures_xlsx",
        params={"year": 2026},
        filename="treff-figures-2026.xlsx",
        status=status,
    )
    client = client_for("city")
    page = client.get(reverse("jobs:file", args=[made.pk]))
    download = client.get(reverse("jobs:file_download", args=[made.pk]))
    assert (b'hx-trigger="every 1s"' in page.content, download.status_code) == (True, 404)


def test_a_treff_named_like_a_formula_stays_text_in_the_workbook(
    world, client_for, django_capture_on_commit_callbacks
):
    """openpyxl stores "=…" as a formula unless told otherwise (formula injection)."""
    with scopes_disabled():
        world.franztreff.name = '=HYPERLINK("http://example.org")'
        world.franztreff.save(update_fields=["name"])
    client = client_for("city")
    _export(client, django_capture_on_commit_callbacks)
    made = GeneratedFile.objects.get()
    sheet = _sheet(client.get(reverse("jobs:file_download", args=[made.pk])))
    names = {(cell.value, cell.data_type) for cell in sheet["A"][1:]}
    assert names == {('=HYPERLINK("http://example.org")', "s"), ("Rosseltreff", "s")}
