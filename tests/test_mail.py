"""The one e-mail helper (treff/core/mail.py): after commit, each address once, none logged."""

import datetime as dt
import logging

import pytest
from django.core import mail
from django.db import transaction

from treff.core.mail import send_now, send_on_commit
from treff.offers.models import BookingRequest
from treff.treffs.models import Treff

TEMPLATE = "offers/mail/request_received"


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
def test_a_mail_goes_out_only_after_commit_once_per_address_in_the_order_given():
    with transaction.atomic():
        send_on_commit(
            TEMPLATE, _context(), ["b@example.org", "", "a@example.org", "b@example.org"]
        )
        assert mail.outbox == []
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["b@example.org", "a@example.org"]


@pytest.mark.django_db(transaction=True)
def test_no_mail_after_a_rollback():
    def write_and_fail():
        with transaction.atomic():
            send_on_commit(TEMPLATE, _context(), ["a@example.org"])
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_and_fail()
    assert mail.outbox == []


def test_no_address_no_mail():
    assert send_now(TEMPLATE, _context(), ["", ""]) == 0
    assert mail.outbox == []


def test_the_log_names_the_template_and_count_never_an_address(caplog):
    with caplog.at_level(logging.INFO, logger="treff.mail"):
        assert send_now(TEMPLATE, _context(), ["a@example.org"]) == 1
    assert [record.getMessage() for record in caplog.records] == [
        "mail sent: template=offers/mail/request_received recipients=1"
    ]


def test_the_recipients_language_is_used_when_known():
    send_now(TEMPLATE, _context(), ["a@example.org"], language="en")
    send_now(TEMPLATE, _context(), ["a@example.org"])
    english, german = mail.outbox
    assert english.subject != german.subject
