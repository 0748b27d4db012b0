"""The flows a person clicks through, in a real browser, in German (the default)."""

import re

import pytest
from playwright.sync_api import expect

from treff.treffs.models import Room

from .conftest import login

pytestmark = pytest.mark.browser


def test_coordinator_logs_in_and_adds_a_room(demo, page):
    page.goto("/")
    page.get_by_role("link", name="Anmelden").click()
    login(page, "franztreff")
    expect(page.get_by_role("heading", level=1)).to_have_text("Willkommen, Anna Becker")
    page.get_by_role("link", name="Franztreff: Adresse, Öffnungszeiten und Räume").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Franztreff")
    page.get_by_role("link", name="Raum hinzufügen").click()
    page.get_by_label("Name", exact=True).fill("Leseecke")
    page.get_by_label("Art", exact=True).select_option(label="Gruppenraum")
    page.get_by_label("Kapazität (Personen)").fill("6")
    page.get_by_label("Telefon", exact=True).check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status").first).to_have_text("Der Raum „Leseecke“ wurde gespeichert.")
    expect(page.get_by_role("rowheader", name="Leseecke")).to_be_visible()
    room = Room.objects.get(name="Leseecke")
    assert (room.treff.slug, room.kind, room.capacity, room.equipment) == (
        "franztreff",
        "group",
        6,
        ["phone"],
    )


def test_a_wrong_capacity_keeps_the_form_and_says_why(demo, page):
    login(page, "franztreff")
    page.goto("/treffs/franztreff/rooms/new/")
    page.get_by_label("Name", exact=True).fill("Abstellkammer")
    page.get_by_label("Art", exact=True).select_option(label="Lager")
    page.get_by_label("Kapazität (Personen)").fill("-1")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("alert").first).to_contain_text("Es wurde noch nichts gespeichert.")
    capacity = page.get_by_label("Kapazität (Personen)")
    expect(capacity).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Dieser Wert muss größer oder gleich 0 sein.")).to_be_visible()
    expect(page.get_by_label("Name", exact=True)).to_have_value("Abstellkammer")
    assert Room.objects.filter(name="Abstellkammer").exists() is False


def test_a_wrong_password_gets_a_german_message(demo, page):
    login(page, "franztreff", "falsch")
    expect(page.get_by_role("alert")).to_have_text(
        "Benutzername oder E-Mail-Adresse und Passwort passen nicht zusammen. "
        "Bitte prüfen Sie beides; beim Passwort zählt die Groß- und Kleinschreibung."
    )


def test_the_skip_link_comes_first_and_jumps_to_the_content(demo, page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Zum Hauptinhalt springen")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_the_room_filter_updates_the_table_in_place(demo, page):
    login(page, "stadt")
    page.get_by_role("link", name="Räume", exact=True).click()
    expect(page.get_by_role("rowheader", name="Garten mit Café-Terrasse")).to_be_visible()
    # htmx binds the filter once the deferred scripts have run: a change before that is lost.
    page.wait_for_load_state("load")
    page.get_by_label("Treff").select_option(label="Franztreff")
    expect(page.get_by_role("rowheader", name="Garten mit Café-Terrasse")).to_have_count(0)
    expect(page.get_by_role("rowheader", name="Begegnungsraum")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"/rooms/\?treff=\d+"))


def test_the_language_can_be_switched_to_english(demo, page):
    # The public site links the same page in each language.
    page.goto("/")
    page.get_by_role("link", name="English", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Neighbourhood drop-in centres")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # The staff pages keep their form, with German and English only.
    page.goto("/accounts/login/")
    page.get_by_label("Sprache").select_option("en")
    page.get_by_role("button", name="Sprache wechseln").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_logout_ends_the_session(demo, page):
    login(page, "ehrenamt")
    page.get_by_role("button", name=re.compile("abmelden")).click()
    expect(page.get_by_role("link", name="Anmelden")).to_be_visible()
    page.goto("/dashboard/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/dashboard/"))
