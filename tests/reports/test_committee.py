"""/reports/committee/: the committee report as PDF and XLSX, sent as immutable versions."""

import datetime as dt
import hashlib
import io
import re
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook
from pypdf import PdfReader

from treff.jobs.models import GeneratedFile
from treff.operations.models import Tally, TallyEvent
from treff.reports import committee_xlsx, services
from treff.reports.models import CommitteeReport, CommitteeReportVersion, VersionImmutable

LIST = reverse("reports:committee_list")
CREATE = reverse("reports:committee_create")
# The fourth quarter of 2026 (the tests' clock stands in it).
DRAFT = {
    "title": "Bericht 4. Quartal 2026",
    "first": "2026-10-01",
    "last": "2026-12-31",
    "meeting_name": "Ausschuss für Gesundheit, Soziales und Bildung",
    "meeting_date": "2027-01-20",
    "summary": "Die Treffs werden gut angenommen.",
}


def _visitors(treff, day, count, category="leisure"):
    with scopes_disabled():
        tally = Tally.objects.create(treff=treff, kind="occurrence", date=day, category=category)
        TallyEvent.objects.bulk_create(
            TallyEvent(treff=treff, tally=tally, key=uuid.uuid4(), delta=1) for _ in range(count)
        )


@pytest.fixture
def visits(world):
    """Franztreff: 3 visitors of a leisure offer (small) and 40 at lunch; Rosseltreff 30."""
    _visitors(world.franztreff, dt.date(2026, 11, 2), 3)
    _visitors(world.franztreff, dt.date(2026, 11, 3), 40, category="lunch")
    _visitors(world.rosseltreff, dt.date(2026, 11, 3), 30, category="lunch")
    return world


def _draft(client, **changes) -> CommitteeReport:
    response = client.post(CREATE, {**DRAFT, **changes})
    report = CommitteeReport.objects.get()
    assert response.url == reverse("reports:committee_detail", args=[report.pk])
    return report


def _send(client, report):
    return client.post(reverse("reports:committee_send", args=[report.pk]))


def _download(client, version, fmt):
    return client.get(reverse("reports:version_download", args=[version.pk, fmt]))


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _sheet_rows(content: bytes, title: str) -> list[tuple]:
    """The rows of the sheet whose first line is `title` (the table's heading)."""
    book = load_workbook(io.BytesIO(content))
    sheet = next(sheet for sheet in book.worksheets if sheet["A1"].value == title)
    return list(sheet.iter_rows(values_only=True))


def test_the_city_writes_previews_and_sends_and_the_committee_downloads_it_unchanged(
    visits, client_for
):
    city = client_for("city")
    report = _draft(city)
    preview = city.post(reverse("reports:committee_preview", args=[report.pk, "pdf"]))
    assert (preview.status_code, preview["Content-Type"], preview.content[:5]) == (
        200,
        "application/pdf",
        b"%PDF-",
    )
    sent = _send(city, report)
    version = CommitteeReportVersion.objects.get()
    assert (sent.status_code, version.number, version.sent_by, version.k) == (
        302,
        1,
        visits.users["city"],
        5,
    )
    assert (version.meeting_name, version.meeting_date, version.treff_names) == (
        "Ausschuss für Gesundheit, Soziales und Bildung",
        dt.date(2027, 1, 20),
        ["Franztreff", "Rosseltreff"],
    )

    committee = client_for("committee")
    listed = committee.get(LIST)
    assert ([v["id"] for v in listed.context["versions"]], listed.context["drafts"]) == (
        [version.pk],
        None,
    )
    assert listed.context["versions"][0]["sender"] == "city"  # no name given: the user name
    named = visits.users["city"]
    named.first_name, named.last_name = "Petra", "Schulze"
    named.save()
    # The sender by name, as on the other pages.
    assert committee.get(LIST).context["versions"][0]["sender"] == "Petra Schulze"
    for fmt, digest in (("pdf", version.pdf_sha256), ("xlsx", version.xlsx_sha256)):
        first, second = _download(committee, version, fmt), _download(committee, version, fmt)
        assert first.content == second.content
        assert hashlib.sha256(first.content).hexdigest() == digest
        assert (first["Content-Disposition"], first["Cache-Control"]) == (
            f'attachment; filename="treff-committee-report-{report.pk}-v1.{fmt}"',
            "no-store",
        )


def test_a_second_send_makes_version_two_and_leaves_version_one_as_it_was(visits, client_for):
    city = client_for("city")
    report = _draft(city)
    _send(city, report)
    one = CommitteeReportVersion.objects.get()
    edit = reverse("reports:committee_edit", args=[report.pk])
    city.post(edit, {**DRAFT, "summary": "Neue Fassung nach Rückfragen."})
    _send(city, report)
    again = CommitteeReportVersion.objects.get(number=1)
    two = CommitteeReportVersion.objects.get(number=2)
    assert (again.summary, bytes(again.pdf), again.pdf_sha256, bytes(again.xlsx)) == (
        "Die Treffs werden gut angenommen.",
        bytes(one.pdf),
        one.pdf_sha256,
        bytes(one.xlsx),
    )
    assert (two.summary, "Neue Fassung nach Rückfragen." in _pdf_text(bytes(two.pdf))) == (
        "Neue Fassung nach Rückfragen.",
        True,
    )


def test_the_pdf_holds_the_suppressed_figures_only(visits, client_for):
    """The city sends it, but the file is the committee's: the 3 is "< 5", and Franztreff's
    40 is hidden too ("."), or the 3 would follow from the totals."""
    city = client_for("city")
    report = _draft(city)
    _send(city, report)
    text = _pdf_text(bytes(CommitteeReportVersion.objects.get().pdf))
    lines = text.splitlines()
    # Every number in the text but the page numbers (a line of their own).
    figures = re.findall(r"(?<![\d.])\d+(?![\d.])", "\n".join(x for x in lines if not x.isdigit()))
    assert ("Freizeitangebote < 5 0 < 5" in lines, "Mittagstisch . 30 ." in lines) == (True, True)
    assert "Die Treffs werden gut angenommen." in lines
    assert ("3" in figures, "40" in figures, "30" in figures) == (False, False, True)


def test_the_xlsx_has_numbers_as_numbers_and_hidden_figures_as_text(visits, client_for):
    city = client_for("city")
    report = _draft(city)
    _send(city, report)
    content = bytes(CommitteeReportVersion.objects.get().xlsx)
    book = load_workbook(io.BytesIO(content))
    rows = _sheet_rows(content, "Besuchende nach Art des Angebots")
    by_label = {row[0]: row[1:] for row in rows}
    assert rows[1] == ("Art des Angebots", "Franztreff", "Rosseltreff", "Gesamt")
    assert by_label["Freizeitangebote"] == ("< 5", 0, "< 5")
    assert by_label["Mittagstisch"] == (".", 30, ".")
    assert by_label["Gesamt"] == (43, 30, 73)
    assert rows[-1][0].startswith("Zahlen von 1 bis 4 werden als „< 5“ gezeigt")
    assert [len(name) <= 31 for name in book.sheetnames] == [True] * len(book.sheetnames)
    assert len({name.lower() for name in book.sheetnames}) == len(book.sheetnames)
    assert book.sheetnames[2] == "Besuchende nach Art des Angebo…"


def test_a_text_that_starts_like_a_formula_stays_text(world, client_for):
    city = client_for("city")
    report = _draft(city, summary='=HYPERLINK("http://example.org")', title="=1+1")
    with scopes_disabled():
        content = services.preview(report=report, user=world.users["city"], fmt="xlsx")
    cover = load_workbook(io.BytesIO(content)).worksheets[0]
    assert [(cell.value, cell.data_type) for cell in (cover["A1"], cover["B7"])] == [
        ("=1+1", "s"),
        ('=HYPERLINK("http://example.org")', "s"),
    ]


def test_sheet_names_are_short_valid_and_unique():
    taken = set()
    names = [
        committee_xlsx._sheet_name(title, taken)
        for title in ["Visitors by kind of offer and weekday: all", "a/b?", "A/B?", "x" * 40]
    ]
    assert names == [
        "Visitors by kind of offer and…",
        "a b",
        "A B (2)",
        "x" * 30 + "…",
    ]


@pytest.mark.parametrize("user", ["coordinator", "carrier", "outsider", "counsellor", "committee"])
def test_only_the_city_writes_previews_or_sends(visits, client_for, user):
    with scopes_disabled():
        report = CommitteeReport.objects.create(
            title="Entwurf",
            first=dt.date(2026, 10, 1),
            last=dt.date(2026, 12, 31),
            created_by=visits.users["city"],
        )
    client = client_for(user)
    statuses = [
        client.post(CREATE, DRAFT).status_code,
        client.post(reverse("reports:committee_preview", args=[report.pk, "pdf"])).status_code,
        _send(client, report).status_code,
    ]
    assert (statuses, CommitteeReport.objects.count(), CommitteeReportVersion.objects.count()) == (
        [403, 403, 403],
        1,
        0,
    )


@pytest.mark.parametrize("user", ["coordinator", "carrier", "outsider", "anonymous"])
def test_outsiders_of_the_committee_get_no_sent_version(client, world, client_for, user):
    from tests.conftest import _committee_objects

    _, version = _committee_objects(world)
    response = _download(client_for(user), version, "pdf")
    expected = 302 if user == "anonymous" else 403
    assert (response.status_code, response.content[:4] == b"%PDF") == (expected, False)


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"first": "2026-12-01", "last": "2026-11-01"},
            {"last": ["Der letzte Tag darf nicht vor dem ersten Tag liegen."]},
        ),
        (
            {"first": "2022-01-01", "last": "2031-06-30"},
            {"last": ["Ein Bericht umfasst höchstens 5 Jahre."]},
        ),
        (
            {"first": "2006-01-01", "last": "2026-01-01"},
            {
                "first": [
                    "Der 01.01.2006 liegt zu weit in der Vergangenheit; geben Sie ein Datum ab "
                    "dem 30.11.2021 ein."
                ],
                "last": ["Ein Bericht umfasst höchstens 5 Jahre."],
            },
        ),
    ],
)
def test_a_bad_period_gets_a_message_and_saves_nothing(world, client_for, changes, errors):
    response = client_for("city").post(CREATE, {**DRAFT, **changes})
    assert (
        response.status_code,
        response.context["form"].errors,
        CommitteeReport.objects.count(),
    ) == (
        200,
        errors,
        0,
    )


def test_the_service_refuses_a_bad_period_too(world):
    report = CommitteeReport(title="x", first=dt.date(2026, 12, 1), last=dt.date(2026, 11, 1))
    with pytest.raises(ValidationError) as refused, scopes_disabled():
        services.committee_report_save(report=report, treffs=[], user=world.users["city"])
    assert (refused.value.message_dict, CommitteeReport.objects.count()) == (
        {"last": ["Der letzte Tag darf nicht vor dem ersten Tag liegen."]},
        0,
    )


def test_a_sent_version_cannot_be_changed(world):
    from tests.conftest import _committee_objects

    _, version = _committee_objects(world)
    with pytest.raises(VersionImmutable):
        services.version_change(version=version, user=world.users["city"], summary="anders")
    version.summary = "anders"
    with pytest.raises(VersionImmutable):
        version.save()
    with pytest.raises(VersionImmutable):
        version.delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        CommitteeReportVersion.objects.filter(pk=version.pk).update(summary="anders")
    stored = CommitteeReportVersion.objects.get()
    assert (stored.summary, bytes(stored.pdf)) == ("", b"%PDF-1.7")


def test_a_threshold_below_two_sends_nothing(visits, client_for, settings):
    settings.TREFF_SMALL_CELL_K = 1
    city = client_for("city")
    report = _draft(city)
    response = _send(city, report)
    assert (response.status_code, CommitteeReportVersion.objects.count()) == (302, 0)
    assert "TREFF_SMALL_CELL_K" in city.get(response.url).content.decode()


def test_a_long_period_is_previewed_and_sent_by_a_worker(
    visits, client_for, django_capture_on_commit_callbacks
):
    city = client_for("city")
    report = _draft(city, first="2024-01-01", last="2026-12-31")
    with django_capture_on_commit_callbacks(execute=True):
        preview = city.post(reverse("reports:committee_preview", args=[report.pk, "xlsx"]))
    made = GeneratedFile.objects.get()
    assert (preview.url, made.kind, made.status) == (
        reverse("jobs:file", args=[made.pk]),
        "committee_xlsx",
        "done",
    )
    rows = _sheet_rows(bytes(made.content), "Besuchende nach Art des Angebots")
    assert {row[0]: row[1:] for row in rows}["Freizeitangebote"] == ("< 5", 0, "< 5")
    with django_capture_on_commit_callbacks(execute=True):
        sent = _send(city, report)
    version = CommitteeReportVersion.objects.get()
    assert (sent.status_code, version.number, version.first, bytes(version.pdf)[:5]) == (
        302,
        1,
        dt.date(2024, 1, 1),
        b"%PDF-",
    )


def test_the_reports_page_links_the_committee_pages_for_those_allowed(world, client_for):
    link = f'href="{LIST}"'
    seen = {
        user: link in client_for(user).get(reverse("reports:report")).content.decode()
        for user in ("city", "committee", "coordinator", "carrier")
    }
    assert seen == {"city": True, "committee": True, "coordinator": False, "carrier": False}


def test_the_pdf_draws_the_monthly_trends_as_the_page_does(visits, client_for):
    city = client_for("city")
    _send(city, _draft(city))
    lines = _pdf_text(bytes(CommitteeReportVersion.objects.get().pdf)).splitlines()
    assert ("Trends" in lines, "Besucherinnen und Besucher pro Monat" in lines) == (True, True)
