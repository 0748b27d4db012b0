"""The expense import: CSV (UTF-8 or cp1252, ";" or ",") and XLSX, every row checked, all or
nothing, the same file twice imports nothing twice; who may import."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from treff.funding import services_import
from treff.funding.models import Expense, ExpenseImport, PlanEvent

pytestmark = pytest.mark.django_db

HEADER = "Datum;Kostenart;Verwendungszweck;Empfängerart;Betrag;Belegnummer"


def csv_bytes(rows, header=HEADER, encoding="utf-8", delimiter=";"):
    lines = [header.replace(";", delimiter)] + [delimiter.join(row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def good_rows(n, start=1):
    return [
        [
            f"{1 + i % 28:02d}.{1 + i % 12:02d}.2026",
            "Sachkosten",
            f"Einkauf {i}",
            "Lieferant",
            f"{i % 90 + 1},{i % 100:02d}",
            f"IMP-{i:05d}",
        ]
        for i in range(start, start + n)
    ]


def run(funding, user, content, filename="export.csv"):
    with scopes_disabled():
        return services_import.expenses_import(
            plan=funding.plan, filename=filename, content=content, user=user
        )


def errors_of(funding, user, content, filename="export.csv"):
    with scopes_disabled(), translation.override("en"), pytest.raises(ValidationError) as error:
        services_import.expenses_import(
            plan=funding.plan, filename=filename, content=content, user=user
        )
    return error.value.messages


def count(funding):
    with scopes_disabled():
        return Expense.objects.filter(plan=funding.plan).count()


def test_import_adds_rows_and_records_the_import(world, funding):
    carrier = world.users["carrier"]
    record = run(funding, carrier, csv_bytes(good_rows(3)))
    with scopes_disabled():
        imported = list(Expense.objects.filter(source=record).order_by("voucher"))
        event = PlanEvent.objects.filter(plan=funding.plan, kind="imported").get()
    assert (record.rows_added, record.rows_known) == (3, 0)
    assert [(e.voucher, e.day, e.cost_type, e.payee_kind, e.amount) for e in imported] == [
        ("IMP-00001", dt.date(2026, 2, 2), "material", "supplier", Decimal("2.01")),
        ("IMP-00002", dt.date(2026, 3, 3), "material", "supplier", Decimal("3.02")),
        ("IMP-00003", dt.date(2026, 4, 4), "material", "supplier", Decimal("4.03")),
    ]
    assert imported[0].recorded_by == carrier
    assert len(record.sha256) == 64
    assert event.by == carrier


def test_same_file_twice_adds_nothing_the_second_time(world, funding):
    content = csv_bytes(good_rows(5))
    run(funding, world.users["carrier"], content)
    second = run(funding, world.users["carrier"], content)
    assert (second.rows_added, second.rows_known) == (0, 5)
    assert count(funding) == 3 + 5
    with scopes_disabled():
        assert ExpenseImport.objects.filter(plan=funding.plan).count() == 2


def test_a_file_overlapping_a_recorded_expense_skips_it(world, funding):
    rows = [
        *good_rows(2),
        ["31.01.2026", "Personalkosten", "Gehalt", "Beschäftigte", "5.666,67", "B-2026-001"],
    ]
    record = run(funding, world.users["carrier"], csv_bytes(rows))
    assert (record.rows_added, record.rows_known) == (2, 1)


def test_one_bad_row_among_500_saves_nothing_and_names_the_row(world, funding):
    rows = good_rows(500)
    rows[299][4] = "-12,00"  # file row 301
    messages = errors_of(funding, world.users["carrier"], csv_bytes(rows))
    assert messages == ["Row 301, amount: an amount cannot be negative."]
    assert count(funding) == 3
    with scopes_disabled():
        assert not ExpenseImport.objects.exists()


def test_cp1252_with_semicolons_and_german_numbers(world, funding):
    rows = [
        ["02.03.2026", "Miete", "Miete März, Büro", "Vermieter", "1.600,00", "M-03"],
        ["2026-04-01", "Personalkosten", "Gehalt April", "Beschäftigte", "5.666,67", "G-04"],
    ]
    record = run(funding, world.users["carrier"], csv_bytes(rows, encoding="cp1252"))
    with scopes_disabled():
        stored = list(Expense.objects.filter(source=record).order_by("voucher"))
    assert [(e.voucher, e.purpose, e.amount, e.cost_type) for e in stored] == [
        ("G-04", "Gehalt April", Decimal("5666.67"), "personnel"),
        ("M-03", "Miete März, Büro", Decimal("1600.00"), "rent"),
    ]


def test_english_headers_commas_and_utf8_bom(world, funding):
    content = b"\xef\xbb\xbf" + csv_bytes(
        [["2026-05-02", "material", "Paper", "supplier", "12.50", "E-1"]],
        header="Date;Cost type;Purpose;Payee;Amount;Voucher",
        delimiter=",",
    )
    record = run(funding, world.users["carrier"], content)
    assert record.rows_added == 1


def xlsx_bytes(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(";"))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_dates_and_numbers(world, funding):
    content = xlsx_bytes(
        [
            [dt.datetime(2026, 6, 1), "Sachkosten", "Toner", "Lieferant", 89.9, 1001],
            [dt.date(2026, 6, 2), "Miete und Betriebskosten", "Miete", "Vermieter", 7, "X-2"],
            ["03.06.2026", "Sachkosten", "Summe", "Lieferant", 0.1 + 0.2, "X-3"],
        ]
    )
    record = run(funding, world.users["carrier"], content, "buchhaltung.xlsx")
    with scopes_disabled():
        stored = {e.voucher: (e.day, e.amount) for e in Expense.objects.filter(source=record)}
    assert stored == {
        "1001": (dt.date(2026, 6, 1), Decimal("89.90")),
        "X-2": (dt.date(2026, 6, 2), Decimal("7.00")),
        "X-3": (dt.date(2026, 6, 3), Decimal("0.30")),
    }


def test_xlsx_cell_with_three_decimals_is_refused(world, funding):
    content = xlsx_bytes([[dt.date(2026, 6, 1), "Sachkosten", "Toner", "Lieferant", 12.345, "T"]])
    assert errors_of(funding, world.users["carrier"], content, "a.xlsx") == [
        "Row 2, amount: “12.345” is not an amount in euros with at most two decimals."
    ]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            ["01.02.2026", "Sachkosten", "x", "Lieferant", "12,345", "A"],
            "Row 2, amount: “12,345” is not an amount in euros with at most two decimals.",
        ),
        (
            ["01.02.2026", "Sachkosten", "x", "Lieferant", "-5,00", "A"],
            "Row 2, amount: an amount cannot be negative.",
        ),
        (
            ["01.02.2026", "Reisekosten", "x", "Lieferant", "5,00", "A"],
            "Row 2, cost type: “Reisekosten” is not known here.",
        ),
        (
            ["01.02.2026", "Sachkosten", "x", "Nachbar", "5,00", "A"],
            "Row 2, payee: “Nachbar” is not known here.",
        ),
        (
            ["31.12.2025", "Sachkosten", "x", "Lieferant", "5,00", "A"],
            "Row 2: the date 31/12/2025 is outside the funding year 2026.",
        ),
        (
            ["01.02.2026", "other", "x", "Lieferant", "5,00", "A"],
            "Row 2: the cost type “Other costs” is not in the approved plan.",
        ),
        (
            ["30.02.2026", "Sachkosten", "x", "Lieferant", "5,00", "A"],
            "Row 2, date: “30.02.2026” is not a date; use DD.MM.YYYY or YYYY-MM-DD.",
        ),
        (
            ["01.02.2026", "Sachkosten", "", "Lieferant", "5,00", "A"],
            "Row 2, purpose: This field cannot be blank.",
        ),
    ],
)
def test_bad_row_is_refused_with_row_and_field(world, funding, row, message):
    # Dates are formatted in the reader's language: the English short date here.
    assert errors_of(funding, world.users["carrier"], csv_bytes([row])) == [message]
    assert count(funding) == 3


def test_voucher_twice_in_the_file_is_an_error(world, funding):
    rows = good_rows(3)
    rows[2][5] = rows[0][5]
    assert errors_of(funding, world.users["carrier"], csv_bytes(rows)) == [
        "Row 4, voucher number: “IMP-00001” is already in row 2."
    ]


def test_recorded_voucher_with_other_data_is_an_error(world, funding):
    rows = [["31.01.2026", "Personalkosten", "Gehalt", "Beschäftigte", "5.000,00", "B-2026-001"]]
    assert errors_of(funding, world.users["carrier"], csv_bytes(rows)) == [
        "Row 2, voucher number: “B-2026-001” is already recorded with another date, cost "
        "type or amount."
    ]


def test_missing_column_is_named(world, funding):
    content = csv_bytes(
        [["01.02.2026", "Sachkosten", "x", "5,00", "A"]],
        header="Datum;Kostenart;Zweck;Betrag;Beleg",
    )
    assert errors_of(funding, world.users["carrier"], content) == [
        "The first row names no column for: payee."
    ]


def test_errors_are_capped(world, funding):
    rows = good_rows(80)
    for row in rows:
        row[4] = "-1"
    messages = errors_of(funding, world.users["carrier"], csv_bytes(rows))
    assert len(messages) == services_import.MAX_ERRORS_SHOWN + 1
    assert messages[-1] == "… and 30 more problems."


def test_too_large_and_too_many_rows_are_refused(world, funding, monkeypatch):
    big = csv_bytes(good_rows(1)) + b" " * services_import.MAX_BYTES
    assert errors_of(funding, world.users["carrier"], big) == [
        "The file is larger than 2 MB; split it by year or month."
    ]
    monkeypatch.setattr(services_import, "MAX_ROWS", 10)
    assert errors_of(funding, world.users["carrier"], csv_bytes(good_rows(11))) == [
        "The file has more than 10 rows; split it by year or month."
    ]


def test_draft_plan_refuses_an_import(world, funding):
    with scopes_disabled(), translation.override("en"), pytest.raises(ValidationError) as error:
        services_import.expenses_import(
            plan=funding.draft,
            filename="a.csv",
            content=csv_bytes(good_rows(1)),
            user=world.users["carrier"],
        )
    assert error.value.messages == ["Expenses are recorded once the grant is approved."]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.integers(min_value=1, max_value=9_999_999), min_size=1, max_size=30))
def test_any_valid_rows_import_and_the_sums_match(world, funding, cents):
    rows = [
        ["15.06.2026", "Sachkosten", "x", "Lieferant", f"{c // 100},{c % 100:02d}", f"H-{i}"]
        for i, c in enumerate(cents)
    ]
    with scopes_disabled():
        Expense.objects.filter(voucher__startswith="H-").delete()
        ExpenseImport.objects.all().delete()
    record = run(funding, world.users["carrier"], csv_bytes(rows))
    with scopes_disabled():
        total = sum(e.amount for e in Expense.objects.filter(source=record))
    assert record.rows_added == len(cents)
    assert total == sum(Decimal(c) / 100 for c in cents)


# The pages -------------------------------------------------------------------------------

URL = "/treffs/franztreff/funding/2026/expenses/import/"


def upload(content, name="export.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"file": SimpleUploadedFile(name, content, content_type="text/csv")}


def test_carrier_imports_and_goes_to_the_plan(world, funding, client_for):
    client = client_for("carrier")
    assert client.get(URL).status_code == 200
    response = client.post(URL, upload(csv_bytes(good_rows(4))), HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response["Location"]) == (302, "/treffs/franztreff/funding/2026/")
    assert count(funding) == 3 + 4
    shown = [str(m) for m in response.wsgi_request._messages]
    assert shown == ["4 added, 0 already recorded."]


def test_bad_rows_are_shown_on_the_page_and_nothing_saved(world, funding, client_for):
    rows = good_rows(3)
    rows[1][0] = "2025-06-01"
    response = client_for("carrier").post(URL, upload(csv_bytes(rows)), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert count(funding) == 3
    errors = response.context["form"].non_field_errors()
    assert errors == ["Row 3: the date 01/06/2025 is outside the funding year 2026."]
    assert b'id="import-errors"' in response.content


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("coordinator", 403),
        ("city", 403),
        ("committee", 403),
        ("outsider", 404),
        ("other_carrier", 404),
        ("no_role", 404),
    ],
)
def test_others_cannot_import(world, funding, client_for, user, status):
    client = client_for(user)
    assert client.get(URL).status_code == status
    assert client.post(URL, upload(csv_bytes(good_rows(2)))).status_code == status
    assert count(funding) == 3


def test_missing_plan_is_404(world, funding, client_for):
    client = client_for("carrier")
    assert client.get("/treffs/franztreff/funding/2031/expenses/import/").status_code == 404


def test_templates_download_and_import_as_they_are(world, funding, client_for):
    client = client_for("carrier")
    csv_file = client.get("/treffs/franztreff/funding/2026/expenses/template.csv")
    xlsx_file = client.get("/treffs/franztreff/funding/2026/expenses/template.xlsx")
    assert csv_file["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_file.content.decode("utf-8-sig").splitlines() == [
        "Datum;Kostenart;Verwendungszweck;Empfängerart;Betrag;Belegnummer",
        "15.01.2026;Sachkosten;Reinigungsmittel;Lieferant;89,90;2026-001",
    ]
    sheet = load_workbook(io.BytesIO(xlsx_file.content)).active
    assert [c.value for c in sheet[1]] == HEADER.split(";")
    assert run(funding, world.users["carrier"], csv_file.content).rows_added == 1
    again = run(funding, world.users["carrier"], xlsx_file.content, "vorlage.xlsx")
    assert (again.rows_added, again.rows_known) == (0, 1)
    assert (
        client_for("coordinator")
        .get("/treffs/franztreff/funding/2026/expenses/template.csv")
        .status_code
        == 403
    )


def test_damaged_workbook_is_refused_with_a_message(world, funding):
    content = xlsx_bytes([[dt.date(2026, 6, 1), "Sachkosten", "Toner", "Lieferant", 12, "T"]])
    damaged = content[: len(content) // 2]
    assert errors_of(funding, world.users["carrier"], damaged, "a.xlsx") == [
        "The file is not a readable XLSX workbook."
    ]
    assert count(funding) == 3
