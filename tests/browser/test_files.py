"""A report made in the background, as the city clerk clicks through it."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from .conftest import login

pytestmark = pytest.mark.browser


def test_the_city_downloads_the_year_in_figures_as_an_excel_file(demo, page):
    login(page, "stadt")
    page.goto("/figures/?year=2026")
    page.get_by_role("button", name="2026 als Excel-Datei (XLSX) herunterladen").click()
    expect(page.get_by_text("Die Datei ist fertig.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="treff-figures-2026.xlsx herunterladen").click()
    content = download.value.path().read_bytes()
    sheet = load_workbook(io.BytesIO(content)).active
    treffs = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert (download.value.suggested_filename, treffs) == (
        "treff-figures-2026.xlsx",
        {"Franztreff", "Rosseltreff"},
    )
