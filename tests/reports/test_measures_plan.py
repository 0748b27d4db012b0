"""The plan in the reports: dates held and cancelled, rooms, visiting services, §4.5 rules."""

import datetime as dt
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled

from tests.factories import RoomFactory
from treff.offers import services
from treff.offers.models import Category, ClosureDay, Offer, Series, SeriesChange
from treff.reports import build
from treff.reports.engine import Audience
from treff.reports.engine.periods import Period
from treff.reports.measures import plan as measures
from treff.treffs.models import OpeningHours, Room

NOVEMBER = Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
PLAN = [m.key for m in measures.MEASURES]
D = dt.date


def _series(offer, room, first, last, start, end, weekdays=(), user=None):
    weekly = first != last
    return services.series_save(
        series=Series(
            offer=offer,
            kind="weekly" if weekly else "once",
            weekdays=list(weekdays) if weekly else [],
            starts_on=first,
            ends_on=last,
            start_time=dt.time(*start),
            end_time=dt.time(*end),
            room=room,
        ),
        user=user,
    )


def _cancel(series, day, user):
    services.series_change_save(
        change=SeriesChange(series=series, original_date=day, reason="Krank"),
        cancel=True,
        user=user,
    )


@pytest.fixture
def plan(world):
    """Franztreff in November 2026 (the clock stands on Monday 30th, 10:00): open Monday to
    Thursday 9–17 and Friday 9–13, closed on Friday 27th; lunch on four days of the first
    week and once from 12:30; the Seniorencafé on Wednesdays; the Schuldnerberatung visits
    on Tuesdays (and once Rosseltreff, which has no opening hours)."""
    franz, rossel = world.franztreff, world.rosseltreff
    user = world.users["coordinator"]
    with scopes_disabled():
        for weekday in range(5):
            OpeningHours.objects.create(
                treff=franz,
                weekday=weekday,
                opens=dt.time(9),
                closes=dt.time(13 if weekday == 4 else 17),
            )
        ClosureDay.objects.create(treff=franz, date=D(2026, 11, 27), reason="Betriebsausflug")
        kitchen = RoomFactory(treff=franz, name="Küche", kind=Room.Kind.KITCHEN)
        RoomFactory(treff=franz, name="WC", kind=Room.Kind.SANITARY)

        def offer(treff, title, category, provider=world.drk):
            return services.offer_save(
                offer=Offer(title=title, category=category, provider=provider),
                treff=treff,
                user=user,
            )

        lunch = offer(franz, "Mittagstisch", Category.LUNCH)
        _series(lunch, kitchen, D(2026, 11, 2), D(2026, 11, 5), (11, 30), (12, 30), range(4), user)
        _series(lunch, kitchen, D(2026, 11, 10), D(2026, 11, 10), (12, 30), (13, 30), user=user)
        sick = _series(
            lunch, kitchen, D(2026, 11, 17), D(2026, 11, 17), (11, 30), (12, 30), user=user
        )
        _cancel(sick, D(2026, 11, 17), user)
        cafe = offer(franz, "Seniorencafé", Category.LEISURE)
        weekly = _series(cafe, world.room, D(2026, 11, 4), D(2026, 11, 25), (14,), (16,), [2], user)
        _cancel(weekly, D(2026, 11, 25), user)
        # Today from 14:00: still ahead, neither held nor cancelled; booked in the plan.
        _series(cafe, world.room, D(2026, 11, 30), D(2026, 11, 30), (14,), (16,), user=user)
        cooking = offer(franz, "Kochkurs", Category.LEISURE)
        # 12–14 on a Friday: only the hour to 13:00 lies within the opening hours.
        _series(cooking, kitchen, D(2026, 11, 6), D(2026, 11, 6), (12,), (14,), user=user)
        debts = offer(franz, "Schuldnerberatung", Category.VISITING_COUNSELLING, world.partner)
        visits = _series(
            debts, world.room, D(2026, 11, 3), D(2026, 11, 24), (10,), (12,), [1], user
        )
        _cancel(visits, D(2026, 11, 17), user)
        there = offer(rossel, "Schuldnerberatung", Category.VISITING_COUNSELLING, world.partner)
        outsider = world.users["outsider"]
        _series(
            there, world.other_room, D(2026, 11, 12), D(2026, 11, 12), (9,), (10, 30), user=outsider
        )
    return world


def _build(world, audience, period=NOVEMBER, treffs=None):
    treffs = treffs or [world.franztreff, world.rosseltreff]
    with scopes_disabled():
        (area,) = build.build(treffs, period, k=5, audience=audience, measures=PLAN)
    return {section.key: section for section in area.sections}


def _values(section):
    """{row label: [cell values…, row total]}; amounts are never hidden."""
    table = section.table
    assert not any(c.hidden for row in table.cells for c in row)
    return {
        label: [*(c.value for c in cells), total.value]
        for label, cells, total in zip(table.row_labels, table.cells, table.row_totals, strict=True)
    }


LUNCH, LEISURE = str(Category.LUNCH.label), str(Category.LEISURE.label)
VISITING = str(Category.VISITING_COUNSELLING.label)


def test_the_coordinator_sees_the_own_plan(plan):
    sections = _build(plan, Audience.OWN_TREFF, treffs=[plan.franztreff])
    held = {label: row for label, row in _values(sections["plan_held"]).items() if row[0]}
    cancelled = {k: row for k, row in _values(sections["plan_cancelled"]).items() if row[0]}
    # Lunch: four days and the one from 12:30; leisure: three cafés and the cooking class
    # (today's café is still ahead); visiting: three Tuesdays. One of each cancelled.
    assert (held, cancelled) == (
        {VISITING: [3, 3], LEISURE: [4, 4], LUNCH: [5, 5]},
        {VISITING: [1, 1], LEISURE: [1, 1], LUNCH: [1, 1]},
    )
    # Open 17 days × 8 h and 3 Fridays × 4 h (the 27th closed): 8,880 minutes. Group room:
    # 3 cafés, today's and 3 counselling dates of 2 h = 840 min; kitchen: 5 lunches of 1 h
    # and the hour of the cooking class before closing = 360 min. The WC is no booked room.
    assert _values(sections["plan_rooms"]) == {
        "Gruppenraum": [Decimal("9.5"), Decimal("9.5")],
        "Küche": [Decimal("4.1"), Decimal("4.1")],
    }
    assert _values(sections["plan_visiting"]) == {"Schuldnerberatung": [Decimal("6.0")] * 2}
    # Fridays close at 13:00 before the presence ends at 17:00 (6th, 13th, 20th; the 27th is
    # a closure day); lunch on 4 days in the week of 2 Nov; lunch till 13:30 on the 10th.
    assert list(_values(sections["plan_rules"]).values()) == [[3, 3], [1, 1], [1, 1]]
    assert [c.value for c in sections["plan_held"].totals] == [12, 0, 0]


def test_the_city_sees_amounts_unhidden_and_rooms_only_in_their_treff(plan):
    sections = _build(plan, Audience.CITY)
    assert _values(sections["plan_held"])[VISITING] == [3, 1, 4]
    assert _values(sections["plan_cancelled"])[LUNCH] == [1, 0, 1]
    # A room belongs to one Treff: a dash elsewhere. Rosseltreff has no opening hours.
    assert _values(sections["plan_rooms"]) == {
        "Gruppenraum (Franztreff)": [Decimal("9.5"), None, Decimal("9.5")],
        "Küche (Franztreff)": [Decimal("4.1"), None, Decimal("4.1")],
        "Garten (Rosseltreff)": [None, None, None],
    }
    rooms = sections["plan_rooms"]
    # Percentages do not add up: no column totals, no comparison line, no footer.
    assert (rooms.additive, rooms.totals, rooms.table.total.value) == (False, None, None)
    assert [c.value for c in rooms.table.column_totals] == [None, None]
    assert _values(sections["plan_visiting"]) == {
        "Schuldnerberatung": [Decimal("6.0"), Decimal("1.5"), Decimal("7.5")]
    }
    # Without opening hours Rosseltreff plans no presence in any of November's 5 weeks.
    assert list(_values(sections["plan_rules"]).values()) == [[3, 5, 8], [1, 0, 1], [1, 0, 1]]
    assert all(section.table.note is None for section in sections.values())


def test_a_period_without_dates(plan):
    sections = _build(plan, Audience.CITY, period=Period(D(2022, 2, 1), D(2022, 2, 28)))
    dates = {
        cell.value
        for key in ("plan_held", "plan_cancelled")
        for row in sections[key].table.cells
        for cell in row
    }
    assert (dates, _values(sections["plan_visiting"])) == ({0}, {})
    assert _values(sections["plan_rooms"])["Küche (Franztreff)"] == [
        Decimal("0.0"),
        None,
        Decimal("0.0"),
    ]
    # The presence rule reads today's opening hours (they keep no history): Franztreff's 4
    # Fridays again, and each of the 5 weeks February 2022 touches for Rosseltreff.
    assert list(_values(sections["plan_rules"]).values()) == [[4, 5, 9], [0, 0, 0], [0, 0, 0]]


def test_the_plan_reads_a_fixed_number_of_queries_however_many_treffs(
    plan, django_assert_num_queries
):
    from tests.factories import TreffFactory

    with scopes_disabled():
        treffs = [plan.franztreff, plan.rosseltreff]
        treffs += [TreffFactory(carrier=plan.drk) for _ in range(3)]
        # Held, cancelled: 1 each; rooms: rooms, hours, holiday states, closures, dates;
        # visiting: 1; rules: plan rules, hours, holiday states, closures, lunch dates;
        # residents' ideas: 1.
        with django_assert_num_queries(14):
            for measure in measures.MEASURES:
                measure.compute(treffs, NOVEMBER)


def test_the_report_page_shows_the_plan_to_the_coordinator(plan, client_for):
    from django.urls import reverse

    response = client_for("coordinator").get(
        reverse("reports:report"), {"period": "month", "day": "2026-11-30"}
    )
    (area,) = [area for area in response.context["areas"] if area.key == "plan"]
    rooms = next(section for section in area.sections if section.key == "plan_rooms")
    assert [c.value for c in rooms.table.cells[0]] == [Decimal("9.5")]
    assert "9,5" in response.content.decode()
