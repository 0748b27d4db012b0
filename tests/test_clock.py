"""Pages that show "today" on awkward days (issue 10: `make test` passes on any day).

The clock moves to New Year's Eve and New Year's Day, a leap day, both days the clocks change
and a Sunday; each page answers 200 and marks the right day, in words, exactly. The times
are chosen just after local midnight where that is still the previous day in UTC, so a date
taken in UTC instead of Europe/Berlin shows up as the wrong day.
"""

import datetime as dt
from dataclasses import dataclass
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from treff.operations.models import LunchDay
from treff.volunteers.models import Shift, ShiftTemplate

BERLIN = ZoneInfo("Europe/Berlin")


@dataclass(frozen=True)
class Today:
    """How the pages name the day (German, the default language)."""

    long: str  # headings: "Freitag, 1. Januar 2027"
    short: str  # table rows: "Fr, 01.01.2027"
    month: str  # "Januar 2027"
    week: str  # the week's heading
    holiday: str = ""  # Sachsen-Anhalt's public holiday on that day

    @property
    def weekend(self) -> bool:
        return self.short[:2] in {"Sa", "So"}


MOMENTS = {
    "new year's eve": (
        dt.datetime(2026, 12, 31, 23, 30, tzinfo=BERLIN),
        Today(
            "Donnerstag, 31. Dezember 2026",
            "Do, 31.12.2026",
            "Dezember 2026",
            "Kalenderwoche 53, ab 28.12.2026",
        ),
    ),
    "new year's day after midnight": (
        dt.datetime(2027, 1, 1, 0, 15, tzinfo=BERLIN),  # still 31 December in UTC
        Today(
            "Freitag, 1. Januar 2027",
            "Fr, 01.01.2027",
            "Januar 2027",
            "Kalenderwoche 53, ab 28.12.2026",  # ISO week 53 of 2026
            "Neujahr",
        ),
    ),
    "leap day": (
        dt.datetime(2028, 2, 29, 0, 30, tzinfo=BERLIN),
        Today(
            "Dienstag, 29. Februar 2028",
            "Di, 29.02.2028",
            "Februar 2028",
            "Kalenderwoche 9, ab 28.02.2028",
        ),
    ),
    "clocks go forward": (
        dt.datetime(2027, 3, 28, 0, 30, tzinfo=BERLIN),  # 23 hours; UTC still on the 27th
        Today(
            "Sonntag, 28. März 2027",
            "So, 28.03.2027",
            "März 2027",
            "Kalenderwoche 12, ab 22.03.2027",
        ),
    ),
    "clocks go back": (
        dt.datetime(2027, 10, 31, 0, 30, tzinfo=BERLIN),  # 25 hours; UTC still on the 30th
        Today(
            "Sonntag, 31. Oktober 2027",
            "So, 31.10.2027",
            "Oktober 2027",
            "Kalenderwoche 43, ab 25.10.2027",
            "Reformationstag",
        ),
    ),
    "a sunday": (
        dt.datetime(2026, 11, 29, 12, 0, tzinfo=BERLIN),
        Today(
            "Sonntag, 29. November 2026",
            "So, 29.11.2026",
            "November 2026",
            "Kalenderwoche 48, ab 23.11.2026",
        ),
    ),
}


class _Tree(HTMLParser):
    """A small DOM: each element is (tag, attrs, children); text nodes are strings."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area"}

    def __init__(self, html: str):
        super().__init__()
        self.root = ("document", {}, [])
        self.stack = [self.root]
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = (tag, dict(attrs), [])
        self.stack[-1][2].append(element)
        if tag == "br":
            self.stack[-1][2].append(" ")
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1][2].append(data)


def _find(element, tag=None, **attrs):
    """Every element below `element` with this tag and these attribute values (class: one of)."""
    found = []
    for child in element[2]:
        if isinstance(child, str):
            continue
        name, values, _ = child
        matches = tag in (None, name) and all(
            value in values.get("class", "").split()
            if key == "class_"
            else values.get(key.replace("_", "-")) == value
            for key, value in attrs.items()
        )
        if matches:
            found.append(child)
        found.extend(_find(child, tag, **attrs))
    return found


def _raw(element) -> str:
    return "".join(c if isinstance(c, str) else _raw(c) for c in element[2])


def _text(element) -> str:
    """The text as a screen reader reads it (screen-reader-only parts included)."""
    return " ".join(_raw(element).split())


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return _Tree(response.content.decode()).root


@pytest.fixture(params=list(MOMENTS))
def awkward_day(request, help_world, clock):
    """The clock on an awkward moment, with a lunch day and a shift on that day."""
    moment, expected = MOMENTS[request.param]
    clock.move_to(moment)
    today = moment.date()
    with scopes_disabled():
        LunchDay.objects.create(
            treff=help_world.franztreff, date=today, menu="Linseneintopf", portions_planned=30
        )
        template = ShiftTemplate.objects.create(
            treff=help_world.franztreff,
            title="Frühstücksausgabe",
            kind="lunch",
            weekdays=[today.weekday()],
            start=dt.time(8),
            end=dt.time(10),
            starts_on=today,
            ends_on=today,
        )
        Shift.objects.create(
            treff=help_world.franztreff,
            template=template,
            date=today,
            start=dt.time(8),
            end=dt.time(10),
        )
    return expected


def test_the_coordinator_dashboard_names_today(awkward_day, client_for):
    page = _page(client_for("coordinator"), reverse("dashboard:home"))
    assert _text(_find(page, "h3")[0]) == f"Heute, {awkward_day.long}"


def test_the_week_marks_today(awkward_day, client_for):
    page = _page(client_for("coordinator"), reverse("offers:week", args=["franztreff"]))
    assert _text(_find(page, "h1")[0]) == awkward_day.week
    marked = [_text(h2) for h2 in _find(page, "h2", aria_current="date")]
    # Today is the day a phone shows, so its column is there also at an empty weekend
    # (offers/views/calendar.py).
    weekday, date = awkward_day.long.split(", ")[0], awkward_day.short.split(", ")[1]
    assert marked == [" ".join(filter(None, [weekday, date, awkward_day.holiday]))]


def test_the_month_marks_today(awkward_day, client_for):
    page = _page(client_for("coordinator"), reverse("offers:month", args=["franztreff"]))
    assert _text(_find(page, "h1")[0]) == awkward_day.month
    (today,) = _find(page, "td", aria_current="date")
    (day,) = _find(today, "a", class_="treff-calendar__day")
    day_of_month = str(int(awkward_day.short[4:6]))
    assert (day[1]["aria-label"], _text(day)) == (awkward_day.long, day_of_month)


def test_the_plan_day_names_today_and_its_holiday(awkward_day, client_for):
    page = _page(client_for("coordinator"), reverse("offers:day", args=["franztreff"]))
    heading = _text(_find(page, "h1")[0])
    subline = _text(_find(page, "p", class_="kern-subline")[0])
    assert (heading, subline) == (
        awkward_day.long,
        " · ".join(filter(None, ["Franztreff", awkward_day.holiday])),
    )


def test_the_day_overview_names_today(awkward_day, client_for):
    page = _page(client_for("coordinator"), reverse("operations:day", args=["franztreff"]))
    assert _text(_find(page, "h1")[0]) == awkward_day.long


def test_the_lunch_list_shows_this_month_with_today(awkward_day, client_for):
    page = _page(client_for("coordinator"), reverse("operations:lunch_list", args=["franztreff"]))
    subline = _text(_find(page, "p", class_="kern-subline")[0])
    assert subline == f"Franztreff · {awkward_day.month}"
    rows = _find(_find(page, "tbody")[0], "tr")
    # The day's own link (a row may go on to say the day is not in the plan yet).
    assert [_text(_find(_find(row, "th")[0], "a")[0]) for row in rows] == [awkward_day.short]


def _first_shift(page) -> list[str]:
    first = _find(_find(page, "tbody")[0], "tr")[0]
    return [_text(cell) for cell in _find(first) if cell[0] in {"th", "td"}][:2]


def test_the_shift_overview_starts_with_today(awkward_day, client_for):
    page = _page(client_for("coordinator"), reverse("volunteers:shifts", args=["franztreff"]))
    date = awkward_day.short.split(", ")[1]
    assert _first_shift(page) == [
        f"Frühstücksausgabe {date}",  # the link's name, with its screen-reader-only date
        f"{awkward_day.short} 08:00–10:00",
    ]


def test_the_volunteer_dashboard_and_shifts_start_with_today(awkward_day, client_for):
    client = client_for("volunteer")
    _page(client, reverse("dashboard:home"))
    page = _page(client, reverse("volunteers:my_shifts"))
    assert _first_shift(page) == ["Frühstücksausgabe", f"{awkward_day.short} 08:00–10:00"]
