"""Services refuse what their forms refuse, by field and with the same message (issue 11).

Each test calls a service directly, as a management command, a task or another service
would, with input its form would never let through.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled

from tests.conftest import TODAY
from treff.offers import plans
from treff.offers import services as offer_services
from treff.offers.models import Offer
from treff.partners import services as partner_services
from treff.partners.models import PartnerService
from treff.volunteers import services as volunteer_services
from treff.volunteers.models import HelpRequest, HelpSeeker


def test_returning_a_plan_without_comments_is_refused_by_the_service(plan_world):
    plan = plan_world.plan.plan_version
    with scopes_disabled():
        plans.plan_submit(plan=plan, user=plan_world.users["coordinator"])
        with pytest.raises(ValidationError) as refused:
            plans.plan_decide(
                plan=plan, approve=False, comments="  ", user=plan_world.users["city"]
            )
        plan.refresh_from_db()
    assert refused.value.message_dict == {
        "comments": ["Sagen Sie, was sich ändern soll, wenn Sie einen Plan zurückgeben."]
    }
    assert plan.status == "submitted"


def test_a_public_request_without_consent_is_refused_by_the_service(help_world):
    data = {
        "name": "Frau Czech",
        "phone": "0340 111222",
        "district": "mitte",
        "kind": "walk",
        "date": TODAY,
        "start": dt.time(14),
        "end": dt.time(15),
        "language": "de",
        "notes": "",
        "consent": False,
        "key": "c" * 32,
    }
    with scopes_disabled():
        with pytest.raises(ValidationError) as refused:
            volunteer_services.public_request_submit(treff=help_world.franztreff, data=data)
        stored = HelpRequest.objects.filter(submission_key="c" * 32).exists()
    assert refused.value.message_dict == {
        "consent": [
            "Ohne Ihre Einwilligung können wir Ihre Anfrage nicht an Ehrenamtliche weitergeben."
        ]
    }
    assert stored is False


def test_a_request_without_date_or_weekday_is_refused_on_date_by_the_service(help_world):
    with scopes_disabled():
        with pytest.raises(ValidationError) as refused:
            volunteer_services.help_request_intake(
                seeker=HelpSeeker(name="Herr Brandt", district="mitte", channel="phone"),
                help_request=HelpRequest(kind="walk", start=dt.time(10), end=dt.time(11)),
                consent=True,
                treff=help_world.franztreff,
                user=help_world.users["coordinator"],
            )
        count = HelpRequest.objects.count()
    assert refused.value.message_dict == {
        "date": ["Geben Sie ein Datum an oder einen Wochentag für wöchentliche Hilfe."]
    }
    assert count == 1  # the fixture's


def test_declining_a_booking_request_without_reason_is_refused_by_the_service(plan_world):
    booking_request = plan_world.plan.booking_request
    with scopes_disabled():
        with pytest.raises(ValidationError) as refused:
            offer_services.booking_request_decline(
                booking_request=booking_request, reason=" ", user=plan_world.users["coordinator"]
            )
        booking_request.refresh_from_db()
    assert refused.value.message_dict == {"reason": ["Dieses Feld ist zwingend erforderlich."]}
    assert booking_request.status == "pending"


@pytest.mark.parametrize("languages", [["de", "xx"], "de", [1]])
def test_offers_and_partner_services_refuse_unknown_languages(world, languages):
    """The forms offer only the list; stored directly, a list of codes is checked too."""
    with scopes_disabled():
        offer = Offer(
            treff=world.franztreff,
            title="Sprachcafé",
            category="crisis",
            provider=world.drk,
            languages=languages,
        )
        with pytest.raises(ValidationError) as offer_refused:
            offer_services.offer_save(
                offer=offer, treff=world.franztreff, user=world.users["coordinator"]
            )
        entry = PartnerService(name="Schuldnerberatung", category="debt", languages=languages)
        with pytest.raises(ValidationError) as entry_refused:
            partner_services.partner_service_save(entry=entry, user=world.users["city"])
    expected = (
        ["Unbekannte Sprache: xx."]
        if languages == ["de", "xx"]
        else ["Wählen Sie Sprachen aus der Liste."]
    )
    assert offer_refused.value.message_dict["languages"] == expected
    assert entry_refused.value.message_dict["languages"] == expected
