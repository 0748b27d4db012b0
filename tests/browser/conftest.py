"""Browser tests: Playwright drives Debian's Chromium against Django's live server."""

import os
import shutil

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; the live server's database
# work happens in its own thread, so Django's async guard would only get in the way here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str:
    for candidate in (os.environ.get("TREFF_CHROMIUM"), "chromium", "chromium-browser"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    pytest.fail("Chromium is missing: run scripts/system-deps.sh --test (make test does).")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def demo(transactional_db, settings):
    from django.core.management import call_command

    settings.DEMO_MODE = True
    with open(os.devnull, "w") as devnull:
        call_command("load_demo", stdout=devnull)
    with scopes_disabled():
        yield


def login(page, username, password="demo"):
    page.goto("/accounts/login/")
    page.get_by_label("Benutzername oder E-Mail-Adresse").fill(username)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()
