"""Cancelling and moving one date, as a new user met it (UX notes 5, 7, 8 and 9).

- The new date is optional: moving only the time or the room keeps the day.
- A clash with another date of the same series names the series, dates read "on … at …",
  and each form error is shown once.
- A moved date leaves a line on its original day (week, day, month, rooms, door PDF); the
  door PDF keeps cancelled dates, marked as cancelled.
- A move onto a closure day, a public holiday or into the past is saved and said; a "move"
  that changes nothing is refused.
"""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled
from pypdf import PdfReader

from treff.offers import plans, services
from treff.offers.models import ClosureDay, Occurrence, SeriesChange

from ..factories import RoomFactory
from .test_week_grid import unhyphenate

BERLIN = ZoneInfo("Europe/Berlin")
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _move(client, world, day, **data):
    url = reverse(
        "offers:series_change", args=["franztreff", world.plan.series.pk, day.isoformat()]
    )
    return client.post(url, {"action": "move", "reason": "Umzug", **data}, **EN)


def _stored(world, day):
    with scopes_disabled():
        occ = Occurrence.objects.select_related("room").get(
            series=world.plan.series, original_date=day
        )
    start, end = occ.start.astimezone(BERLIN), occ.end.astimezone(BERLIN)
    return (f"{start:%d.%m.%Y %H:%M}", f"{end:%H:%M}", occ.room.name, occ.moved)


THURSDAY = dt.date(2027, 1, 21)


def test_only_the_time_moves_when_the_new_date_is_left_empty(plan_world, client_for):
    response = _move(client_for("coordinator"), plan_world, THURSDAY, new_start="15:00")
    assert response.status_code == 302
    assert _stored(plan_world, THURSDAY) == ("21.01.2027 15:00", "17:00", "Gruppenraum", True)


def test_only_the_room_moves_when_the_new_date_is_left_empty(plan_world, client_for):
    kitchen = RoomFactory(treff=plan_world.franztreff, name="Küche")
    response = _move(client_for("coordinator"), plan_world, THURSDAY, new_room=kitchen.pk)
    assert response.status_code == 302
    assert _stored(plan_world, THURSDAY) == ("21.01.2027 14:30", "16:30", "Küche", True)


def test_the_new_date_is_marked_optional_with_a_hint(plan_world, client_for):
    url = reverse(
        "offers:series_change", args=["franztreff", plan_world.plan.series.pk, "2027-01-21"]
    )
    form = client_for("coordinator").get(url, **EN).context["form"]
    assert (form.fields["new_date"].required, form.fields["new_date"].help_text) == (
        False,
        "Leave empty to keep the date.",
    )


NOTHING_GIVEN = "Say where or when the date moves: a new date, a new time or another room."
NOTHING_MOVES = (
    "This moves nothing: the date, the time and the room are the ones it already has. "
    "Change at least one of them."
)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, NOTHING_GIVEN),
        ({"new_date": "2027-01-21"}, NOTHING_MOVES),
        ({"new_date": "2027-01-21", "new_start": "14:30", "new_end": "16:30"}, NOTHING_MOVES),
        ({"new_end": "16:30"}, NOTHING_MOVES),
    ],
    ids=["nothing given", "the same day", "the same day and times", "the same end"],
)
def test_a_move_that_moves_nothing_is_refused_once(plan_world, client_for, data, message):
    response = _move(client_for("coordinator"), plan_world, THURSDAY, **data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"__all__": [message]}
    assert response.content.decode().count(message) == 1
    with scopes_disabled():
        assert SeriesChange.objects.filter(original_date=THURSDAY).exists() is False
    assert _stored(plan_world, THURSDAY) == ("21.01.2027 14:30", "16:30", "Gruppenraum", False)


def test_a_service_call_that_moves_nothing_is_refused(plan_world):
    with scopes_disabled(), translation.override("en"):
        with pytest.raises(ValidationError) as error:
            services.series_change_save(
                change=SeriesChange(
                    series=plan_world.plan.series,
                    original_date=THURSDAY,
                    new_date=THURSDAY,
                    new_room=plan_world.room,
                    reason="x",
                ),
                cancel=False,
                user=plan_world.users["coordinator"],
            )
        # Read inside the block: the message is lazy, so it speaks the language active then.
        assert error.value.messages == [NOTHING_MOVES]


def test_a_move_onto_another_date_of_the_series_names_the_series_once(plan_world, client_for):
    with scopes_disabled():
        series = plan_world.plan.series
        series.responsible = plan_world.users["coordinator"]
        services.series_save(series=series, user=plan_world.users["coordinator"])
    response = _move(client_for("coordinator"), plan_world, THURSDAY, new_date="2027-01-28")
    messages = [
        "Room Gruppenraum is already booked on 28/01/2027 at 14:30 by “Seniorencafé”.",
        f"{plan_world.users['coordinator']} is already busy on 28/01/2027 at 14:30 with "
        "“Seniorencafé”.",
    ]
    assert response.context["form"].non_field_errors() == messages
    page = response.content.decode()
    assert [page.count(message) for message in messages] == [1, 1]


def test_the_citys_refused_approval_is_shown_once(plan_world, client_for):
    world = plan_world
    plan = world.plan.plan_version
    with scopes_disabled():
        plans.plan_submit(plan=plan, user=world.users["coordinator"])
        services.series_change_save(
            change=SeriesChange(series=world.plan.series, original_date=THURSDAY, reason="Krank"),
            cancel=True,
            user=world.users["coordinator"],
        )
    city = client_for("city")
    url = reverse("offers:plan_detail", args=["franztreff", plan.pk])
    seen = city.get(url).context["decision_form"]["seen"].value()
    response = city.post(url, {"decision": "approve", "comments": "", "seen": seen}, **EN)
    (message,) = response.context["decision_form"].non_field_errors()
    assert message.startswith("The plan has changed since it was submitted")
    assert response.content.decode().count("The plan has changed since it was submitted") == 1


def _closed_and_holiday(world):
    with scopes_disabled():
        ClosureDay.objects.create(
            treff=world.franztreff, date=dt.date(2027, 1, 22), reason="Betriebsausflug"
        )


@pytest.mark.parametrize(
    ("original", "new_date", "message", "flags"),
    [
        (
            THURSDAY,
            "2027-01-22",
            "The date has been moved to Fri, 22/01/2027, 14:30–16:30. "
            "It now lies on a closure day (Betriebsausflug).",
            ("", "Betriebsausflug"),
        ),
        (
            dt.date(2027, 1, 28),
            "2027-03-29",
            "The date has been moved to Mon, 29/03/2027, 14:30–16:30. "
            "It now lies on a public holiday (Ostermontag).",
            ("Ostermontag", ""),
        ),
        (
            dt.date(2027, 2, 4),
            "2026-11-26",
            "The date has been moved to Thu, 26/11/2026, 14:30–16:30. It now lies in the past.",
            ("", ""),
        ),
        (
            dt.date(2027, 2, 11),
            "2027-02-12",
            "The date has been moved to Fri, 12/02/2027, 14:30–16:30.",
            ("", ""),
        ),
    ],
    ids=["closure day", "public holiday", "past", "an ordinary day"],
)
def test_a_move_is_saved_and_says_where_it_landed(
    plan_world, client_for, original, new_date, message, flags
):
    _closed_and_holiday(plan_world)
    client = client_for("coordinator")
    response = _move(client, plan_world, original, new_date=new_date)
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [message]
    page = client.get(
        reverse("offers:series_detail", args=["franztreff", plan_world.plan.series.pk])
    )
    (occ,) = [occ for occ, _change in page.context["rows"] if occ.original_date == original]
    assert (occ.holiday, occ.closed, f"{occ.start.astimezone(BERLIN):%Y-%m-%d}") == (
        *flags,
        new_date,
    )


@pytest.fixture
def moved(plan_world):
    """Seniorencafé of Thursday 21.01.2027 moved to Thursday 06.01.2028 (a public holiday)."""
    with scopes_disabled():
        services.series_change_save(
            change=SeriesChange(
                series=plan_world.plan.series,
                original_date=THURSDAY,
                new_date=dt.date(2028, 1, 6),
                reason="Umbau",
            ),
            cancel=False,
            user=plan_world.users["coordinator"],
        )
    return plan_world


MOVED_LINE = "moved to Thu 06/01/2028, 14:30"


def test_the_week_shows_where_a_moved_date_went_on_its_original_day(moved, client_for):
    client = client_for("coordinator")
    page = client.get(reverse("offers:week", args=["franztreff"]), {"date": "2027-01-21"}, **EN)
    thursday = page.context["days"][3]
    assert (thursday.date, thursday.items, [o.original_date for o in thursday.moved_away]) == (
        THURSDAY,
        [],
        [THURSDAY],
    )
    # On the grid at its regular time (14:30, row 2 + 26 quarter hours after 08:00), Thursday.
    moved_entries = [
        (col.day.date, entry.row, entry.occ.original_date)
        for col in page.context["grid"].columns
        for entry in col.entries
        if entry.moved_away
    ]
    assert moved_entries == [(THURSDAY, 28, THURSDAY)]
    assert page.content.decode().count(MOVED_LINE) == 1
    # Not a booking: the room is free on the original day.
    assert moved.plan.series.pk not in [
        o.series_id for day in page.context["days"] for o in day.items
    ]


def test_the_day_month_and_room_views_show_it_too(moved, client_for):
    client = client_for("volunteer")
    for name in ("offers:day", "offers:month", "offers:room_overview"):
        page = client.get(reverse(name, args=["franztreff"]), {"date": "2027-01-21"}, **EN)
        assert (name, page.content.decode().count(MOVED_LINE)) == (name, 1)
    day = client.get(reverse("offers:day", args=["franztreff"]), {"date": "2027-01-21"}, **EN)
    assert "Moved to another day" in day.content.decode()


def test_the_new_day_says_where_the_date_came_from(moved, client_for):
    page = client_for("coordinator").get(
        reverse("offers:week", args=["franztreff"]), {"date": "2028-01-06"}, **EN
    )
    assert "moved from Thu 21/01/2027" in page.content.decode()
    assert "public holiday: Heilige Drei Könige" in page.content.decode()


def _pdf_text(client, day):
    response = client.get(reverse("offers:week_pdf", args=["franztreff"]), {"date": day}, **EN)
    pages = PdfReader(io.BytesIO(response.content)).pages
    return unhyphenate("\n".join(page.extract_text() for page in pages))


def test_the_door_pdf_shows_moved_and_cancelled_dates(moved, client_for):
    client = client_for("coordinator")
    text = _pdf_text(client, "2027-01-21")
    assert "Seniorencafé" in text
    assert " ".join(MOVED_LINE.split()) in " ".join(text.split())
    # 14.01.2027 is cancelled (plan_world): it stays on the door, marked as such.
    cancelled = " ".join(_pdf_text(client, "2027-01-14").split())
    assert "14:30–16:30 cancelled Seniorencafé" in cancelled


def test_an_outsider_sees_no_moved_line(moved, client_for):
    response = client_for("outsider").get(
        reverse("offers:week", args=["franztreff"]), {"date": "2027-01-21"}
    )
    assert response.status_code == 404
