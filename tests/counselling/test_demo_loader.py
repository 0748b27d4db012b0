"""The counselling demo: about three months of history, deterministic and idempotent."""

import datetime as dt
import io

import pytest
from django.core import serializers
from django.core.management import call_command
from django_scopes import scopes_disabled

from treff.counselling import selectors
from treff.counselling.models import Client, Contact, ContactTopic, Note
from treff.demo.counselling_loader import demo_counselling_load
from treff.partners.models import PartnerService
from treff.treffs.models import Treff

# load_demo loads the history up to the pinned today; a module-level timezone.localdate()
# ran at collection, before the clock was pinned, and so was the real date.
from ..conftest import TODAY

pytestmark = pytest.mark.django_db
MODELS = [Client, Contact, ContactTopic, Note]


def _snapshot():
    with scopes_disabled():
        return {
            m.__name__: serializers.serialize("json", m.objects.order_by("pk"), fields=["pk"])
            for m in MODELS
        }


@pytest.fixture
def demo(settings):
    settings.DEMO_MODE = True
    call_command("load_demo", stdout=io.StringIO())
    with scopes_disabled():
        for name, category in [("Schuldnerberatung", "debt"), ("Wohngeldstelle", "housing")]:
            PartnerService.objects.get_or_create(name=name, defaults={"category": category})


def test_the_demo_has_weeks_of_mostly_anonymous_contacts_in_both_treffs(demo):
    with scopes_disabled():
        created = Contact.objects.count()
        treffs = list(Treff.objects.filter(slug__in=["franztreff", "rosseltreff"]).order_by("slug"))
        stats = selectors.contact_statistics(
            treffs, first=TODAY - dt.timedelta(days=91), last=TODAY
        )
        per_week = [s.contacts / 13 for s in stats]
        named = [s.named / s.contacts for s in stats]
        referrals = sum(n for s in stats for _c, n in s.referrals_by_category)
        due = Contact.objects.filter(follow_up_on__lte=TODAY, follow_up_done=False).count()
        notes = Note.objects.count()
    assert created == sum(s.contacts for s in stats)
    assert all(6 <= n <= 15 for n in per_week)
    assert all(share < 0.3 for share in named)
    assert referrals >= 5
    assert due >= 2
    assert notes >= 4


def test_a_second_run_changes_nothing(demo):
    first = _snapshot()
    assert demo_counselling_load(TODAY) == 0
    assert _snapshot() == first
