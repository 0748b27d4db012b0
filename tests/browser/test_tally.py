"""The visitor tally on a phone: one big button, taps queued while offline, nothing doubled."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.operations.conftest import operations_objects
from treff.operations import selectors
from treff.operations.models import Tally

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def session_cookie(live_server, transactional_db, world):
    """Franztreff's operations data, and a session of its volunteer for the browser."""
    world.operations = operations_objects(world)
    client = Client()
    client.force_login(world.users["volunteer"])
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}


def _page(browser, live_server, cookie, **options):
    """A phone-sized page, logged in, in English."""
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport=PHONE, **options
    )
    context.add_cookies([cookie])
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


@pytest.fixture
def phone(browser, live_server, session_cookie):
    page = _page(browser, live_server, session_cookie, has_touch=True)
    yield page
    page.context.close()


@pytest.fixture
def phone_without_js(browser, live_server, session_cookie):
    page = _page(browser, live_server, session_cookie, java_script_enabled=False)
    yield page
    page.context.close()


def _stored_total() -> int:
    with scopes_disabled():
        tally = Tally.objects.filter(kind="drop_in", date=timezone.localdate()).first()
        return selectors.tally_total(tally)


def test_tapping_counts_each_tap_once_also_offline(phone):
    url = reverse("operations:tally_drop_in", args=["franztreff", timezone.localdate().isoformat()])
    phone.goto(url)
    plus = phone.get_by_role("button", name="Count one visitor")
    total = phone.locator("#tally-total")
    box = plus.bounding_box()
    # A thumb-sized target: the button spans the phone's width (less the page margins).
    assert (box["height"] >= 90, box["width"] >= 300, box["x"] + box["width"] <= 360) == (
        True,
        True,
        True,
    )
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    plus.click()
    expect(total).to_have_text("1")
    # A double click is two taps: two keys, two visitors.
    plus.dblclick()
    expect(total).to_have_text("3")
    expect(total).to_have_attribute("data-waiting", "0")
    assert _stored_total() == 3

    # The same request sent again (a retry after a lost answer) is not counted twice.
    token = phone.locator("form[data-tally-tap] input[name=csrfmiddlewaretoken]").input_value()
    form = {"action": "tap", "key": "0b6a3c1e-8a61-4a55-9f2c-2f4c4bb3d001"}
    answers = [
        phone.request.post(
            url,
            form={**form, "csrfmiddlewaretoken": token},
            headers={"Accept": "application/json"},
        ).json()
        for _attempt in range(2)
    ]
    assert answers == [{"total": 4, "counted": True}, {"total": 4, "counted": False}]

    # Offline: the taps wait on the phone and are sent, once each, when the network is back.
    phone.context.set_offline(True)
    plus.click()
    plus.click()
    expect(phone.locator("[data-tally-pending]")).to_contain_text(re.compile("2 taps"))
    assert _stored_total() == 4
    phone.context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    expect(total).to_have_attribute("data-waiting", "0")
    expect(phone.locator("[data-tally-pending]")).to_be_hidden()
    expect(total).to_have_text("6")
    assert _stored_total() == 6
    phone.reload()
    expect(total).to_have_text("6")


def test_tapping_without_javascript_posts_and_redirects(phone_without_js):
    page = phone_without_js
    url = reverse("operations:tally_drop_in", args=["franztreff", timezone.localdate().isoformat()])
    page.goto(url)
    form = page.locator("form[data-tally-tap]")
    sent = {
        "action": "tap",
        "key": form.locator("input[name=key]").input_value(),
        "csrfmiddlewaretoken": form.locator("input[name=csrfmiddlewaretoken]").input_value(),
    }
    page.get_by_role("button", name="Count one visitor").click()
    expect(page.locator("#tally-total")).to_have_text("1")
    expect(page.get_by_role("status").first).to_have_text("Counted. 1 visitor so far.")
    # The browser sends that form again (a retry, a back button): still one visitor.
    again = page.request.post(url, form=sent, max_redirects=0, headers={"Accept-Language": "en-GB"})
    assert (again.status, _stored_total()) == (302, 1)
    page.reload()
    expect(page.get_by_role("status").first).to_have_text(
        "This was sent before and has been counted once only."
    )
    expect(page.locator("#tally-total")).to_have_text("1")
