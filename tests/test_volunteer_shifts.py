"""Shifts for Treff services, "my shifts", hours and the certificate of engagement."""

import datetime as dt
import io

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from pypdf import PdfReader

from treff.volunteers import services_shifts as services
from treff.volunteers.models import HelpRequest, Shift, ShiftSignup, ShiftTemplate


def _template(world, **overrides):
    today = timezone.localdate()
    values = {
        "title": "Mittagstisch-Ausgabe",
        "kind": "lunch",
        "weekdays": [0, 2, 4],
        "start": dt.time(10, 30),
        "end": dt.time(13, 30),
        "min_volunteers": 2,
        "max_volunteers": 2,
        "starts_on": today - dt.timedelta(days=14),
        "ends_on": today + dt.timedelta(days=28),
    }
    values.update(overrides)
    with scopes_disabled():
        return services.shift_template_save(
            template=ShiftTemplate(**values),
            treff=world.franztreff,
            user=world.users["coordinator"],
        )


def test_a_template_lays_out_shifts_on_its_weekdays_without_holidays(help_world):
    template = _template(
        help_world, starts_on=dt.date(2026, 12, 21), ends_on=dt.date(2027, 1, 1), weekdays=[4]
    )
    with scopes_disabled():
        dates = list(template.shifts.values_list("date", flat=True))
    assert dates == []  # 25 December and 1 January are holidays


def test_a_volunteer_signs_up_and_cancels_and_a_full_shift_refuses(help_world, client_for):
    template = _template(help_world)
    today = timezone.localdate()
    with scopes_disabled():
        shift = template.shifts.filter(date__gt=today).first()
        services.shift_sign_up(
            shift=shift,
            volunteer=help_world.help.other_volunteer,
            user=help_world.users["coordinator"],
        )
    client = client_for("volunteer")
    client.post(reverse("volunteers:shift_toggle", args=[shift.pk]))
    with scopes_disabled():
        assert shift.signups.filter(cancelled_at__isnull=True).count() == 2
    page = client.get(reverse("volunteers:my_shifts"))
    assert [(s.pk, bool(mine)) for s, mine in page.context["rows"] if s.pk == shift.pk] == [
        (shift.pk, True)
    ]
    client.post(reverse("volunteers:shift_toggle", args=[shift.pk]))  # cancel
    with scopes_disabled():
        assert shift.signups.filter(cancelled_at__isnull=True).count() == 1
        services.shift_sign_up(
            shift=shift, volunteer=help_world.help.volunteer, user=help_world.users["volunteer"]
        )
        third = help_world.franztreff.volunteers.create(
            first_name="Dritte", last_name="Person", help_kinds=["lunch"], district="mitte"
        )
        try:
            services.shift_sign_up(
                shift=shift, volunteer=third, user=help_world.users["coordinator"]
            )
        except services.ValidationError as error:
            messages = error.messages
    assert messages == ["Diese Schicht ist voll."]


def test_understaffed_shifts_are_flagged(help_world, client_for):
    _template(help_world)
    page = client_for("coordinator").get(reverse("volunteers:shifts", args=["franztreff"]))
    assert page.context["understaffed"] == len(page.context["shifts"])
    assert page.context["understaffed"] > 0


def test_reminders_go_out_once_for_tomorrows_shifts(help_world, django_capture_on_commit_callbacks):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    template = _template(help_world, weekdays=[tomorrow.weekday()])
    with scopes_disabled():
        shift = Shift.objects.get(template=template, date=tomorrow)
        ShiftSignup.objects.create(shift=shift, volunteer=help_world.help.volunteer)
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_shift_reminders", stdout=out)
        call_command("send_shift_reminders", stdout=out)
    assert out.getvalue().splitlines() == ["1 reminders queued.", "0 reminders queued."]
    assert [m.to for m in mail.outbox] == [["gerda@example.org"]]


def test_the_certificate_counts_finished_help_and_attended_shifts(help_world, client_for):
    template = _template(help_world, starts_on=dt.date(2026, 11, 2), ends_on=dt.date(2026, 11, 27))
    with scopes_disabled():
        past = template.shifts.get(date=dt.date(2026, 11, 4))
        ShiftSignup.objects.create(shift=past, volunteer=help_world.help.volunteer)
        HelpRequest.objects.filter(pk=help_world.help.request.pk).update(
            status="done",
            volunteer=help_world.help.volunteer,
            minutes_spent=90,
            helped_on=dt.date(2026, 11, 16),
            closed_at=timezone.now(),
        )
    response = client_for("volunteer").get(
        reverse("volunteers:my_certificate", args=[2026]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response["Content-Type"] == "application/pdf"
    lines = PdfReader(io.BytesIO(response.content)).pages[0].extract_text().splitlines()
    # A 3 h shift and 1 h 30 min of help: 4 h 30 min, not rounded.
    assert [line for line in lines if line.startswith(("November", "Total"))] == [
        "November 4 h 30 min",
        "Total 4 h 30 min",
    ]
    assert lines[0] == "Certificate of volunteering"
