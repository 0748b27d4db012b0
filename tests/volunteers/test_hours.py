"""Hours and the certificate of engagement (issue 10, item 6): hours count on the day the help
was given, rows add up to the total (minutes summed, turned into hours and minutes once), the
column says hours as a duration, and "volunteering since" is the first day of engagement."""

import datetime as dt
import importlib
import io
import re
from zoneinfo import ZoneInfo

from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from pypdf import PdfReader

from tests.conftest import TODAY
from treff.volunteers.models import HelpRequest, Shift, ShiftSignup, ShiftTemplate, Volunteer
from treff.volunteers.views_shifts import certificate_context

BERLIN = ZoneInfo("Europe/Berlin")


def _pdf_lines(response) -> list[str]:
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content)).pages[0].extract_text().splitlines()


def _accept(help_world, **values):
    with scopes_disabled():
        HelpRequest.objects.filter(pk=help_world.help.request.pk).update(
            status="accepted", volunteer=help_world.help.volunteer, **values
        )


def test_help_given_on_30_december_and_closed_on_4_january_counts_for_the_old_year(
    help_world, client_for, clock
):
    _accept(help_world, date=dt.date(2026, 12, 30))
    clock.move_to(dt.datetime(2027, 1, 4, 9, 0, tzinfo=BERLIN))
    client = client_for("coordinator")
    url = reverse("volunteers:help_detail", args=["franztreff", help_world.help.request.pk])
    assert client.get(url).context["close_form"].initial == {"helped_on": dt.date(2026, 12, 30)}
    client.post(url, {"action": "done", "helped_on": "2026-12-30", "minutes_spent": "90"})
    gerda = help_world.help.volunteer
    with scopes_disabled():
        request = HelpRequest.objects.get(pk=help_world.help.request.pk)
        old, new = certificate_context(gerda, 2026), certificate_context(gerda, 2027)
    assert (request.status, request.helped_on, timezone.localdate(request.closed_at)) == (
        "done",
        dt.date(2026, 12, 30),
        dt.date(2027, 1, 4),
    )
    assert (old["months"], old["total"]) == ([(dt.date(2026, 12, 1), 90)], 90)
    assert (new["months"], new["total"]) == ([], 0)
    lines = _pdf_lines(
        client_for("volunteer").get(
            reverse("volunteers:my_certificate", args=[2026]), HTTP_ACCEPT_LANGUAGE="en"
        )
    )
    assert [line for line in lines if line.startswith(("December", "Total"))] == [
        "December 1 h 30 min",
        "Total 1 h 30 min",
    ]


def test_the_close_form_asks_for_the_day_the_help_was_given_with_a_sensible_default(
    help_world, client_for
):
    client = client_for("coordinator")
    url = reverse("volunteers:help_detail", args=["franztreff", help_world.help.request.pk])
    suggested = []
    for when in (
        {"date": None, "weekday": 0},  # weekly: today
        {"date": dt.date(2026, 12, 7), "weekday": None},  # ahead: today
        {"date": dt.date(2026, 11, 23), "weekday": None},  # past: the request's date
    ):
        _accept(help_world, **when)
        suggested.append(client.get(url).context["close_form"].initial["helped_on"])
    assert suggested == [TODAY, TODAY, dt.date(2026, 11, 23)]


def test_rows_of_minutes_add_up_to_the_total_in_hours_and_minutes(help_world, client_for):
    gerda = help_world.help.volunteer
    with scopes_disabled():
        seeker = help_world.help.seeker
        for day, minutes in [
            (dt.date(2026, 11, 2), 20),
            (dt.date(2026, 11, 9), 20),
            (dt.date(2026, 11, 16), 20),
            (dt.date(2026, 10, 5), 50),
        ]:
            HelpRequest.objects.create(
                treff=help_world.franztreff,
                seeker=seeker,
                kind="shopping",
                date=day,
                start=dt.time(10),
                end=dt.time(11),
                status="done",
                volunteer=gerda,
                minutes_spent=minutes,
                helped_on=day,
            )
        context = certificate_context(gerda, 2026)
    assert (context["months"], context["total"]) == (
        [(dt.date(2026, 10, 1), 50), (dt.date(2026, 11, 1), 60)],
        110,
    )
    lines = _pdf_lines(
        client_for("volunteer").get(
            reverse("volunteers:my_certificate", args=[2026]), HTTP_ACCEPT_LANGUAGE="en"
        )
    )
    assert [line for line in lines if line.startswith(("October", "November", "Total"))] == [
        "October 0 h 50 min",
        "November 1 h 00 min",
        "Total 1 h 50 min",
    ]
    overview = client_for("coordinator").get(
        reverse("volunteers:list", args=["franztreff"]), HTTP_ACCEPT_LANGUAGE="en"
    )
    # Bernd Bauer, Gerda Neumann, then the total: each once from minutes.
    assert re.findall(r">(\d+ h \d\d min)<", overview.content.decode()) == [
        "0 h 00 min",
        "1 h 50 min",
        "1 h 50 min",
    ]


def test_attended_shifts_until_midnight_count_their_full_length(help_world):
    gerda = help_world.help.volunteer
    with scopes_disabled():
        template = ShiftTemplate.objects.create(
            treff=help_world.franztreff,
            title="Spieleabend",
            kind="home_visit",
            weekdays=[4],
            start=dt.time(20),
            end=dt.time(0),
            starts_on=dt.date(2026, 11, 1),
            ends_on=dt.date(2026, 11, 30),
        )
        shift = Shift.objects.create(
            treff=help_world.franztreff,
            template=template,
            date=dt.date(2026, 11, 27),
            start=dt.time(20),
            end=dt.time(0),
        )
        ShiftSignup.objects.create(shift=shift, volunteer=gerda)
        context = certificate_context(gerda, 2026)
    assert (context["months"], context["total"]) == ([(dt.date(2026, 11, 1), 240)], 240)


def test_the_certificate_says_hours_as_a_duration_and_since_when_in_german(help_world, client_for):
    with scopes_disabled():
        Volunteer.objects.filter(pk=help_world.help.volunteer.pk).update(
            started_on=dt.date(2023, 3, 1)
        )
    lines = _pdf_lines(
        client_for("volunteer").get(reverse("volunteers:my_certificate", args=[2026]))
    )
    assert [line for line in lines if line.startswith("Monat")] == ["Monat Stunden"]
    assert [line for line in lines if "seit" in line] == [
        "Gerda Neumann engagiert sich seit dem 1. März 2023 ehrenamtlich bei uns. Im"
    ]


def test_finished_help_from_before_the_day_field_counts_on_its_date_or_closing_day(help_world):
    """The data migration: a dated request on its date, a weekly one on its (local) closing day."""
    migration = importlib.import_module(
        "treff.volunteers.migrations.0005_help_given_on_from_date_or_closing"
    )
    gerda = help_world.help.volunteer
    with scopes_disabled():
        dated = help_world.help.request
        weekly = HelpRequest.objects.create(
            treff=help_world.franztreff,
            seeker=help_world.help.seeker,
            kind="walk",
            weekday=2,
            start=dt.time(10),
            end=dt.time(11),
        )
        HelpRequest.objects.filter(pk=dated.pk).update(
            status="done",
            volunteer=gerda,
            date=dt.date(2026, 12, 30),
            closed_at=dt.datetime(2027, 1, 4, 9, tzinfo=BERLIN),
        )
        # 00:30 in Berlin on 1 January is still 31 December in UTC.
        HelpRequest.objects.filter(pk=weekly.pk).update(
            status="done", volunteer=gerda, closed_at=dt.datetime(2027, 1, 1, 0, 30, tzinfo=BERLIN)
        )
        migration.forwards(apps, None)
        days = dict(HelpRequest.objects.values_list("pk", "helped_on"))
    assert (days[dated.pk], days[weekly.pk]) == (dt.date(2026, 12, 30), dt.date(2027, 1, 1))
