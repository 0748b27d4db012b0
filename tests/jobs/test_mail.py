"""E-mail through the task layer (treff/jobs/mail.py): rendered now, queued with the
transaction, sent by a worker, retried, and after the last try shown to the coordinators."""

import datetime as dt
import logging

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django_scopes import scopes_disabled

from treff.jobs import mail as jobs_mail
from treff.jobs.models import MailFailure
from treff.offers.models import BookingRequest
from treff.treffs.models import Treff

TEMPLATE = "offers/mail/request_received"
UNREACHABLE = "tests.mail_backends.Unreachable"


def _context():
    # Unsaved rows: the helper renders whatever it is given and reads nothing itself.
    booking_request = BookingRequest(
        title="Schuldnerberatung",
        treff=Treff(name="Franztreff"),
        kind="single",
        starts_on=dt.date(2026, 12, 8),
        ends_on=dt.date(2026, 12, 8),
        start_time=dt.time(10),
        end_time=dt.time(12),
    )
    return {"booking_request": booking_request}


@pytest.mark.django_db(transaction=True)
def test_a_mail_goes_out_only_after_commit_once_per_address_in_the_order_given(world):
    treff_id = world.franztreff.pk
    with transaction.atomic():
        count = jobs_mail.queue_mail(
            TEMPLATE,
            _context(),
            ["b@example.org", "", "a@example.org", "b@example.org"],
            treff_id=treff_id,
        )
        assert mail.outbox == []
    assert count == 2
    assert [message.to for message in mail.outbox] == [["b@example.org", "a@example.org"]]


@pytest.mark.django_db(transaction=True)
def test_no_mail_after_a_rollback(world):
    def write_and_fail():
        with transaction.atomic():
            jobs_mail.queue_mail(
                TEMPLATE, _context(), ["a@example.org"], treff_id=world.franztreff.pk
            )
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_and_fail()
    assert mail.outbox == []


def test_no_address_no_mail(world):
    assert jobs_mail.queue_mail(TEMPLATE, _context(), ["", ""], treff_id=world.franztreff.pk) == 0


@pytest.mark.django_db(transaction=True)
def test_the_log_names_the_template_and_count_never_an_address(world, caplog):
    with caplog.at_level(logging.INFO, logger="treff.mail"):
        jobs_mail.queue_mail(TEMPLATE, _context(), ["a@example.org"], treff_id=world.franztreff.pk)
    assert [record.getMessage() for record in caplog.records] == [
        "mail queued: template=offers/mail/request_received recipients=1",
        f"mail sent: treff={world.franztreff.pk} recipients=1 attempt=1",
    ]


def test_the_recipients_language_is_used_when_known():
    english = jobs_mail.render(TEMPLATE, _context(), language="en")
    german = jobs_mail.render(TEMPLATE, _context())
    assert english[0] != german[0]


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_that_does_not_answer_is_tried_five_times_then_shown(world, settings, caplog):
    settings.EMAIL_BACKEND = UNREACHABLE
    treff_id = world.franztreff.pk
    with caplog.at_level(logging.WARNING, logger="treff.mail"):
        result = jobs_mail.send_mail.enqueue(treff_id, "Betreff", "Text", ["a@example.org"])
    with scopes_disabled():
        failures = list(MailFailure.objects.values_list("treff_id", "subject", "attempts"))
        recipients = MailFailure.objects.get().recipients
    assert result.return_value == "retrying"
    assert failures == [(treff_id, "Betreff", 5)]
    assert recipients == ["a@example.org"]
    assert [record.getMessage() for record in caplog.records] == [
        *(
            f"mail not sent, retrying: treff={treff_id} attempt={n} error=ConnectionRefusedError"
            for n in range(1, 5)
        ),
        f"mail failed after 5 attempts: treff={treff_id} recipients=1 error=ConnectionRefusedError",
    ]
    assert "a@example.org" not in caplog.text


@pytest.mark.django_db(transaction=True)
def test_a_mail_for_a_treff_that_is_gone_ends_quietly_with_its_id(caplog):
    with caplog.at_level(logging.WARNING, logger="treff.tasks"):
        result = jobs_mail.send_mail.enqueue(987654, "Betreff", "Text", ["a@example.org"])
    assert result.return_value is None
    assert mail.outbox == []
    assert [record.getMessage() for record in caplog.records] == [
        "task send_mail skipped: treff=987654 is gone"
    ]


@pytest.mark.django_db(transaction=True)
def test_a_booking_request_is_saved_and_its_unsent_mail_shown_to_the_coordinator(
    world, settings, client_for
):
    """The mail server is down: the request is saved, the user sees success, and after the
    last try the coordinators (only of this Treff) see which mail did not go out."""
    settings.EMAIL_BACKEND = UNREACHABLE
    with scopes_disabled():
        world.users["coordinator"].email = "koordination@example.org"
        world.users["coordinator"].save()
    data = {
        "title": "Schuldnerberatung",
        "category": "visiting_counselling",
        "room_kind": "visit_counselling",
        "kind": "weekly",
        "interval": "2",
        "weekdays": ["1"],
        "starts_on": "2027-01-05",
        "ends_on": "2027-06-29",
        "start_time": "10:00",
        "end_time": "12:00",
        "message": "",
    }
    response = client_for("counsellor").post(
        reverse("offers:booking_request_create", args=["franztreff"]), data
    )
    with scopes_disabled():
        saved = BookingRequest.objects.count()
        failures = list(MailFailure.objects.values_list("treff__slug", "attempts"))
    own = client_for("coordinator").get("/dashboard/")
    other = client_for("outsider").get("/dashboard/")
    assert (response.status_code, saved, failures) == (302, 1, [("franztreff", 5)])
    assert [(f.subject, f.recipients) for f in own.context["mail_failures"]] == [
        ("Neue Buchungsanfrage: Schuldnerberatung im Franztreff", ["koordination@example.org"])
    ]
    assert "Neue Buchungsanfrage" in own.content.decode()
    assert other.context.get("mail_failures", []) == []
