"""Anonymous statistics: counts by month, topic and referral category, per Treff."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from treff.counselling import selectors
from treff.counselling.models import Topic


def test_counts_per_treff_month_topic_and_category(counselling):
    objects = counselling.counselling
    today = timezone.localdate()
    with scopes_disabled():
        franz, rossel = selectors.contact_statistics(
            [counselling.franztreff, counselling.rosseltreff],
            first=today - dt.timedelta(days=60),
            last=today,
        )
    months = {}
    for contact in (objects.contact, objects.anonymous_contact):
        key = contact.date.replace(day=1)
        months[key] = months.get(key, 0) + 1
    assert (franz.contacts, franz.minutes, franz.named) == (2, 65, 1)
    assert franz.by_month == sorted(months.items())
    assert {topic: n for topic, n in franz.by_topic if n} == {
        Topic.BENEFITS: 1,
        Topic.HOUSING: 1,
        Topic.DEBT: 1,
    }
    assert [topic for topic, _n in franz.by_topic] == list(Topic)
    assert franz.referrals_by_category == [("debt", 1)]
    assert (rossel.contacts, dict(rossel.by_topic)["work"], rossel.referrals_by_category) == (
        1,
        1,
        [],
    )


def test_the_period_limits_the_counts(counselling):
    today = timezone.localdate()
    with scopes_disabled():
        (franz,) = selectors.contact_statistics(
            [counselling.franztreff], first=today - dt.timedelta(days=3), last=today
        )
    assert (franz.contacts, franz.referrals_by_category) == (1, [])


def test_the_carrier_page_for_a_year(counselling, login):
    year = timezone.localdate().year
    response = login("carrier").get(
        reverse("counselling:statistics", args=["franztreff"]), {"year": str(year)}
    )
    assert (response.status_code, response.context["first"]) == (200, dt.date(year, 1, 1))
