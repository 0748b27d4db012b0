"""Neighbourhood help in the browser: a phone request, the volunteer asked, and accepting."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from treff.volunteers.models import HelpRequest

from .conftest import login

pytestmark = pytest.mark.browser


def _next_monday() -> dt.date:
    today = dt.date.today()
    return today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)


def test_coordinator_takes_a_phone_request_and_the_volunteer_accepts(demo, page):
    login(page, "franztreff")
    page.goto("/treffs/franztreff/help/")
    page.get_by_role("link", name="Anfrage aufnehmen").click()
    who = page.get_by_role("group", name="Wer Hilfe braucht")
    who.get_by_label("Name", exact=True).fill("Frau Test")
    who.get_by_role("textbox", name="Telefon").fill("0340 999999")
    who.get_by_label("Stadtteil").select_option(label="Innerstädtischer Bereich Süd")
    who.get_by_label("Kontaktweg").select_option("phone")
    who.get_by_label(re.compile("Die Person ist damit einverstanden")).check()
    page.get_by_label("Art der Hilfe").select_option("reading")
    page.get_by_label(re.compile(r"^Am\b")).fill(_next_monday().isoformat())
    page.get_by_label("Von", exact=True).fill("10:00")
    page.get_by_label("Bis", exact=True).fill("11:00")
    page.get_by_role("button", name="Anfrage speichern").click()
    expect(page.get_by_role("status").first).to_have_text("Die Anfrage wurde aufgenommen.")
    page.get_by_role("button", name="Gerda Neumann anfragen").click()
    expect(page.get_by_role("status").first).to_have_text("Die Anfrage wurde gesendet.")

    page.get_by_role("button", name=re.compile("abmelden")).click()
    login(page, "ehrenamt")
    page.get_by_role("link", name="Meine Einsätze und mein Profil").click()
    expect(page.get_by_text("0340 999999")).to_have_count(0)  # not before accepting
    page.get_by_role("button", name="Ja, ich helfe").click()
    expect(page.get_by_role("status").first).to_have_text(
        "Vielen Dank, Ihre Antwort wurde weitergegeben."
    )
    expect(page.get_by_text(re.compile("Frau Test, 0340 999999"))).to_be_visible()
    assert HelpRequest.objects.get(seeker__name="Frau Test").status == "accepted"
