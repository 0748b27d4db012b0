"""The reporting flows of issue 13 (Fachkonzept §6), clicked through in German: the city
writes and sends a committee report that the committee reads; a quality meeting with an
action item that lands on its owner's dashboard; a Treff document uploaded by the carrier's
side and acknowledged by the city. The clock is pinned (tests/conftest.py: Mon 30 Nov 2026)."""

import re

import pytest
from playwright.sync_api import expect

from treff.quality.models import ActionItem, DocumentVersion, Meeting, TreffDocument
from treff.reports.models import CommitteeReport, CommitteeReportVersion

from .conftest import login

pytestmark = pytest.mark.browser

TITLE = "Bericht drittes Quartal 2026"
PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# How long a page that renders a PDF in the request may take on a busy test machine.
PDF_SECONDS = 30


def _fill_committee_report(page, *, title, first, last, summary):
    page.get_by_label("Titel", exact=True).fill(title)
    page.get_by_label("Von", exact=True).fill(first)
    page.get_by_label("Bis", exact=True).fill(last)
    page.get_by_label("Sitzungsdatum").fill("2026-12-10")
    page.get_by_label("Zusammenfassung").fill(summary)


def _hidden(visible, hidden):
    """A control's name with a hidden part, e.g. "PDF" + ", Fassung 1": Chromium puts a
    space before the hidden text, whose span is taken out of the line."""
    return re.compile(rf"^{re.escape(visible)} ?{re.escape(hidden)}$")


def _file_link(fmt, number):
    return _hidden(fmt, f", Fassung {number}")


def _download(page, name):
    """Click a download link or button; the file's name and bytes."""
    with page.expect_download() as download:
        page.get_by_role("link", name=name).or_(page.get_by_role("button", name=name)).click()
    return download.value.suggested_filename, download.value.path().read_bytes()


def test_the_city_writes_previews_and_sends_a_committee_report(demo, page):
    login(page, "stadt")
    page.goto("/reports/committee/")
    page.get_by_role("link", name="Neuer Ausschussbericht").click()
    _fill_committee_report(
        page,
        title=TITLE,
        first="2026-07-01",
        last="2026-09-30",
        summary="Die Treffs wurden im Sommer gut besucht.",
    )
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status").first).to_have_text("Der Entwurf wurde gespeichert.")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    report = CommitteeReport.objects.get(title=TITLE)

    preview_name, preview = _download(page, "Vorschau als PDF")
    xlsx_name, xlsx_preview = _download(page, "Vorschau als Excel-Datei (XLSX)")
    assert (preview_name, preview[:5], xlsx_name, xlsx_preview[:2]) == (
        f"treff-committee-report-{report.pk}-preview.pdf",
        b"%PDF-",
        f"treff-committee-report-{report.pk}-preview.xlsx",
        b"PK",
    )
    assert CommitteeReportVersion.objects.count() == 0

    page.get_by_role("link", name="Senden …").click()
    page.get_by_role("button", name="Als Fassung 1 senden").click()
    # Sending renders the version's PDF in the request: seconds when tests run side by side.
    expect(page.get_by_role("status").first).to_have_text(
        "Fassung 1 wurde gesendet.", timeout=PDF_SECONDS * 1000
    )

    page.goto("/reports/committee/")
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=TITLE))
    expect(row.get_by_role("cell").nth(0)).to_have_text("1")
    expect(row.get_by_role("cell").nth(1)).to_have_text("01.07.2026 – 30.09.2026")
    expect(row.get_by_role("cell").nth(2)).to_have_text(
        "Ausschuss für Gesundheit, Soziales und Bildung, 10.12.2026"
    )
    version = CommitteeReportVersion.objects.get(report=report)
    files = {}
    for fmt in ("pdf", "xlsx"):
        href = row.get_by_role("link", name=_file_link(fmt.upper(), 1)).get_attribute("href")
        response = page.request.get(href)
        files[fmt] = (response.status, response.headers["content-type"], response.body())
    assert (
        files["pdf"][:2],
        files["pdf"][2][:5],
        files["xlsx"][:2],
        files["xlsx"][2][:2],
        files["pdf"][2] == bytes(version.pdf),
        files["xlsx"][2] == bytes(version.xlsx),
    ) == ((200, PDF), b"%PDF-", (200, XLSX), b"PK", True, True)


def _sent_version(page):
    """The city sends a committee report for the third quarter; the version's id."""
    login(page, "stadt")
    page.goto("/reports/committee/new/")
    _fill_committee_report(
        page, title=TITLE, first="2026-07-01", last="2026-09-30", summary="Kurz gesagt: gut."
    )
    page.get_by_role("button", name="Speichern").click()
    page.get_by_role("link", name="Senden …").click()
    page.get_by_role("button", name="Als Fassung 1 senden").click()
    # Sending renders the version's PDF in the request: seconds when tests run side by side.
    expect(page.get_by_role("status").first).to_have_text(
        "Fassung 1 wurde gesendet.", timeout=PDF_SECONDS * 1000
    )
    page.context.clear_cookies()
    return CommitteeReportVersion.objects.get(title=TITLE)


def test_the_committee_member_reads_and_downloads_the_version_sent(demo, page):
    version = _sent_version(page)
    login(page, "ausschuss")
    page.goto("/reports/committee/")
    expect(page.get_by_role("heading", name="Entwürfe")).to_have_count(0)
    expect(page.get_by_role("link", name="Neuer Ausschussbericht")).to_have_count(0)
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=TITLE))
    expect(row.get_by_role("cell").nth(0)).to_have_text("1")
    name, content = _download(page, _file_link("PDF", 1))
    assert (name, content) == (
        f"treff-committee-report-{version.report_id}-v1.pdf",
        bytes(version.pdf),
    )
    name, content = _download(page, _file_link("XLSX", 1))
    assert (name, content[:2]) == (f"treff-committee-report-{version.report_id}-v1.xlsx", b"PK")
    # The committee reads what was sent, never the draft.
    response = page.request.get(f"/reports/committee/{version.report_id}/")
    assert response.status == 403


def test_a_coordinator_cannot_reach_the_committee_reports(demo, page):
    version = _sent_version(page)
    login(page, "franztreff")
    statuses = [
        page.goto(path).status
        for path in (
            "/reports/committee/",
            "/reports/committee/new/",
            f"/reports/committee/{version.report_id}/",
        )
    ]
    download = page.request.get(f"/reports/committee/versions/{version.pk}/pdf/")
    assert (statuses, download.status) == ([403, 403, 403], 403)


def test_a_committee_report_ending_before_it_starts_is_refused(demo, page):
    login(page, "stadt")
    page.goto("/reports/committee/new/")
    _fill_committee_report(
        page, title=TITLE, first="2026-09-30", last="2026-07-01", summary="Falsch herum."
    )
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("alert").first).to_contain_text("Es wurde noch nichts gespeichert.")
    expect(page.get_by_label("Bis", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Der letzte Tag darf nicht vor dem ersten Tag liegen.")).to_be_visible()
    expect(page.get_by_label("Titel", exact=True)).to_have_value(TITLE)
    assert CommitteeReport.objects.filter(title=TITLE).exists() is False


def test_a_committee_report_without_title_and_period_is_refused(demo, page):
    login(page, "stadt")
    page.goto("/reports/committee/new/")
    before = CommitteeReport.objects.count()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("alert").first).to_have_text(
        "Es wurde noch nichts gespeichert. Bitte korrigieren Sie die markierten Angaben."
    )
    invalid = [
        page.get_by_label(label, exact=True).get_attribute("aria-invalid")
        for label in ("Titel", "Von", "Bis")
    ]
    expect(page.get_by_text("Dieses Feld ist zwingend erforderlich.")).to_have_count(3)
    assert (invalid, CommitteeReport.objects.count()) == (["true", "true", "true"], before)


MEETING = "Qualitätsgespräch November"
ITEM = "Aushang zum Mittagstisch erneuern"


def _participant(page, number, role, name=""):
    row = page.get_by_role("group", name=f"Teilnehmende Person {number}")
    row.get_by_label("Rolle").select_option(label=role)
    row.get_by_label("Name").fill(name)


def _record_meeting(page, slug="franztreff"):
    page.goto(f"/treffs/{slug}/quality/")
    page.get_by_role("link", name="Gespräch erfassen").click()
    page.get_by_label("Datum").fill("2026-11-16")
    page.get_by_label("Titel").fill(MEETING)
    page.get_by_label("Tagesordnung").fill("1. Mittagstisch\n2. Aushänge")
    page.get_by_label("Protokoll – optional", exact=True).fill("Der Mittagstisch ist gut besucht.")
    page.get_by_label("Beschlüsse").fill("Der Aushang wird erneuert.\nDas Menü hängt auch aus.")
    _participant(page, 1, "Mitarbeitende der Stadt", "Katrin Lehmann")
    _participant(page, 2, "Koordination", "Anna Becker")
    _participant(page, 3, "Träger")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status").first).to_have_text("Das Gespräch wurde gespeichert.")
    expect(page.get_by_role("heading", level=1)).to_have_text(MEETING)


def _add_item(page, *, owner, due):
    page.get_by_role("link", name="Maßnahme hinzufügen").click()
    page.get_by_label("Was zu tun ist").fill(ITEM)
    page.get_by_label("Verantwortlich").select_option(label=owner)
    page.get_by_label("Fällig am").fill(due)
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status").first).to_have_text("Die Maßnahme wurde gespeichert.")


def _my_item(page):
    section = page.get_by_role("region", name="Meine Maßnahmen")
    return section.get_by_role("listitem").filter(has=page.get_by_role("link", name=ITEM))


def test_a_coordinator_records_a_meeting_whose_overdue_item_she_then_marks_done(
    demo, page, live_server
):
    login(page, "franztreff")
    _record_meeting(page)
    meeting = Meeting.objects.get(title=MEETING)
    assert (
        meeting.date.isoformat(),
        meeting.agenda,
        [(p.role, p.name) for p in meeting.participants.all()],
        [d.text for d in meeting.decisions.all()],
    ) == (
        "2026-11-16",
        "1. Mittagstisch\r\n2. Aushänge",
        [("city_staff", "Katrin Lehmann"), ("coordinator", "Anna Becker"), ("carrier", "")],
        ["Der Aushang wird erneuert.", "Das Menü hängt auch aus."],
    )

    # From the meeting's page, so the item belongs to the meeting; due last Friday.
    _add_item(page, owner="Anna Becker", due="2026-11-27")
    expect(page.get_by_role("heading", level=1)).to_have_text(MEETING)
    row = page.get_by_role("listitem").filter(has_text=ITEM)
    expect(row.locator(".kern-badge")).to_have_text("überfällig")

    page.goto("/dashboard/")
    expect(_my_item(page).locator("[data-overdue]")).to_have_text("überfällig seit 27.11.2026")
    _my_item(page).get_by_role(
        "button", name=_hidden("Als erledigt markieren", f": {ITEM}")
    ).click()
    # Back on the dashboard, where the item is gone.
    expect(page.get_by_role("status").first).to_have_text(f"„{ITEM}“ ist erledigt.")
    expect(page).to_have_url(f"{live_server.url}/dashboard/")
    expect(_my_item(page)).to_have_count(0)
    item = ActionItem.objects.get(title=ITEM)
    assert (item.meeting_id, item.owner.username, item.status, item.done_at is None) == (
        meeting.pk,
        "franztreff",
        "done",
        False,
    )


def test_an_item_the_carrier_gives_the_city_waits_on_the_city_dashboard(demo, page):
    login(page, "drk")
    _record_meeting(page)
    _add_item(page, owner="Katrin Lehmann", due="2026-12-14")
    page.context.clear_cookies()

    login(page, "stadt")
    page.goto("/dashboard/")
    expect(_my_item(page)).to_contain_text("Fällig am 14.12.2026 in Franztreff:")
    expect(_my_item(page).locator("[data-overdue]")).to_have_count(0)
    # The item's link leads to its meeting; marked done there, the meeting's page shows again.
    _my_item(page).get_by_role("link", name=ITEM).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(MEETING)
    meeting_url = page.url
    row = page.get_by_role("listitem").filter(has_text=ITEM)
    row.get_by_role("button", name=_hidden("Als erledigt markieren", f": {ITEM}")).click()
    expect(page.get_by_role("status").first).to_have_text(f"„{ITEM}“ ist erledigt.")
    expect(page).to_have_url(meeting_url)
    expect(row.locator(".kern-badge")).to_have_text("erledigt")
    expect(row.get_by_role("button")).to_have_count(0)
    page.goto("/dashboard/")
    expect(_my_item(page)).to_have_count(0)
    item = ActionItem.objects.get(title=ITEM)
    assert (item.owner.username, item.created_by.username, item.status) == (
        "stadt",
        "drk",
        "done",
    )


def test_a_participant_named_without_a_role_is_refused(demo, page):
    login(page, "franztreff")
    page.goto("/treffs/franztreff/quality/meetings/new/")
    page.get_by_label("Titel").fill(MEETING)
    page.get_by_role("group", name="Teilnehmende Person 1").get_by_label("Name").fill("Max")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("alert").first).to_contain_text("Es wurde noch nichts gespeichert.")
    expect(page.get_by_text("Wählen Sie die Rolle dieser teilnehmenden Person.")).to_be_visible()
    assert Meeting.objects.filter(title=MEETING).exists() is False


def _pdf(text: str = "Konzept") -> bytes:
    """A small, valid one-page PDF with its cross-reference table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _stored_files(settings):
    return sorted(p.name for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())


DOCUMENT = "Hygienekonzept 2027"


def _upload(page, name, content):
    page.goto("/treffs/franztreff/quality/")
    page.get_by_role("link", name="Dokument hochladen").click()
    page.get_by_label("Art").select_option(label="Hygienekonzept (§4.3)")
    page.get_by_label("Titel").fill(DOCUMENT)
    page.get_by_label("Datei").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": content}
    )
    page.get_by_label("Notiz").fill("Nach RKI-Empfehlungen")
    page.get_by_role("button", name="Speichern").click()


def test_the_coordinator_uploads_a_document_and_the_city_acknowledges_it(demo, page):
    content = _pdf()
    login(page, "franztreff")
    _upload(page, "hygienekonzept.pdf", content)
    expect(page.get_by_role("status").first).to_have_text("Das Dokument wurde hochgeladen.")
    expect(page.get_by_role("heading", level=1)).to_have_text(DOCUMENT)
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name="hygienekonzept.pdf"))
    expect(row.get_by_role("cell").last).to_have_text("noch nicht")
    page.context.clear_cookies()

    login(page, "stadt")
    page.goto("/treffs/franztreff/quality/")
    documents = page.get_by_role("region", name="Dokumente des Treffs")
    entry = documents.get_by_role("listitem").filter(has=page.get_by_role("link", name=DOCUMENT))
    expect(entry).to_have_text(
        f"{DOCUMENT} · Hygienekonzept (§4.3) – Fassung 1: wartet auf die Kenntnisnahme der Stadt"
    )
    entry.get_by_role("link", name=DOCUMENT).click()
    name, downloaded = _download(page, "hygienekonzept.pdf")
    assert (name, downloaded) == ("hygienekonzept.pdf", content)
    page.get_by_role("button", name=_hidden("Zur Kenntnis nehmen", ": Fassung 1")).click()
    expect(page.get_by_role("status").first).to_have_text("Fassung 1 ist zur Kenntnis genommen.")
    expect(
        page.get_by_role("button", name=_hidden("Zur Kenntnis nehmen", ": Fassung 1"))
    ).to_have_count(0)
    page.goto("/treffs/franztreff/quality/")
    expect(entry).to_have_text(
        f"{DOCUMENT} · Hygienekonzept (§4.3) – Fassung 1: von der Stadt zur Kenntnis genommen"
    )
    version = DocumentVersion.objects.get(document__title=DOCUMENT)
    assert (
        version.document.kind,
        version.filename,
        version.content_type,
        version.size,
        version.note,
        version.uploaded_by.username,
        version.acknowledged_by.username,
    ) == (
        "hygiene",
        "hygienekonzept.pdf",
        PDF,
        len(content),
        "Nach RKI-Empfehlungen",
        "franztreff",
        "stadt",
    )


def test_a_text_file_named_pdf_is_refused_and_nothing_is_stored(demo, page, settings):
    files_before = _stored_files(settings)
    versions_before = DocumentVersion.objects.count()
    login(page, "drk")
    _upload(page, "hygienekonzept.pdf", b"Das ist gar kein PDF.\n")
    expect(page.get_by_role("alert").first).to_contain_text("Es wurde noch nichts gespeichert.")
    expect(
        page.get_by_text(
            "Die Datei ist keine echte PDF-Datei; speichern Sie sie erneut als PDF, ODT oder DOCX."
        )
    ).to_be_visible()
    expect(page.get_by_label("Datei")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Titel")).to_have_value(DOCUMENT)
    assert (
        TreffDocument.objects.filter(title=DOCUMENT).exists(),
        DocumentVersion.objects.count(),
        _stored_files(settings),
    ) == (False, versions_before, files_before)


def test_a_document_over_ten_megabytes_is_refused_and_nothing_is_stored(demo, page, settings):
    files_before = _stored_files(settings)
    content = _pdf() + b"%" + b"0" * (11 * 1024 * 1024)  # a PDF comment makes it 11 MB
    login(page, "franztreff")
    _upload(page, "hygienekonzept.pdf", content)
    expect(page.get_by_role("alert").first).to_contain_text("Es wurde noch nichts gespeichert.")
    expect(
        page.get_by_text("Die Datei hat 11,0 MB; erlaubt sind höchstens 10,0 MB.")
    ).to_be_visible()
    assert (TreffDocument.objects.filter(title=DOCUMENT).exists(), _stored_files(settings)) == (
        False,
        files_before,
    )
