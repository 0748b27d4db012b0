"""Hours and the certificate of engagement (issue 10, item 6): hours count on the day the help
was given, rows add up to the total (minutes summed, turned into hours and minutes once), the
column says hours as a duration, and "volunteering since" is the first day of engagement."""

import datetime as dt
import importlib
import io
import re
from zoneinfo import ZoneInfo

from django.apps import apps
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation
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
    values = {"status": "accepted", **values}
    with scopes_disabled():
        HelpRequest.objects.filter(pk=help_world.help.request.pk).update(
            volunteer=help_world.help.volunteer, **values
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
    recorded_early = dt.datetime(2026, 11, 20, 9, tzinfo=BERLIN)
    suggested = []
    for when in (
        {"date": None, "weekday": 0},  # weekly: today
        {"date": dt.date(2026, 12, 7), "weekday": None},  # ahead: today
        # past: the request's date …
        {"date": dt.date(2026, 11, 23), "weekday": None, "created_at": recorded_early},
        # … but not before the day it was recorded (taken after the agreed day had passed)
        {"date": dt.date(2026, 11, 18), "weekday": None, "created_at": recorded_early},
    ):
        _accept(help_world, **when)
        suggested.append(client.get(url).context["close_form"].initial["helped_on"])
    assert suggested == [TODAY, TODAY, dt.date(2026, 11, 23), dt.date(2026, 11, 20)]


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
    _accept(help_world, status="done", helped_on=TODAY, minutes_spent=45)
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


# The day the help was given (follow-up of issue 10, item 11) ---------------------------------


def _close(client, help_world, day: str, **extra):
    url = reverse("volunteers:help_detail", args=["franztreff", help_world.help.request.pk])
    data = {"action": "done", "helped_on": day, "minutes_spent": "90"}
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE="en", **extra)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_help_cannot_have_been_given_before_the_request_was_recorded(help_world, client_for):
    """The tester's request 31: recorded on 30.11.2026 for 09.12.2026, closed as given on 29.11."""
    _accept(help_world, date=dt.date(2026, 12, 9))
    response = _close(client_for("coordinator"), help_world, "2026-11-29")
    assert response.status_code == 200
    assert response.context["close_form"].errors == {
        "helped_on": [
            "The help cannot have been given before the request was recorded on 30/11/2026."
        ]
    }
    with scopes_disabled():
        request = HelpRequest.objects.get(pk=help_world.help.request.pk)
    assert (request.status, request.helped_on, request.minutes_spent) == ("accepted", None, None)


def test_closing_before_the_agreed_day_is_taken_and_said(help_world, client_for):
    """Help may come earlier than agreed; the hint says so before, a warning after closing."""
    _accept(help_world, date=dt.date(2026, 12, 9))
    client = client_for("coordinator")
    url = reverse("volunteers:help_detail", args=["franztreff", help_world.help.request.pk])
    form = client.get(url, HTTP_ACCEPT_LANGUAGE="en").context["close_form"]
    assert (form.initial, str(form.fields["helped_on"].help_text)) == (
        {"helped_on": TODAY},
        "Hours count in the year and month of this day. The agreed day, 09/12/2026, is still "
        "ahead: if the help has already been given, enter the day it was given.",
    )
    response = _close(client, help_world, "2026-11-30")
    assert response.status_code == 302
    assert _messages(response) == [
        "The request has been updated.",
        "The help was given on 30/11/2026, not on the agreed day 09/12/2026; its hours count "
        "on 30/11/2026. If that is wrong, correct the day under “Correct the request”.",
    ]
    with scopes_disabled():
        request = HelpRequest.objects.get(pk=help_world.help.request.pk)
    assert (request.status, request.helped_on, request.minutes_spent) == (
        "done",
        dt.date(2026, 11, 30),
        90,
    )


def test_closing_on_the_agreed_day_says_nothing_more(help_world, client_for, clock):
    _accept(help_world, date=dt.date(2026, 12, 9))
    clock.move_to(dt.datetime(2026, 12, 10, 9, 0, tzinfo=BERLIN))
    client = client_for("coordinator")
    url = reverse("volunteers:help_detail", args=["franztreff", help_world.help.request.pk])
    form = client.get(url, HTTP_ACCEPT_LANGUAGE="en").context["close_form"]
    assert (form.initial, str(form.fields["helped_on"].help_text)) == (
        {"helped_on": dt.date(2026, 12, 9)},
        "Hours count in the year and month of this day.",
    )
    assert _messages(_close(client, help_world, "2026-12-09")) == ["The request has been updated."]


def test_a_correction_cannot_move_the_help_before_the_request_was_recorded(help_world, client_for):
    _accept(
        help_world,
        status="done",
        date=dt.date(2026, 12, 9),
        helped_on=TODAY,
        minutes_spent=60,
        closed_at=timezone.now(),
    )
    request = help_world.help.request
    data = {
        "seeker-name": "Frau Albrecht",
        "seeker-phone": "0340 123456",
        "seeker-address": "",
        "seeker-district": "sued_innenstadt",
        "seeker-language": "de",
        "seeker-special_needs": "",
        "seeker-channel": "phone",
        "seeker-consent": "on",
        "request-kind": "shopping",
        "request-date": "2026-12-09",
        "request-weekday": "",
        "request-start": "10:00",
        "request-end": "11:00",
        "request-urgency": "2",
        "request-prefers_gender": "",
        "request-notes": "",
        "request-helped_on": "2026-11-29",
        "request-minutes_spent": "60",
    }
    response = client_for("coordinator").post(
        reverse("volunteers:help_edit", args=["franztreff", request.pk]),
        data,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert response.context["request_form"].errors == {
        "helped_on": [
            "The help cannot have been given before the request was recorded on 30/11/2026."
        ]
    }
    with scopes_disabled():
        assert HelpRequest.objects.get(pk=request.pk).helped_on == TODAY


# What the certificate names (follow-up of issue 10, item 12) ---------------------------------


def _done(help_world, kind: str, day: dt.date, minutes: int | None = 60) -> None:
    HelpRequest.objects.create(
        treff=help_world.franztreff,
        seeker=help_world.help.seeker,
        kind=kind,
        date=day,
        start=dt.time(10),
        end=dt.time(11),
        status="done",
        volunteer=help_world.help.volunteer,
        minutes_spent=minutes,
        helped_on=day,
    )


def _attended(help_world, kind: str, title: str, day: dt.date, *, attended=True, cancelled=False):
    template = ShiftTemplate.objects.create(
        treff=help_world.franztreff,
        title=title,
        kind=kind,
        weekdays=[day.weekday()],
        start=dt.time(10, 30),
        end=dt.time(13, 30),
        starts_on=day,
        ends_on=day,
    )
    shift = Shift.objects.create(
        treff=help_world.franztreff,
        template=template,
        date=day,
        start=template.start,
        end=template.end,
    )
    ShiftSignup.objects.create(
        shift=shift,
        volunteer=help_world.help.volunteer,
        attended=attended,
        cancelled_at=timezone.now() if cancelled else None,
    )


def test_the_certificate_names_the_help_given_that_year_not_the_profile(help_world, client_for):
    """Gerda offers shopping and reading; in 2026 she went for walks and served lunch."""
    with scopes_disabled():
        _done(help_world, "walk", dt.date(2026, 11, 2))
        _done(help_world, "reading", dt.date(2025, 12, 29))  # another year
        _done(help_world, "home_visit", dt.date(2026, 11, 9), minutes=None)  # no minutes noted
        _attended(help_world, "lunch", "Mittagstisch-Ausgabe", dt.date(2026, 11, 4))
        _attended(help_world, "clothing", "Kleiderkammer", dt.date(2026, 11, 5), attended=False)
        _attended(help_world, "clothing", "Kleiderkammer", dt.date(2026, 11, 6), cancelled=True)
        with translation.override("en"):
            kinds = certificate_context(help_world.help.volunteer, 2026)["kinds"]
            assert [str(kind) for kind in kinds] == [
                "Going for walks",
                "Company and home visits",
                "Serving at the lunch table",
            ]
    lines = _pdf_lines(
        client_for("volunteer").get(
            reverse("volunteers:my_certificate", args=[2026]), HTTP_ACCEPT_LANGUAGE="en"
        )
    )
    comprised = lines.index("engagement comprised:")
    assert (
        lines[comprised + 1]
        == "Going for walks, Company and home visits, Serving at the lunch table"
    )
    assert [line for line in lines if line.startswith(("November", "Total"))] == [
        "November 4 h 00 min",
        "Total 4 h 00 min",
    ]


def test_a_year_without_engagement_has_no_certificate_only_a_plain_statement(
    help_world, client_for
):
    """Bernd has given no help and attended no shift: the pages offer no certificate, and its
    address answers a PDF that says so, with no hours, no thanks and no signature."""
    bernd = help_world.help.other_volunteer
    coordinator = client_for("coordinator")
    lines = _pdf_lines(
        coordinator.get(
            reverse("volunteers:certificate", args=["franztreff", bernd.pk, 2026]),
            HTTP_ACCEPT_LANGUAGE="en",
        )
    )
    assert lines[0] == "No engagement recorded"
    text = " ".join(lines)
    assert (
        "For 2026, no help given and no shift attended by Bernd Bauer has been recorded with us. "
        "A certificate of volunteering is issued for a year with engagement."
    ) in text
    assert [line for line in lines if line.startswith(("Total", "We thank", "Coordination"))] == []
    listing = coordinator.get(reverse("volunteers:list", args=["franztreff"]))
    assert [
        (str(v), certificate) for v, _minutes, certificate in listing.context["volunteers"]
    ] == [
        ("Bernd Bauer", False),
        ("Gerda Neumann", False),
    ]
    assert re.findall(r"/certificate/\d+\.pdf", listing.content.decode()) == []
    own = client_for("volunteer").get(reverse("volunteers:me"), HTTP_ACCEPT_LANGUAGE="en")
    assert own.context["certificate_years"] == []
    assert (
        own.content.decode().count(
            "No help given and no shift attended has been recorded for 2026 yet, so there is no "
            "certificate of volunteering for this year."
        )
        == 1
    )


def test_the_pages_offer_the_certificates_of_years_with_engagement(help_world, client_for, clock):
    """In January, last year's certificate is the one people ask for."""
    with scopes_disabled():
        _done(help_world, "walk", dt.date(2026, 12, 14))
    clock.move_to(dt.datetime(2027, 1, 8, 9, 0, tzinfo=BERLIN))
    own = client_for("volunteer").get(reverse("volunteers:me"))
    assert own.context["certificate_years"] == [2026]
    assert re.findall(r'href="(/me/volunteering/certificate/\d+\.pdf)"', own.content.decode()) == [
        "/me/volunteering/certificate/2026.pdf"
    ]
    clock.move_to(dt.datetime(2026, 12, 15, 9, 0, tzinfo=BERLIN))
    listing = client_for("coordinator").get(reverse("volunteers:list", args=["franztreff"]))
    assert re.findall(r'href="([^"]+/certificate/\d+\.pdf)"', listing.content.decode()) == [
        f"/treffs/franztreff/volunteers/{help_world.help.volunteer.pk}/certificate/2026.pdf"
    ]


def test_closing_after_the_agreed_day_names_both_days(help_world, client_for, clock):
    _accept(help_world, date=dt.date(2026, 12, 9))
    clock.move_to(dt.datetime(2026, 12, 14, 9, 0, tzinfo=BERLIN))
    response = _close(client_for("coordinator"), help_world, "2026-12-11")
    assert _messages(response) == [
        "The request has been updated.",
        "The help was given on 11/12/2026, not on the agreed day 09/12/2026; its hours count "
        "on 11/12/2026. If that is wrong, correct the day under “Correct the request”.",
    ]
