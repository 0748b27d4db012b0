"""The nightly retention job: old client records are anonymised, the figures stay."""

import datetime as dt
import io

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scopes_disabled

from treff.audit.models import AuditEvent
from treff.counselling import selectors
from treff.counselling.models import Client, Contact, Note
from treff.treffs.models import Treff


def _age(world, *, months: int):
    """Move the Franztreff record and its contact `months` into the past."""
    objects = world.counselling
    then = timezone.localdate() - relativedelta(months=months)
    with scopes_disabled():
        Contact.objects.filter(pk=objects.contact.pk).update(date=then, follow_up_on=then)
        Client.objects.filter(pk=objects.client.pk).update(
            created_at=timezone.now() - relativedelta(months=months)
        )


def _run(*args) -> str:
    out = io.StringIO()
    call_command("counselling_retention", *args, stdout=out)
    return out.getvalue().strip()


def _figures():
    today = timezone.localdate()
    with scopes_disabled():
        stats = selectors.contact_statistics(
            Treff.objects.order_by("pk"), first=today - relativedelta(years=5), last=today
        )
    return [(s.contacts, s.minutes, s.by_month, s.by_topic, s.referrals_by_category) for s in stats]


def test_an_old_record_is_anonymised_and_a_recent_one_kept(counselling):
    objects = counselling.counselling
    _age(counselling, months=37)
    before = _figures()
    assert _run() == "1 client records anonymised."
    with scopes_disabled():
        remaining = list(Client.objects.values_list("pk", flat=True))
        contact = Contact.objects.get(pk=objects.contact.pk)
        notes = Note.objects.filter(contact=objects.contact).count()
        entry = AuditEvent.objects.filter(object_type="counselling.client").latest("pk")
    assert remaining == [objects.other_client.pk]
    assert (contact.client_id, notes) == (None, 0)
    assert (entry.kind, entry.object_id, entry.user_id) == ("expired", str(objects.client.pk), None)
    assert _figures() == before


def test_a_recent_contact_keeps_an_old_record(counselling):
    _age(counselling, months=37)
    with scopes_disabled():
        Contact.objects.create(
            treff=counselling.franztreff,
            date=timezone.localdate() - dt.timedelta(days=3),
            minutes=10,
            client=counselling.counselling.client,
        )
    assert _run() == "0 client records anonymised."


def test_a_record_without_contacts_counts_from_its_creation(counselling):
    with scopes_disabled():
        lonely = Client.objects.create(
            treff=counselling.franztreff,
            name="Frau Alt",
            consent_on=dt.date(2020, 1, 1),
            consent_scope="contact",
        )
        Client.objects.filter(pk=lonely.pk).update(
            created_at=timezone.now() - relativedelta(months=40)
        )
    assert _run() == "1 client records anonymised."
    with scopes_disabled():
        assert Client.objects.filter(pk=lonely.pk).exists() is False


def test_a_dry_run_changes_nothing(counselling):
    _age(counselling, months=37)
    with scopes_disabled():
        before = (Client.objects.count(), Note.objects.count(), AuditEvent.objects.count())
    assert _run("--dry-run") == "1 client records would be anonymised (dry run)."
    with scopes_disabled():
        after = (Client.objects.count(), Note.objects.count(), AuditEvent.objects.count())
    assert after == before


def test_the_period_comes_from_the_option_or_the_setting(counselling, settings):
    _age(counselling, months=13)
    assert _run() == "0 client records anonymised."  # default: 36 months
    settings.TREFF_COUNSELLING_RETENTION_MONTHS = 24
    assert _run("--dry-run") == "0 client records would be anonymised (dry run)."
    assert _run("--months", "12") == "1 client records anonymised."


def test_a_period_below_one_month_is_refused(counselling):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="at least 1"):
        _run("--months", "0")
