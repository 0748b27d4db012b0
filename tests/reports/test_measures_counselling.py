"""The counselling tables of /reports/: topic, duration, language, named, referrals.

The fixture's contacts, all in November 2026:

Franztreff   10 min German, anonymous, benefits + housing, referred to debt counselling
             20 min German, anonymous, debts
             45 min Ukrainian, named (client record), migration, referred to debt counselling
             90 min Arabic, anonymous, health
             15 min German, anonymous, benefits
             16 min German, anonymous, benefits
Rosseltreff  6 × 30 min German, anonymous, housing, referred to housing advice
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from treff.counselling.models import Client, Contact, ContactTopic
from treff.counselling.selectors import REFERRAL_CATEGORIES, Duration, contacts_by
from treff.partners.models import PartnerService
from treff.reports.build import build
from treff.reports.engine import Audience
from treff.reports.engine.periods import Period

URL = reverse("reports:report")
Q4 = {"period": "quarter", "day": "2026-11-30"}
NOVEMBER = Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
KEYS = [
    "topics",
    "counselling_duration",
    "counselling_language",
    "counselling_named",
    "counselling_referrals",
]
# Labels new in these tables, not yet translated: compared as the page shows them.
DURATIONS = [str(label) for label in Duration.labels]
NAMED, ANONYMOUS = str(_("with a client record (named)")), str(_("anonymous"))


@pytest.fixture
def contacts(world):
    franz, rossel = world.franztreff, world.rosseltreff
    with scopes_disabled():
        debt = PartnerService.objects.create(name="Schuldnerberatung", category="debt")
        housing = PartnerService.objects.create(name="Mieterberatung", category="housing")
        client = Client.objects.create(
            treff=franz,
            name="Erika Muster",
            consent_on=dt.date(2026, 11, 2),
            consent_scope="contact",
        )
        rows = [
            (franz, 10, "de", None, ["benefits", "housing"], debt),
            (franz, 20, "de", None, ["debt"], None),
            (franz, 45, "uk", client, ["migration"], debt),
            (franz, 90, "ar", None, ["health"], None),
            (franz, 15, "de", None, ["benefits"], None),
            (franz, 16, "de", None, ["benefits"], None),
            *[(rossel, 30, "de", None, ["housing"], housing)] * 6,
        ]
        for day, (treff, minutes, language, person, topics, referral) in enumerate(rows, 2):
            contact = Contact.objects.create(
                treff=treff,
                date=dt.date(2026, 11, day),
                minutes=minutes,
                language=language,
                client=person,
                referral=referral,
            )
            for topic in topics:
                ContactTopic.objects.create(contact=contact, topic=topic)
        # Outside the period: counted nowhere in November.
        Contact.objects.create(treff=franz, date=dt.date(2026, 10, 30), minutes=5)
    return world


def _sections(treffs, audience=Audience.OWN_TREFF, period=NOVEMBER):
    with scopes_disabled():
        areas = build(treffs, period, k=5, audience=audience, measures=KEYS)
    return {section.key: section for area in areas for section in area.sections}


def _values(section):
    return {str(label): [cell.value for cell in cells] for label, cells, _total in section.rows}


def _page_sections(response):
    return {section.key: section for area in response.context["areas"] for section in area.sections}


def test_contacts_by_topic_count_a_contact_under_each_topic(contacts):
    values = _values(_sections([contacts.franztreff, contacts.rosseltreff])["topics"])
    assert {label: counts for label, counts in values.items() if any(counts)} == {
        "Sozialleistungen / Bürgergeld": [3, 0],
        "Wohnen, Miete und Energie": [1, 6],
        "Schulden": [1, 0],
        "Migration und Aufenthalt": [1, 0],
        "Gesundheit und Pflege": [1, 0],
    }


def test_contacts_by_duration_with_both_ends_of_a_bucket_included(contacts):
    values = _values(_sections([contacts.franztreff, contacts.rosseltreff])["counselling_duration"])
    assert values == dict(zip(DURATIONS, [[2, 0], [2, 6], [1, 0], [1, 0]], strict=True))


def test_contacts_by_language_of_the_conversation(contacts):
    values = _values(_sections([contacts.franztreff, contacts.rosseltreff])["counselling_language"])
    assert values == {
        "Deutsch": [4, 6],
        "Englisch": [0, 0],
        "Ukrainisch": [1, 0],
        "Arabisch": [1, 0],
        "Russisch": [0, 0],
        "Türkisch": [0, 0],
        "Leichte Sprache": [0, 0],
        "Deutsche Gebärdensprache (DGS)": [0, 0],
    }


def test_named_and_anonymous_contacts(contacts):
    values = _values(_sections([contacts.franztreff, contacts.rosseltreff])["counselling_named"])
    assert values == {NAMED: [1, 0], ANONYMOUS: [5, 6]}


def test_referrals_by_the_partners_field(contacts):
    values = _values(
        _sections([contacts.franztreff, contacts.rosseltreff])["counselling_referrals"]
    )
    assert {label: counts for label, counts in values.items() if any(counts)} == {
        "Schuldnerberatung": [2, 0],
        "Wohnen, Miete und Energie": [0, 6],
    }
    assert list(values) == [str(label) for label in REFERRAL_CATEGORIES.labels]


def test_the_tables_that_split_each_contact_once_share_the_contact_count(contacts):
    sections = _sections([contacts.franztreff, contacts.rosseltreff])
    totals = {key: [c.value for c in sections[key].table.column_totals] for key in KEYS}
    assert totals == {
        "topics": [7, 6],
        "counselling_duration": [6, 6],
        "counselling_language": [6, 6],
        "counselling_named": [6, 6],
        "counselling_referrals": [2, 6],
    }
    assert [sections[key].measure.population for key in KEYS] == [
        None,
        "contacts",
        "contacts",
        "contacts",
        None,
    ]


def test_the_coordinator_sees_the_own_treffs_contacts_unsuppressed(contacts, client_for):
    sections = _page_sections(client_for("coordinator").get(URL, Q4))
    assert (
        _values(sections["counselling_named"]),
        _values(sections["counselling_duration"]),
        [sections[key].table.note for key in KEYS],
    ) == (
        {NAMED: [1], ANONYMOUS: [6]},  # the quarter has October's anonymous contact too
        dict(zip(DURATIONS, [[3], [2], [1], [1]], strict=True)),
        [None] * 5,
    )


def test_the_city_sees_no_small_count_of_any_counselling_table(contacts, client_for):
    quarter = Period(dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    true = _sections([contacts.franztreff, contacts.rosseltreff], period=quarter)
    city = _page_sections(client_for("city").get(URL, Q4))
    for key in KEYS:
        values = [cell.value for cell in _cells(true[key])]
        pairs = list(zip(values, _cells(city[key]), strict=True))
        assert [t for t, c in pairs if 0 < t < 5 and not c.hidden] == [], key
        assert [(t, c.value) for t, c in pairs if not c.hidden and c.value != t] == [], key
    named = _values(city["counselling_named"])
    assert (named[NAMED], city["counselling_named"].table.note is not None) == (
        [None, 0],
        True,
    )


def test_contacts_cannot_be_grouped_by_an_unknown_field(world):
    with scopes_disabled(), pytest.raises(ValueError, match="'counsellor'"):
        contacts_by([world.franztreff.pk], "counsellor", first=NOVEMBER.first, last=NOVEMBER.last)


def _cells(section):
    table = section.table
    return [
        *(cell for row in table.cells for cell in row),
        *table.row_totals,
        *table.column_totals,
        table.total,
    ]


def test_the_counselling_tables_read_a_fixed_number_of_queries_however_many_treffs(contacts):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import TreffFactory

    with scopes_disabled():
        more = [
            TreffFactory(name=f"Treff {n}", slug=f"treff-{n}", carrier=contacts.drk)
            for n in range(3)
        ]
        for treff in more:
            Contact.objects.create(treff=treff, date=dt.date(2026, 11, 20), minutes=30)
    treffs = [contacts.franztreff, contacts.rosseltreff]
    with CaptureQueriesContext(connection) as two:
        _sections(treffs, audience=Audience.CITY)
    with CaptureQueriesContext(connection) as five:
        sections = _sections([*treffs, *more], audience=Audience.CITY)
    # One grouped query per table and period (now, the one before, a year earlier).
    assert (len(sections["topics"].table.column_labels), len(two), len(five)) == (5, 15, 15)
