"""The carrier imports its bookkeeping export in the browser: a wrong row is shown and
nothing saved, the corrected file goes in, the same file again adds nothing. The funding
pages have no axe violations and no sideways scroll on a phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from treff.funding.models import Expense

from .conftest import login

pytestmark = pytest.mark.browser
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
IMPORT = "/treffs/franztreff/funding/2026/expenses/import/"
HEADER = "Datum;Kostenart;Verwendungszweck;Empfängerart;Betrag;Belegnummer"


@pytest.fixture
def funding_plan(demo):
    """Franztreff's approved plan of 2026 in the demo (this year's, in progress)."""
    from treff.funding.models import BudgetPlan

    return BudgetPlan.objects.get(treff__slug="franztreff", year=2026)


def export(tmp_path, amount):
    path = tmp_path / "buchhaltung.csv"
    rows = [
        HEADER,
        "05.02.2026;Sachkosten;Reinigungsmittel;Lieferant;89,90;B-1",
        f"06.02.2026;Miete;Miete Februar;Vermieter;{amount};B-2",
    ]
    path.write_bytes("\r\n".join(rows).encode("cp1252"))
    return path


def test_carrier_imports_after_correcting_a_row(funding_plan, page, tmp_path):
    login(page, "drk")
    page.goto(IMPORT)
    page.locator("input[type=file]").set_input_files(export(tmp_path, "-1.600,00"))
    with page.expect_navigation(wait_until="load"):
        page.locator("form.treff-form button[type=submit]").click()
    errors = page.locator("#import-errors li")
    assert errors.count() == 1
    assert errors.first.inner_text().startswith(("Row 3, ", "Zeile 3, "))
    before = Expense.objects.filter(plan=funding_plan).count()
    assert Expense.objects.filter(plan=funding_plan, voucher__in=["B-1", "B-2"]).count() == 0
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()

    good = export(tmp_path, "1.600,00")
    page.locator("input[type=file]").set_input_files(good)
    page.locator("form.treff-form button[type=submit]").click()
    page.wait_for_url("**/treffs/franztreff/funding/2026/")
    assert Expense.objects.filter(plan=funding_plan).count() == before + 2

    page.goto(IMPORT)
    page.locator("input[type=file]").set_input_files(good)
    page.locator("form.treff-form button[type=submit]").click()
    page.wait_for_url("**/treffs/franztreff/funding/2026/")
    assert Expense.objects.filter(plan=funding_plan).count() == before + 2
    assert list(funding_plan.imports.values_list("rows_added", "rows_known")) == [(0, 2), (2, 0)]


@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("stadt", "/funding/"),
        ("ausschuss", "/funding/"),
        ("stadt", "/funding/carriers/"),
        ("drk", "/funding/carriers/"),
        ("drk", IMPORT),
    ],
)
def test_funding_pages_have_no_axe_violations_or_sideways_scroll(
    funding_plan, page, username, path
):
    login(page, username)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()
