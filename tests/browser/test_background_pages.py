"""The pages of background work, in their states, on a phone: axe finds nothing, nothing
scrolls sideways (a made file, a file being made, a run that lost its worker, mails that
could not be sent)."""

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from treff.accounts.models import User
from treff.jobs.models import GeneratedFile, MailFailure
from treff.offers.models import PlanVersion
from treff.planner.models import PlannerRun
from treff.treffs.models import Treff

from ..conftest import NOW
from .conftest import login
from .test_accessibility import WCAG
from .test_phone import PHONE, overflow

pytestmark = pytest.mark.browser


@pytest.fixture
def background_states(demo):
    with scopes_disabled():
        stadt = User.objects.get(username="stadt")
        franztreff = Treff.objects.get(slug="franztreff")
        made = {
            status: GeneratedFile.objects.create(
                user=stadt,
                kind="figures_xlsx",
                params={"year": 2026, "language": "de"},
                filename="treff-figures-2026.xlsx",
                status=status,
                content=b"PK" if status == "done" else None,
            ).pk
            for status in ("done", "running", "failed")
        }
        draft = PlanVersion.objects.filter(treff=franztreff, status="draft").first()
        lost = PlannerRun.objects.create(
            treff=franztreff,
            plan_version=draft,
            time_limit=10,
            status="running",
            started_at=NOW - dt.timedelta(minutes=10),
        )
        MailFailure.objects.create(
            treff=franztreff,
            subject="Neue Buchungsanfrage: " + "Schuldnerberatung" * 12 + " im Franztreff",
            recipients=["koordination@example.org", "vertretung@example.org"],
            attempts=5,
        )
    return {"files": made, "run": lost.pk}


@pytest.mark.parametrize(
    ("username", "page_of", "shown"),
    [
        ("stadt", lambda states: f"/files/{states['files']['done']}/", "Die Datei ist fertig."),
        (
            "stadt",
            lambda states: f"/files/{states['files']['running']}/",
            "Die Datei wird im Hintergrund erstellt.",
        ),
        (
            "stadt",
            lambda states: f"/files/{states['files']['failed']}/",
            "Die Datei konnte nicht erstellt werden.",
        ),
        (
            "franztreff",
            lambda states: f"/treffs/franztreff/planner/runs/{states['run']}/",
            "Erneut versuchen",
        ),
        (
            "franztreff",
            lambda states: "/dashboard/",
            "E-Mails, die nicht gesendet werden konnten",
        ),
    ],
    ids=["file ready", "file being made", "file failed", "run lost its worker", "mail failures"],
)
def test_background_pages_are_accessible_on_a_phone(
    background_states, page, username, page_of, shown
):
    page.set_viewport_size(PHONE)
    login(page, username)
    path = page_of(background_states)
    page.goto(path)
    expect(page.get_by_text(shown).first).to_be_visible()
    results = Axe().run(page, options=WCAG)
    assert (path, results.violations_count, overflow(page)) == (path, 0, None), (
        results.generate_report()
    )
