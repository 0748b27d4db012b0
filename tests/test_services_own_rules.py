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
            volunteer_services.request_intake(
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
