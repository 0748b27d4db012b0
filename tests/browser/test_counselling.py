"""Counselling in the browser: a visiting counsellor documents a contact with the keyboard.

The page runs in English, the source language, so the test does not depend on the German
catalogue that is translated after this app is merged.
"""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from treff.counselling.models import Contact, Note

pytestmark = pytest.mark.browser


@pytest.fixture
def english_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def test_a_counsellor_documents_an_anonymous_contact(demo, english_page):
    page = english_page
    # The demo may hold counselling history already: only what this test adds counts.
    known = set(Contact.objects.values_list("pk", flat=True))
    page.goto("/accounts/login/")
    page.get_by_label("Username or e-mail address").fill("beratung")
    page.get_by_label("Password").fill("demo")
    page.get_by_role("button", name="Log in").click()
    page.goto("/treffs/franztreff/counselling/")
    page.get_by_role("link", name="Document a contact").first.click()

    # The date is today already; the rest by keyboard and labels.
    page.get_by_label("Duration (minutes)").fill("-10")
    page.get_by_role("button", name="Save contact").click()
    expect(page.get_by_role("alert").first).to_contain_text("Nothing has been saved yet")
    assert set(Contact.objects.values_list("pk", flat=True)) == known

    page.get_by_label("Duration (minutes)").fill("40")
    topics = page.get_by_role("group", name="Topics")
    topics.get_by_label("Debts").check()
    topics.get_by_label("Housing, rent and energy").press("Space")
    page.get_by_label("Language of the conversation").select_option("uk")
    page.get_by_label("Note").fill("Mahnung mitbringen.")
    page.get_by_role("button", name="Save contact").click()

    expect(page.get_by_role("status").first).to_have_text("The contact has been documented.")
    expect(page.get_by_text("Mahnung mitbringen.")).to_be_visible()
    contact = Contact.objects.exclude(pk__in=known).get()
    assert (contact.minutes, contact.language, contact.client_id, contact.date) == (
        40,
        "uk",
        None,
        timezone.localdate(),
    )
    assert sorted(contact.topic_rows.values_list("topic", flat=True)) == ["debt", "housing"]
    assert Note.objects.get(contact=contact).author.username == "beratung"
