"""Set-up in the app in the browser (issue 17, item 2): a coordinator invites a volunteer by
e-mail, the volunteer chooses a password through the link and logs in; the pages without axe
violations."""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from playwright.sync_api import expect

from treff.treffs.models import District, Membership, Role

from .conftest import login

pytestmark = pytest.mark.browser

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _no_axe_violations(page):
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


def test_coordinator_invites_a_volunteer_who_logs_in(demo, page):
    login(page, "franztreff")
    page.get_by_role("link", name="Personen", exact=True).click()
    _no_axe_violations(page)
    page.get_by_role("link", name="Person einladen").click()
    page.get_by_label("E-Mail-Adresse").fill("nora.neu@example.org")
    page.get_by_label("Vorname").fill("Nora")
    page.get_by_label("Nachname").fill("Neu")
    page.get_by_label("Rolle").select_option(label="Ehrenamt – Franztreff")
    _no_axe_violations(page)
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Einladung senden").click()
    expect(page.get_by_role("status").first).to_have_text(
        "Die Einladung wurde an nora.neu@example.org gesendet."
    )
    expect(page.get_by_role("table", name="Offene Einladungen")).to_contain_text(
        "nora.neu@example.org"
    )
    (message,) = [m for m in mail.outbox if m.to == ["nora.neu@example.org"]]
    link = re.search(r"https?://\S+/invitation/\S+/", message.body).group(0)

    page.get_by_role("button", name=re.compile("abmelden")).click()
    page.goto(link)
    _no_axe_violations(page)
    page.get_by_label("Passwort", exact=True).fill("Gartenbank-im-Hof-2026")
    page.get_by_label("Passwort wiederholen").fill("Gartenbank-im-Hof-2026")
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Mein Konto anlegen").click()
    expect(page.get_by_role("status").first).to_have_text(
        "Ihr Konto ist eingerichtet. Bitte melden Sie sich mit Ihrer E-Mail-Adresse und Ihrem "
        "Passwort an."
    )
    login(page, "nora.neu@example.org", "Gartenbank-im-Hof-2026")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.url.endswith("/")
    assert list(
        Membership.objects.filter(user__email="nora.neu@example.org").values_list("role", flat=True)
    ) == [Role.VOLUNTEER]


def test_platform_admin_imports_the_citys_districts(demo, page):
    geojson = Path(__file__).resolve().parents[1] / "data" / "districts-musterstadt.geojson"
    login(page, "admin")
    page.get_by_role("link", name="Stadtteile", exact=True).first.click()
    _no_axe_violations(page)
    page.get_by_label("Datei mit den Stadtteilen").set_input_files(str(geojson))
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Änderungen anzeigen").click()
    expect(page.get_by_role("heading", name="Vor dem Import prüfen")).to_be_visible()
    expect(page.get_by_text("3 neue Stadtteile")).to_be_visible()
    _no_axe_violations(page)
    assert District.objects.filter(key="altstadt").count() == 0  # nothing before confirming
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Diese Stadtteile importieren").click()
    expect(page.get_by_role("status").first).to_contain_text("3 neu")
    expect(page.get_by_role("table", name="Aktuelle Stadtteile")).to_contain_text("Am Anger")
    # The demo's volunteers live in Dessau's districts: those stay.
    assert District.objects.filter(key="mitte").count() == 1
