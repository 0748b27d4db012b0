"""Neighbourhood help in the browser: a phone request, the volunteer asked, and accepting; a
correction of a request; a volunteer put on a shift; the new pages without axe violations."""

import datetime as dt
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from treff.volunteers.models import (
    HelpRequest,
    HelpRequestChange,
    Shift,
    ShiftSignup,
    Volunteer,
)

from .conftest import login

pytestmark = pytest.mark.browser


def _next_monday() -> dt.date:
    today = timezone.localdate()
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


WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _no_axe_violations(page):
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


def test_coordinator_corrects_a_request_and_the_correction_is_listed(demo, page):
    request = HelpRequest.objects.filter(treff__slug="franztreff").order_by("pk")[1]
    login(page, "franztreff")
    page.goto(f"/treffs/franztreff/help/{request.pk}/")
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("link", name="Anfrage korrigieren").click()
    _no_axe_violations(page)
    who = page.get_by_role("group", name="Wer Hilfe braucht")
    who.get_by_role("textbox", name="Telefon").fill("0340 7777777")
    who.get_by_role("textbox", name="Adresse").fill("Kavalierstraße 12")
    page.get_by_role("button", name="Korrektur speichern").click()
    expect(page.get_by_role("status").first).to_have_text("Die Anfrage wurde korrigiert.")
    expect(page.get_by_text("Kavalierstraße 12")).to_be_visible()
    _no_axe_violations(page)
    change = HelpRequestChange.objects.get(request=request)
    assert change.fields == ["seeker.phone", "seeker.address"]


def test_coordinator_puts_the_volunteer_on_a_lunch_shift(demo, page):
    gerda = Volunteer.objects.get(user__username="ehrenamt")
    shift = (
        Shift.objects.filter(
            treff__slug="franztreff", template__kind="lunch", date__gt=timezone.localdate()
        )
        .exclude(signups__volunteer=gerda)
        .order_by("date")
        .first()
    )
    ShiftSignup.objects.filter(shift=shift).delete()  # room on the shift, whatever the demo drew
    login(page, "franztreff")
    page.goto(f"/treffs/franztreff/shifts/{shift.pk}/")
    _no_axe_violations(page)
    page.get_by_label("Ehrenamtliche*r").select_option(label="Gerda Neumann")
    page.get_by_role("button", name="Eintragen").click()
    expect(page.get_by_role("status").first).to_have_text(
        "Gerda Neumann wurde für die Schicht eingetragen und benachrichtigt."
    )
    assert ShiftSignup.objects.get(shift=shift).assigned_by.username == "franztreff"
    page.goto(f"/treffs/franztreff/volunteers/{gerda.pk}/")
    expect(page.get_by_role("heading", name="Nachweise", exact=True)).to_be_visible()
    _no_axe_violations(page)


def test_a_resident_finds_the_help_form_on_the_start_page_and_is_told_about_consent(
    demo, browser, live_server
):
    """Follow-up of issue 10, items 10 and 18: a link per Treff on the start page, only
    neighbourhood help on offer, and a consent box that says why it is needed (in English,
    the source language, so the German catalogue may word it freely)."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto("/")
        page.get_by_role("link", name="Ask for neighbourly help – Franztreff").click()
        expect(page).to_have_url(re.compile(r"/en/franztreff/hilfe/$"))
        _no_axe_violations(page)
        kind = page.get_by_label("What kind of help do you need?")
        assert kind.locator("option").all_inner_texts() == [
            "Shopping when someone is ill",
            "Small handyman jobs",
            "Accompaniment to the doctor or to authorities",
            "Going for walks",
            "Reading aloud",
            "Company and home visits",
            "Help with phones and computers",
        ]
        page.get_by_label("Your name").fill("Frau Test")
        page.get_by_label("Your phone number").fill("+49 340 123456")
        page.get_by_label("Where you live (district)").select_option("mitte")
        kind.select_option("walk")
        page.get_by_label("On which day?").fill(_next_monday().isoformat())
        page.get_by_label("From", exact=True).fill("14:00")
        page.get_by_label("Until", exact=True).fill("15:00")
        page.get_by_role("button", name="Send").click()
        expect(
            page.get_by_text("Without your consent we cannot pass your request to a volunteer.")
        ).to_be_visible()
        assert HelpRequest.objects.filter(seeker__name="Frau Test").count() == 0
        page.get_by_label(re.compile("^I agree that the Treff passes")).check()
        page.get_by_role("button", name="Send").click()
        expect(page.get_by_role("status")).to_have_text(
            "Your request has arrived. We will call you back."
        )
        assert HelpRequest.objects.get(seeker__name="Frau Test").kind == "walk"
    finally:
        context.close()
