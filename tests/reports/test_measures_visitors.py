"""The visitors' tables of /reports/: per offer, weekday, hour, drop-in vs offers, buckets.

The fixture counts visitors in November 2026 (the tests' clock stands on Monday 30 Nov
2026, 10:00), through the tally services as the tally page does:

Franztreff   Seniorencafé, Mon 23 Nov 14:30: 6 taps, one subtracted again → 5
             drop-in Mon 30 Nov (today): 7 taps at 10:00, 4 of them with details
             drop-in Tue 24 Nov: 2 taps entered today (no time of day)
             "Alter Kurs", Thu 5 Nov, series deleted: 4 (no time of day)
Rosseltreff  Gartengruppe, Wed 25 Nov 16:00: 8 taps
             drop-in Mon 30 Nov: 20 taps at 10:00, 5 of them with details
"""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from treff.offers import services as offer_services
from treff.offers.models import Occurrence, Offer, Series
from treff.operations import services
from treff.operations.models import Tally, TallyEvent
from treff.reports.build import build
from treff.reports.engine import Audience
from treff.reports.engine.periods import Period
from treff.reports.measures.visitors import NO_TIME_LABEL

URL = reverse("reports:report")
# Labels new in this table, not yet translated: compared as the page shows them.
NO_TIME = str(NO_TIME_LABEL)
OFFERS = str(_("offers"))
Q4 = {"period": "quarter", "day": "2026-11-30"}
NOVEMBER = Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
KEYS = [
    "visitors",
    "visitors_offer",
    "visitors_drop_in",
    "visitors_weekday",
    "visitors_hour",
    "visitors_age_group",
    "visitors_gender",
    "visitors_first_visit",
    "visitors_language",
]


def _weekly(offer, room, weekday, start, user):
    series = offer_services.series_save(
        series=Series(
            offer=offer,
            kind="weekly",
            weekdays=[weekday],
            starts_on=dt.date(2026, 11, 2),
            ends_on=dt.date(2026, 12, 31),
            start_time=start,
            end_time=dt.time(start.hour + 2),
            room=room,
        ),
        user=user,
    )
    return series


def _taps(treff, day, count, user, occurrence=None, **buckets):
    for _tap in range(count):
        services.tally_tap(
            treff=treff,
            day=day,
            occurrence=occurrence,
            key=uuid.uuid4(),
            buckets=buckets,
            user=user,
        )


@pytest.fixture
def tallies(world):
    franz, rossel = world.franztreff, world.rosseltreff
    coordinator, outsider = world.users["coordinator"], world.users["outsider"]
    with scopes_disabled():
        cafe = offer_services.offer_save(
            offer=Offer(title="Seniorencafé", category="leisure", provider=world.drk),
            treff=franz,
            user=coordinator,
        )
        garden = offer_services.offer_save(
            offer=Offer(title="Gartengruppe", category="leisure", provider=world.awo),
            treff=rossel,
            user=outsider,
        )
        cafe_series = _weekly(cafe, world.room, 0, dt.time(14, 30), coordinator)
        garden_series = _weekly(garden, world.other_room, 2, dt.time(16), outsider)
        cafe_23 = Occurrence.objects.get(series=cafe_series, original_date=dt.date(2026, 11, 23))
        garden_25 = Occurrence.objects.get(
            series=garden_series, original_date=dt.date(2026, 11, 25)
        )
        monday, tuesday = dt.date(2026, 11, 30), dt.date(2026, 11, 24)
        _taps(franz, cafe_23.original_date, 6, coordinator, cafe_23)
        services.tally_correct(
            treff=franz,
            day=cafe_23.original_date,
            occurrence=cafe_23,
            key=uuid.uuid4(),
            reason="doppelt gezählt",
            user=coordinator,
        )
        _taps(franz, monday, 3, coordinator)
        details = {"age_group": "65", "gender": "female", "visit": "first", "language": "de"}
        _taps(franz, monday, 3, coordinator, **details)
        _taps(franz, monday, 1, coordinator, age_group="u18", language="uk")
        _taps(franz, tuesday, 2, coordinator)
        gone = Tally.objects.create(
            treff=franz,
            kind="occurrence",
            date=dt.date(2026, 11, 5),
            category="information",
            title="Alter Kurs",
        )
        TallyEvent.objects.bulk_create(
            TallyEvent(treff=franz, tally=gone, key=uuid.uuid4(), delta=1) for _ in range(4)
        )
        _taps(rossel, garden_25.original_date, 8, outsider, garden_25)
        _taps(rossel, monday, 15, outsider)
        _taps(
            rossel,
            monday,
            5,
            outsider,
            age_group="28_64",
            gender="male",
            visit="returning",
            language="ar",
        )
    return world


def _sections(treffs, audience=Audience.OWN_TREFF, period=NOVEMBER):
    with scopes_disabled():
        areas = build(treffs, period, k=5, audience=audience, measures=KEYS)
    return {section.key: section for area in areas for section in area.sections}


def _values(section):
    """{row label: [value per Treff]} of a section as published."""
    return {str(label): [cell.value for cell in cells] for label, cells, _total in section.rows}


def _page_sections(response):
    return {section.key: section for area in response.context["areas"] for section in area.sections}


def test_visitors_per_offer_with_the_drop_in_hours_as_their_own_row(tallies):
    sections = _sections([tallies.franztreff, tallies.rosseltreff])
    assert _values(sections["visitors_offer"]) == {
        "offener Treff": [9, 20],
        "Alter Kurs (Franztreff)": [4, 0],
        "Seniorencafé (Franztreff)": [5, 0],
        "Gartengruppe (Rosseltreff)": [0, 8],
    }


def test_one_treffs_offers_are_labelled_by_title_alone(tallies):
    sections = _sections([tallies.franztreff])
    assert _values(sections["visitors_offer"]) == {
        "offener Treff": [9],
        "Alter Kurs": [4],
        "Seniorencafé": [5],
    }


def test_visitors_per_weekday_of_the_counted_day(tallies):
    sections = _sections([tallies.franztreff, tallies.rosseltreff])
    assert _values(sections["visitors_weekday"]) == {
        "Montag": [12, 20],
        "Dienstag": [2, 0],
        "Mittwoch": [0, 8],
        "Donnerstag": [4, 0],
        "Freitag": [0, 0],
        "Samstag": [0, 0],
        "Sonntag": [0, 0],
    }


def test_visitors_per_hour_from_the_offers_start_and_the_drop_in_tap(tallies):
    """Offers at their start (the café at 14:30 → 14), drop-in taps made on the day at
    their hour (10:00), the taps entered later and the deleted series' tally without."""
    values = _values(_sections([tallies.franztreff, tallies.rosseltreff])["visitors_hour"])
    shown = {label: counts for label, counts in values.items() if any(counts)}
    assert list(values)[:2] == ["08:00–08:59", "09:00–09:59"]
    assert (len(values), list(values)[-1]) == (13, NO_TIME)
    assert shown == {
        "10:00–10:59": [7, 20],
        "14:00–14:59": [5, 0],
        "16:00–16:59": [0, 8],
        NO_TIME: [6, 0],
    }


def test_an_hour_outside_the_day_gets_its_own_row(tallies, clock):
    clock.move_to(dt.datetime(2026, 11, 30, 21, 15, tzinfo=dt.UTC))  # 22:15 in Berlin
    with scopes_disabled():
        _taps(tallies.franztreff, dt.date(2026, 11, 30), 1, tallies.users["coordinator"])
    values = _values(_sections([tallies.franztreff])["visitors_hour"])
    assert (list(values)[-2:], values["22:00–22:59"]) == (
        ["22:00–22:59", NO_TIME],
        [1],
    )


def test_drop_in_hours_against_offers(tallies):
    sections = _sections([tallies.franztreff, tallies.rosseltreff])
    assert _values(sections["visitors_drop_in"]) == {
        "offener Treff": [9, 20],
        OFFERS: [9, 8],
    }


def test_the_anonymous_buckets_count_only_where_recorded(tallies):
    sections = _sections([tallies.franztreff, tallies.rosseltreff])
    assert {key: _values(sections[key]) for key in KEYS[5:]} == {
        "visitors_age_group": {
            "unter 18": [1, 0],
            "18–27": [0, 0],
            "28–64": [0, 5],
            "65 und älter": [3, 0],
        },
        "visitors_gender": {
            "weiblich": [3, 0],
            "männlich": [0, 5],
            "divers": [0, 0],
            "keine Angabe": [0, 0],
        },
        "visitors_first_visit": {"erster Besuch": [3, 0], "war schon einmal hier": [0, 5]},
        "visitors_language": {
            "Deutsch": [3, 0],
            "Englisch": [0, 0],
            "Ukrainisch": [1, 0],
            "Arabisch": [0, 5],
            "Russisch": [0, 0],
            "Türkisch": [0, 0],
            "Leichte Sprache": [0, 0],
            "Deutsche Gebärdensprache (DGS)": [0, 0],
        },
    }


def test_the_visit_tables_share_the_treff_totals_and_the_buckets_stand_alone(tallies):
    sections = _sections([tallies.franztreff, tallies.rosseltreff])
    totals = {key: [cell.value for cell in sections[key].table.column_totals] for key in KEYS}
    assert totals == {
        "visitors": [18, 28],
        "visitors_offer": [18, 28],
        "visitors_drop_in": [18, 28],
        "visitors_weekday": [18, 28],
        "visitors_hour": [18, 28],
        "visitors_age_group": [4, 5],
        "visitors_gender": [3, 5],
        "visitors_first_visit": [3, 5],
        "visitors_language": [4, 5],
    }


def test_the_coordinator_sees_the_own_treff_unsuppressed(tallies, client_for):
    sections = _page_sections(client_for("coordinator").get(URL, Q4))
    assert (
        _values(sections["visitors_offer"]),
        _values(sections["visitors_age_group"])["unter 18"],
        [cell.value for cell in sections["visitors_hour"].table.column_totals],
        [sections[key].table.note for key in KEYS],
    ) == (
        {"offener Treff": [9], "Alter Kurs": [4], "Seniorencafé": [5]},
        [1],
        [18],
        [None] * 9,
    )


def test_the_city_sees_no_small_count_of_any_visitors_table(tallies, client_for):
    """Every cell and total from 1 to 4 is hidden; what is shown is the true figure."""
    true = _sections([tallies.franztreff, tallies.rosseltreff], period=_quarter())
    city = _page_sections(client_for("city").get(URL, Q4))
    for key in KEYS:
        values = [cell.value for cell in _cells(true[key])]
        pairs = list(zip(values, _cells(city[key]), strict=True))
        assert [t for t, c in pairs if 0 < t < 5 and not c.hidden] == [], key
        assert [(t, c.value) for t, c in pairs if not c.hidden and c.value != t] == [], key
    offers = city["visitors_offer"]
    assert [(c.value, c.reason) for c in dict(_rows(offers))["Alter Kurs (Franztreff)"]] == [
        (None, "primary"),
        (0, None),
    ]
    assert [(c.value, c.hidden) for c in dict(_rows(city["visitors_gender"]))["männlich"]] == [
        (0, False),
        (5, False),
    ]


def _quarter():
    return Period(dt.date(2026, 10, 1), dt.date(2026, 12, 31))


def _rows(section):
    return [(str(label), cells) for label, cells, _total in section.rows]


def _cells(section):
    """Every published cell of a section: the cells, row totals, column totals, total."""
    table = section.table
    return [
        *(cell for row in table.cells for cell in row),
        *table.row_totals,
        *table.column_totals,
        table.total,
    ]


def test_the_visitors_tables_read_a_fixed_number_of_queries_however_many_treffs(tallies):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import TreffFactory

    with scopes_disabled():
        more = [
            TreffFactory(name=f"Treff {n}", slug=f"treff-{n}", carrier=tallies.drk)
            for n in range(3)
        ]
        for treff in more:
            _taps(treff, dt.date(2026, 11, 30), 2, tallies.users["coordinator"], gender="male")
    treffs = [tallies.franztreff, tallies.rosseltreff]
    with CaptureQueriesContext(connection) as two:
        _sections(treffs, audience=Audience.CITY)
    with CaptureQueriesContext(connection) as five:
        sections = _sections([*treffs, *more], audience=Audience.CITY)
    # One grouped query per table and period (now, the one before, a year earlier); "by kind
    # of offer" and "drop-in vs offers" share theirs (measures.shared); "by hour" reads two
    # (offers at their start, drop-in taps at their hour).
    assert (len(sections["visitors"].table.column_labels), len(two), len(five)) == (5, 27, 27)
