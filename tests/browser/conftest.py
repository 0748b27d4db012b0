"""Browser tests: Playwright drives Debian's Chromium against Django's live server."""

import contextlib
import os
import re
import shutil

import pytest
import time_machine
from django_scopes import scopes_disabled
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from tests.conftest import NOW

from . import template_db
from .public_pages import CHROMIUM_ARGS

# Playwright's sync API runs an event loop in this thread; the live server's database
# work happens in its own thread, so Django's async guard would only get in the way here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


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


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test (item.report_setup, _call, _teardown), so a
    fixture can tell in its teardown whether the test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


def _screenshot_if_failed(request, pages) -> None:
    """A failed test leaves a picture of each page it opened in
    test-results/screenshots/<test name>.png (then -2, -3 …), for CI artefacts and for a
    look at what the browser saw."""
    report = getattr(request.node, "report_call", None)
    if report is None or not report.failed:
        return
    folder = request.config.rootpath / "test-results" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    for number, page in enumerate(pages, start=1):
        suffix = "" if number == 1 else f"-{number}"
        # A page or browser that is gone leaves nothing to keep.
        with contextlib.suppress(PlaywrightError):
            page.screenshot(path=folder / f"{name}{suffix}.png", full_page=True)


@pytest.fixture
def new_page(browser, live_server, request):
    """new_page(**options) opens a page in a fresh browser context (options as for
    browser.new_context: locale, viewport …) against the live server. Whatever the
    Content-Security-Policy refused on any of its pages (an inline style, a script, an image
    from elsewhere) fails the test when it ends."""
    contexts, pages, refused = [], [], []

    def note_refusal(message):
        if "Content Security Policy" in message.text:
            refused.append(f"{message.location.get('url')}: {message.text}")

    def open_page(**options):
        context = browser.new_context(base_url=live_server.url, **options)
        contexts.append(context)
        page = context.new_page()
        # Generous: two test workers share two cores with Chromium and the live servers.
        page.set_default_timeout(30_000)
        page.on("console", note_refusal)
        pages.append(page)
        return page

    yield open_page
    _screenshot_if_failed(request, pages)
    for context in contexts:
        context.close()
    assert refused == []


@pytest.fixture
def page(new_page):
    return new_page(locale="de-DE")


@pytest.fixture(scope="session")
def demo_template(django_db_setup, django_db_blocker):
    """The demo, loaded once per test session on the pinned clock and kept as a template
    (template_db.py); `demo` restores it before each test, so no test sees another's
    changes, whatever the order."""
    from django.core.management import call_command
    from django.test import override_settings

    with django_db_blocker.unblock():
        with (
            time_machine.travel(NOW, tick=True),
            override_settings(DEMO_MODE=True),
            open(os.devnull, "w") as devnull,
        ):
            call_command("load_demo", stdout=devnull)
        copies = template_db.save()
        # Tests that run after this one in the same session start from an empty database.
        call_command("flush", interactive=False, verbosity=0)
    yield copies
    with django_db_blocker.unblock():
        template_db.drop(copies)


@pytest.fixture
def demo(demo_template, transactional_db, settings):
    settings.DEMO_MODE = True
    template_db.restore(demo_template)
    with scopes_disabled():
        yield


def login(page, username, password="demo"):
    page.goto("/accounts/login/")
    page.get_by_label("Benutzername oder E-Mail-Adresse").fill(username)
    page.get_by_label("Passwort").fill(password)
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Anmelden").click()


@pytest.fixture
def changed_dates(demo):
    """One date cancelled (Tue 1 Dec 2026) and one moved (Thu 3 Dec, to 18:00) in the week of
    the pinned today, so the calendars show both states (the demo has no changed dates)."""
    import datetime as dt

    from django.contrib.auth import get_user_model

    from treff.offers import services
    from treff.offers.models import Occurrence, SeriesChange

    user = get_user_model().objects.get(username="franztreff")
    first = {}
    for occurrence in Occurrence.objects.filter(
        treff__slug="franztreff", original_date__in=[dt.date(2026, 12, 1), dt.date(2026, 12, 3)]
    ).order_by("start"):
        first.setdefault(occurrence.original_date, occurrence)
    cancelled, moved = first[dt.date(2026, 12, 1)], first[dt.date(2026, 12, 3)]
    services.series_change_save(
        change=SeriesChange(
            series=cancelled.series, original_date=cancelled.original_date, reason="Krank"
        ),
        cancel=True,
        user=user,
    )
    services.series_change_save(
        change=SeriesChange(
            series=moved.series,
            original_date=moved.original_date,
            new_date=moved.original_date,
            new_start=dt.time(18),
            new_end=dt.time(19),
            reason="Später wegen Elternabend",
        ),
        cancel=False,
        user=user,
    )
    return cancelled, moved


@pytest.fixture
def plan_warning(demo):
    """Franztreff allows lunch on two days a week, so its three lunch days in every week show
    the plan's warning (the demo plan keeps every rule, so no page shows one)."""
    from django.contrib.auth import get_user_model

    from treff.offers import services
    from treff.offers.models import PlanRules

    rules = PlanRules.objects.get(treff__slug="franztreff")
    rules.lunch_max_per_week = 2
    user = get_user_model().objects.get(username="franztreff")
    return services.plan_rules_save(rules=rules, treff=rules.treff, user=user)
