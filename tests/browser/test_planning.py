"""Planning in the browser: a coordinator puts an offer into the plan, cancels one date,
restores it, and finds it in the week calendar; a counsellor's request is accepted."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from treff.offers.models import Occurrence, Series

from ..conftest import TODAY
from .conftest import login

BERLIN = ZoneInfo("Europe/Berlin")
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

pytestmark = pytest.mark.browser


def test_coordinator_plans_a_fortnightly_series_and_cancels_and_restores_a_date(demo, page):
    login(page, "franztreff")
    page.goto("/treffs/franztreff/offers/")
    page.get_by_role("link", name="Neue Serie").click()
    page.get_by_label("Angebot", exact=True).select_option(label="Digitale Sprechstunde für Ältere")
    page.get_by_label("Wöchentlich oder alle n Wochen").check()
    expect(page.get_by_role("spinbutton", name="Tag im Monat")).to_be_hidden()
    page.get_by_label("Erster Tag").fill("2027-01-08")
    page.get_by_label("Letzter Tag").fill("2027-03-26")
    page.get_by_label("Intervall").fill("2")
    page.get_by_label("Freitag").check()
    page.get_by_label("Von", exact=True).fill("10:00")
    page.get_by_label("Bis", exact=True).fill("11:30")
    page.get_by_label("Raum", exact=True).select_option(label="Gruppenraum")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status").first).to_have_text("Die Serie wurde gespeichert.")

    series = Series.objects.get(
        treff__slug="franztreff", offer__title="Digitale Sprechstunde für Ältere", weekdays=[4]
    )
    dates = [o.original_date.isoformat() for o in Occurrence.objects.filter(series=series)]
    assert dates == [
        "2027-01-08",
        "2027-01-22",
        "2027-02-05",
        "2027-02-19",
        "2027-03-05",
        "2027-03-19",
    ]

    page.get_by_role("link", name="Absagen oder verschieben 22.01.2027").click()
    page.get_by_label("Er fällt aus").check()
    page.get_by_label("Grund").fill("Fortbildung")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status").first).to_have_text("Der Termin wurde geändert.")
    assert Occurrence.objects.get(series=series, original_date="2027-01-22").cancelled is True

    page.get_by_role("button", name="Wiederherstellen 22.01.2027").click()
    expect(page.get_by_role("status").first).to_have_text(
        "Der Termin findet wieder zur regulären Zeit im regulären Raum statt."
    )
    assert Occurrence.objects.get(series=series, original_date="2027-01-22").cancelled is False

    page.goto("/treffs/franztreff/plan/week/?date=2027-01-22")
    friday = page.locator(".treff-week__entry:has(time[datetime^='2027-01-22'])").filter(
        has_text="Digitale Sprechstunde für Ältere"
    )
    expect(friday.first).to_contain_text("10:00–11:30")


def test_a_double_booking_in_the_form_names_the_conflict_and_saves_nothing(demo, page):
    login(page, "franztreff")
    page.goto("/treffs/franztreff/series/new/")
    page.get_by_label("Angebot", exact=True).select_option(label="Büchertauschbörse")
    page.get_by_label("Einmalig").check()
    expect(page.get_by_label("Letzter Tag")).to_be_hidden()  # a one-off has no last date
    expect(page.get_by_label("Intervall")).to_be_hidden()
    page.get_by_label("Erster Tag").fill("2027-01-13")
    page.get_by_label("Von", exact=True).fill("11:30")
    page.get_by_label("Bis", exact=True).fill("12:30")
    page.get_by_label("Raum", exact=True).select_option(label="Begegnungsraum")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("alert").first).to_contain_text("Es wurde noch nichts gespeichert.")
    expect(
        page.get_by_text(
            re.compile(
                "Raum Begegnungsraum ist am 13.01.2027 um 11:30 bereits durch „Mittagstisch“ belegt"
            )
        )
    ).to_be_visible()
    assert Series.objects.filter(offer__title="Büchertauschbörse", kind="once").exists() is False


def test_coordinator_declines_the_pending_request_with_a_reason(demo, page):
    login(page, "franztreff")
    page.get_by_role("link", name="Schuldnerberatung – zweite Sprechstunde").click()
    expect(page.get_by_role("status").first).to_contain_text("Suchtberatung")
    page.get_by_label("Begründung der Entscheidung").fill("Der Raum ist donnerstags belegt.")
    page.get_by_role("button", name="Ablehnen").click()
    expect(page.get_by_role("status").first).to_have_text("Die Anfrage wurde abgelehnt.")


def test_a_date_moved_outside_its_series_is_in_the_plan_and_can_be_restored(demo, page):
    """The demo's Nachbarschaftsfest (12.06.2027) was moved a week later, outside its span."""
    login(page, "franztreff")
    page.goto("/treffs/franztreff/plan/week/?date=2027-06-19")
    saturday = page.locator(".treff-week__entry").filter(has_text="Nachbarschaftsfest")
    expect(saturday.first).to_contain_text("14:00–18:00")
    saturday.get_by_role("link", name="Nachbarschaftsfest").first.click()
    expect(page.get_by_text("verschoben vom 12.06.2027")).to_be_visible()
    page.get_by_role("button", name="Wiederherstellen 12.06.2027").click()
    expect(page.get_by_role("status").first).to_have_text(
        "Der Termin findet wieder zur regulären Zeit im regulären Raum statt."
    )
    occurrence = Occurrence.objects.get(series__offer__title="Nachbarschaftsfest")
    assert (occurrence.moved, occurrence.start.date()) == (False, dt.date(2027, 6, 12))


def test_a_change_of_a_running_series_applies_from_today_and_keeps_the_past(demo, page):
    """The UX test's Teamsitzung (every second Monday, since July 2026): its time changes
    from today on; the dates before stay at 16:00, in the series that the new one continues."""
    series = Series.objects.get(
        treff__slug="franztreff", offer__title="Teamsitzung mit den Ehrenamtlichen"
    )
    first, past = series.starts_on, series.occurrences.filter(start__date__lt=TODAY).count()
    login(page, "franztreff")
    page.goto(f"/treffs/franztreff/series/{series.pk}/edit/")
    expect(page.get_by_label("Die Änderung gilt ab")).to_have_value("2026-11-30")
    page.get_by_label("Von", exact=True).fill("16:30")
    page.get_by_label("Bis", exact=True).fill("17:30")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status").first).to_have_text(
        "Die Serie wurde gespeichert. Die Änderung gilt ab dem 14.12.2026; die Termine davor "
        "bleiben, wie sie waren."
    )
    old = Series.objects.get(pk=series.pk)
    assert (old.ends_on, old.start_time, old.occurrences.count()) == (
        dt.date(2026, 11, 29),
        dt.time(16),
        past,
    )
    page.get_by_role(
        "link", name=f"die Serie vom {first:%d.%m.%Y} bis 29.11.2026", exact=True
    ).click()
    expect(
        page.get_by_role("link", name=re.compile(r"^die Serie vom 14\.12\.2026 bis"))
    ).to_be_visible()
    expect(page.get_by_text("Fortgesetzt durch")).to_be_visible()


def test_a_date_moves_to_another_time_on_the_same_day_with_the_date_left_empty(demo, page):
    login(page, "franztreff")
    series = Series.objects.get(
        treff__slug="franztreff", offer__title="Seniorencafé", weekdays=[3], starts_on__lte=TODAY
    )
    page.goto(f"/treffs/franztreff/series/{series.pk}/")
    page.get_by_role("link", name="Absagen oder verschieben 03.12.2026").click()
    page.get_by_label("Er wird verschoben").check()
    page.get_by_label("Neuer Beginn").fill("15:00")
    page.get_by_label("Grund").fill("Arzttermin")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Der Termin wurde auf Do, 03.12.2026, 15:00–"
    )
    moved = Occurrence.objects.get(series=series, original_date=dt.date(2026, 12, 3))
    assert (moved.moved, moved.start.astimezone(BERLIN).strftime("%d.%m.%Y %H:%M")) == (
        True,
        "03.12.2026 15:00",
    )


def test_a_moved_dates_trace_and_a_refused_move_have_no_axe_violations(demo, page):
    """The fête's original Saturday says where it went; a move that names nothing is refused
    with one message (not a red box and a list below it)."""
    login(page, "franztreff")
    page.goto("/treffs/franztreff/plan/week/?date=2027-06-12")
    expect(page.get_by_text("verschoben auf Sa 19.06.2027, 14:00")).to_be_visible()
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()

    series = Series.objects.get(offer__title="Nachbarschaftsfest")
    page.goto(f"/treffs/franztreff/series/{series.pk}/dates/2027-06-12/")
    page.get_by_label("Neues Datum").fill("")
    page.get_by_label("Neuer Beginn").fill("")
    page.get_by_role("button", name="Speichern").click()
    expect(
        page.get_by_text(re.compile("^Geben Sie an, wohin der Termin verlegt wird"))
    ).to_have_count(1)
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()
