"""Two-factor login in a real browser, in German: a coordinator sets up an app on the first
login, keeps the recovery codes, and gives a code after the password the next time."""

import base64
import re
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import TOTP
from playwright.sync_api import expect

from .conftest import login
from .test_accessibility import WCAG

pytestmark = pytest.mark.browser


def _code(key_text: str, clock_time: float) -> str:
    key = base64.b32decode(key_text.replace(" ", "") + "=" * (-len(key_text.replace(" ", "")) % 8))
    totp = TOTP(key)
    totp.time = clock_time
    return f"{totp.token():06d}"


def test_a_coordinator_sets_up_the_app_and_logs_in_with_a_code(demo, page, settings):
    settings.TREFF_TWO_FACTOR_REQUIRED = True
    login(page, "franztreff")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Anmeldung mit zweitem Faktor einrichten"
    )
    expect(page.get_by_role("img", name="QR-Code für die Authenticator-App")).to_be_visible()
    key = page.locator("code.treff-secret").inner_text()
    assert re.fullmatch(r"([A-Z2-7]{4} ){7}[A-Z2-7]{4}", key)
    field = page.get_by_label("Code aus der App")
    field.fill("000000")
    page.get_by_role("button", name="Bestätigen").click()
    expect(page.get_by_text("Dieser Code passt nicht.", exact=False)).to_be_visible()
    page.get_by_label("Code aus der App").fill(_code(key, time.time()))
    page.get_by_role("button", name="Bestätigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihre Wiederherstellungscodes")
    codes = page.get_by_role("list", name="Wiederherstellungscodes").locator("code")
    expect(codes).to_have_count(10)
    first_code = codes.first.inner_text()
    page.get_by_role("link", name="Ich habe die Codes sicher aufbewahrt – weiter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Willkommen, Anna Becker")

    page.get_by_role("button", name=re.compile("abmelden$")).click()
    login(page, "franztreff")
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung mit zweitem Faktor")
    page.get_by_label("Code").fill(first_code)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Willkommen, Anna Becker")

    # New recovery codes ask for the password again; a wrong one changes nothing.
    page.goto("/accounts/two-factor/")
    page.get_by_role("link", name="Neue Wiederherstellungscodes erzeugen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Neue Wiederherstellungscodes erzeugen"
    )
    page.get_by_label("Ihr Passwort").fill("falsch")
    page.get_by_role("button", name="Neue Wiederherstellungscodes erzeugen").click()
    wrong = page.get_by_text("Das Passwort ist nicht richtig. Es wurde nichts geändert.")
    expect(wrong.first).to_be_visible()
    assert Axe().run(page, options=WCAG).violations_count == 0
    page.get_by_label("Ihr Passwort").fill("demo")
    page.get_by_role("button", name="Neue Wiederherstellungscodes erzeugen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihre Wiederherstellungscodes")
    expect(codes).to_have_count(10)
    assert first_code not in page.locator("main").inner_text()
