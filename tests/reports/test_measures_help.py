"""Neighbourhood help in the reports: requests by kind of help and stage, time to match."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django_scopes import scopes_disabled

from treff.reports import build
from treff.reports.engine import Audience
from treff.reports.engine.periods import Period
from treff.reports.measures import help as measures
from treff.volunteers.models import HelpKind, HelpRequest, HelpSeeker

BERLIN = ZoneInfo("Europe/Berlin")
NOVEMBER = Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
HELP = [m.key for m in measures.MEASURES]


def _at(day, hour=9, minute=0):
    return dt.datetime(2026, *day, hour, minute, tzinfo=BERLIN)


def _request(treff, kind, created, *, accepted=None, status="open", closed=None, helped=None):
    seeker = HelpSeeker.objects.create(
        treff=treff, name="Frau Albrecht", district="nord", channel="phone"
    )
    request = HelpRequest.objects.create(
        treff=treff,
        seeker=seeker,
        kind=kind,
        weekday=0,
        start=dt.time(10),
        end=dt.time(11),
        status=status,
    )
    # created_at is stamped on saving; the intake happened on the day the fixture says.
    HelpRequest.objects.filter(pk=request.pk).update(
        created_at=created, accepted_at=accepted, closed_at=closed, helped_on=helped
    )


@pytest.fixture
def requests(world):
    """November 2026: Franztreff matched 6 requests (4 within 7 days), Rosseltreff 1."""
    franz, rossel = world.franztreff, world.rosseltreff
    nov2, done = _at((11, 2)), _at((11, 20), 12)
    with scopes_disabled():
        for status in ("done", "done", "accepted"):
            closed = done if status == "done" else None
            helped = dt.date(2026, 11, 20) if status == "done" else None
            _request(franz, "shopping", nov2, accepted=_at((11, 4)), status=status,
                     closed=closed, helped=helped)  # fmt: skip
        for _ in range(2):
            _request(franz, "shopping", nov2, accepted=_at((11, 12)), status="accepted")
        _request(franz, "shopping", nov2)
        _request(franz, "reading", nov2, accepted=_at((11, 5), 21), status="accepted")
        _request(franz, "handyman", _at((11, 10)), status="cancelled", closed=_at((11, 11)))
        _request(franz, "accompaniment", _at((10, 15)), status="no_match")
        _request(franz, "walk", _at((10, 1)), accepted=_at((10, 2)), status="done",
                 closed=_at((10, 10)), helped=dt.date(2026, 10, 10))  # fmt: skip
        _request(rossel, "walk", nov2, accepted=_at((11, 3)), status="accepted")
        _request(rossel, "walk", nov2)
    return world


def _build(world, audience, period=NOVEMBER, treffs=None):
    treffs = treffs or [world.franztreff, world.rosseltreff]
    with scopes_disabled():
        (area,) = build.build(treffs, period, k=5, audience=audience, measures=HELP)
    return {section.key: section for section in area.sections}


SHOPPING, READING, HANDYMAN = (str(HelpKind(k).label) for k in ("shopping", "reading", "handyman"))
ACCOMPANIMENT, WALK = str(HelpKind.ACCOMPANIMENT.label), str(HelpKind.WALK.label)


def _values(section):
    """{row label: [cell values…, row total]}; a hidden cell as its reason."""
    table = section.table

    def shown(cell):
        return cell.reason if cell.hidden else cell.value

    return {
        label: [*map(shown, cells), shown(total)]
        for label, cells, total in zip(table.row_labels, table.cells, table.row_totals, strict=True)
    }


def test_the_coordinator_sees_every_stage_by_kind_unsuppressed(requests):
    sections = _build(requests, Audience.OWN_TREFF, treffs=[requests.franztreff])
    stages = {
        key: {label: row[0] for label, row in _values(sections[key]).items() if row[0]}
        for key in ("help_opened", "help_matched", "help_done", "help_cancelled", "help_unmatched")
    }
    assert stages == {
        "help_opened": {SHOPPING: 6, HANDYMAN: 1, READING: 1},
        "help_matched": {SHOPPING: 5, READING: 1},
        "help_done": {SHOPPING: 2},
        "help_cancelled": {HANDYMAN: 1},
        "help_unmatched": {SHOPPING: 1, ACCOMPANIMENT: 1},
    }
    assert [c.value for c in sections["help_opened"].totals] == [8, 2, 0]
    # Within 7 days, after more than 7 days (the row labels are the measure's, in order).
    assert list(_values(sections["help_match_speed"]).values()) == [[4, 4], [2, 2]]
    # Waits of 2, 2, 2, 3.5, 10 and 10 days: the median is (2 + 3.5) / 2; 4 of 6 in a week.
    assert list(_values(sections["help_time_to_match"]).values()) == [
        [Decimal("2.8"), Decimal("2.8")],
        [Decimal("66.7"), Decimal("66.7")],
    ]


def test_the_city_sees_small_counts_hidden_and_a_share_that_would_give_one_back(requests):
    sections = _build(requests, Audience.CITY)
    # Columns: Franztreff, Rosseltreff, total.
    assert _values(sections["help_done"])[SHOPPING] == ["primary", 0, "primary"]
    assert _values(sections["help_opened"])[SHOPPING] == [6, 0, 6]
    assert _values(sections["help_unmatched"])[WALK] == [0, "primary", "primary"]
    assert list(_values(sections["help_match_speed"]).values()) == [
        ["primary", "primary", "secondary"],
        ["primary", 0, "primary"],
    ]
    # Franztreff's median rests on 6 requests and gives no count back: shown. Its share
    # (4 of 6) would give back the hidden 4 beside the total: hidden although 6 ≥ k, and so
    # is the overall share, whose count (5 in all) is hidden. Rosseltreff's rest on 1.
    assert list(_values(sections["help_time_to_match"]).values()) == [
        [Decimal("2.8"), "primary", Decimal("2.0")],
        ["secondary", "primary", "secondary"],
    ]
    note = sections["help_time_to_match"].table.note
    assert (note.k, note.secondary) == (5, True)
    assert sections["help_time_to_match"].totals is None
    # Amounts of the area's counts for the comparison line: hidden where they are small.
    assert [(c.value, c.reason) for c in sections["help_cancelled"].totals] == [
        (None, "primary"),
        (0, None),
        (0, None),
    ]


def test_a_share_on_published_counts_is_shown_to_the_city(world):
    with scopes_disabled():
        for day in (4, 4, 4, 4, 4, 12, 12, 12, 12, 12):
            _request(world.franztreff, "shopping", _at((11, 2)), accepted=_at((11, day)),
                     status="accepted")  # fmt: skip
    sections = _build(world, Audience.CITY)
    assert list(_values(sections["help_match_speed"]).values()) == [[5, 0, 5], [5, 0, 5]]
    # Five waits of 2 days and five of 10: the median is the mean of the middle two.
    assert list(_values(sections["help_time_to_match"]).values()) == [
        [Decimal("6.0"), None, Decimal("6.0")],
        [Decimal("50.0"), None, Decimal("50.0")],
    ]
    assert sections["help_time_to_match"].table.note is None
    # Built without its table of counts, a share cannot be checked: hidden from the city.
    with scopes_disabled():
        (alone,) = build.build(
            [world.franztreff],
            NOVEMBER,
            k=5,
            audience=Audience.CITY,
            measures=["help_time_to_match"],
        )
    assert [c.reason for c in alone.sections[0].table.cells[1]] == ["secondary"]


def test_a_period_without_requests_shows_zeros_and_no_statistics(requests):
    sections = _build(
        requests, Audience.CITY, period=Period(dt.date(2022, 2, 1), dt.date(2022, 2, 28))
    )
    counts = {
        cell.value
        for key, section in sections.items()
        if key != "help_time_to_match"
        for row in section.table.cells
        for cell in row
    }
    statistics = [
        (c.value, c.hidden) for row in sections["help_time_to_match"].table.cells for c in row
    ]
    assert (counts, statistics) == ({0}, [(None, False)] * 4)


def test_each_stage_reads_one_query_however_many_treffs(requests, django_assert_num_queries):
    from tests.factories import TreffFactory

    with scopes_disabled():
        treffs = [requests.franztreff, requests.rosseltreff]
        treffs += [TreffFactory(carrier=requests.drk) for _ in range(3)]
        with django_assert_num_queries(len(HELP)):
            for measure in measures.MEASURES:
                measure.compute(treffs, NOVEMBER)


def test_an_unknown_stage_is_refused():
    from treff.volunteers.selectors import help_requests_by_kind

    with pytest.raises(ValueError, match="Unknown stage"):
        help_requests_by_kind([1], "lost", first=NOVEMBER.first, last=NOVEMBER.last)
