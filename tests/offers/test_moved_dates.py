"""A moved date is never lost: wherever it lands, it is an occurrence — stored, conflict-checked,
shown in every calendar, feed, PDF and plan, and restorable.

The issue's example: a single date on 12.06.2027 moved to 19.06.2027 was "saved", yet no date
remained, the public feed marked it cancelled, there was no restore button, and the room
could be booked again on the 19th. The cause was the expansion window (the series' own span).
"""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled
from icalendar import Calendar
from pypdf import PdfReader

from treff.offers import plans, services
from treff.offers.models import (
    CalendarFeed,
    ClosureDay,
    Occurrence,
    Offer,
    PlanVersion,
    Series,
    SeriesChange,
)

from ..factories import RoomFactory
from .test_week_grid import unhyphenate

FETE, MOVED_TO = dt.date(2027, 6, 12), dt.date(2027, 6, 19)


@pytest.fixture
def fete(world):
    """A single date (Saturday 12.06.2027, 10–12, Gruppenraum) moved a week later."""
    user = world.users["coordinator"]
    with scopes_disabled():
        offer = services.offer_save(
            offer=Offer(title="Nachbarschaftsfest", category="leisure", provider=world.drk),
            treff=world.franztreff,
            user=user,
        )
        series = services.series_save(
            series=Series(
                offer=offer,
                kind="once",
                starts_on=FETE,
                ends_on=FETE,
                start_time=dt.time(10),
                end_time=dt.time(12),
                room=world.room,
                responsible=user,
            ),
            user=user,
        )
        change = services.series_change_save(
            change=SeriesChange(
                series=series, original_date=FETE, new_date=MOVED_TO, reason="Stadtfest"
            ),
            cancel=False,
            user=user,
        )
    world.fete = series
    world.fete_change = change
    return world


def _stored(series):
    with scopes_disabled():
        return [
            (o.original_date, o.start.astimezone().date(), o.moved, o.cancelled)
            for o in Occurrence.objects.filter(series=series).order_by("start")
        ]


def _other_single_date(world, day, room=None, responsible=None, title="Flohmarkt"):
    with scopes_disabled():
        offer, _new = Offer.objects.get_or_create(
            treff=world.franztreff, title=title, category="leisure", provider=world.drk
        )
        return services.series_save(
            series=Series(
                offer=offer,
                kind="once",
                starts_on=day,
                ends_on=day,
                start_time=dt.time(11),
                end_time=dt.time(13),
                room=room or world.room,
                responsible=responsible,
            ),
            user=world.users["coordinator"],
        )


def test_a_single_date_moved_a_week_later_is_stored_at_its_new_date(fete):
    assert _stored(fete.fete) == [(FETE, MOVED_TO, True, False)]


def test_the_room_at_the_new_date_cannot_be_booked_again(fete):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _other_single_date(fete, MOVED_TO)
    assert error.value.messages == [
        "Room Gruppenraum is already booked on 19/06/2027 at 11:00 by “Nachbarschaftsfest”."
    ]
    # The original day is free now.
    assert _other_single_date(fete, FETE).pk is not None


def test_a_move_onto_a_booked_room_or_a_busy_person_is_refused(world):
    user = world.users["coordinator"]
    kitchen = RoomFactory(treff=world.franztreff, name="Küche")
    _other_single_date(world, MOVED_TO, room=kitchen, responsible=user, title="Kochkurs")
    with scopes_disabled():
        offer = Offer.objects.create(
            treff=world.franztreff, title="Fest", category="leisure", provider=world.drk
        )
        series = services.series_save(
            series=Series(
                offer=offer,
                kind="once",
                starts_on=FETE,
                ends_on=FETE,
                start_time=dt.time(10),
                end_time=dt.time(12),
                room=world.room,
                responsible=user,
            ),
            user=user,
        )
        for change, expected in (
            (
                SeriesChange(series=series, original_date=FETE, new_date=MOVED_TO, reason="x"),
                f"{user} is already busy on 19/06/2027 at 11:00 with “Kochkurs”.",
            ),
            (
                SeriesChange(
                    series=series,
                    original_date=FETE,
                    new_date=MOVED_TO,
                    new_room=kitchen,
                    reason="x",
                ),
                "Room Küche is already booked on 19/06/2027 at 11:00 by “Kochkurs”.",
            ),
        ):
            with translation.override("en"), pytest.raises(ValidationError) as error:
                services.series_change_save(change=change, cancel=False, user=user)
            assert error.value.messages[0] == expected
    assert _stored(series) == [(FETE, FETE, False, False)]


def test_the_series_page_lists_the_moved_date_with_a_restore_button(fete, client_for):
    url = reverse("offers:series_detail", args=["franztreff", fete.fete.pk])
    page = client_for("coordinator").get(url)
    ((occ, change),) = page.context["rows"]
    assert (occ.original_date, change.pk) == (FETE, fete.fete_change.pk)
    restore = reverse("offers:series_restore", args=["franztreff", fete.fete.pk, change.pk])
    assert f'action="{restore}"' in page.content.decode()
    assert "verschoben vom 12.06.2027" in page.content.decode()


def test_restoring_the_moved_date_brings_it_back_to_its_day(fete, client_for):
    client = client_for("coordinator")
    client.post(
        reverse("offers:series_restore", args=["franztreff", fete.fete.pk, fete.fete_change.pk])
    )
    assert _stored(fete.fete) == [(FETE, FETE, False, False)]


def _feed(client):
    return Calendar.from_ical(
        client.get(reverse("offers:ical_public", args=["franztreff"])).content
    )


def test_the_public_feed_shows_the_moved_single_date_at_its_new_date(fete, client):
    (event,) = _feed(client).walk("VEVENT")
    assert (event["DTSTART"].dt, event["DTEND"].dt.time(), event.get("STATUS")) == (
        dt.datetime(2027, 6, 19, 10, tzinfo=event["DTSTART"].dt.tzinfo),
        dt.time(12),
        None,
    )


def test_every_calendar_and_the_door_pdf_show_the_moved_date(fete, client_for):
    client = client_for("coordinator")
    for name in ("offers:week", "offers:room_overview"):
        page = client.get(reverse(name, args=["franztreff"]), {"date": "2027-06-19"})
        saturday = page.context["days"][5]
        assert (name, [o.series_id for o in saturday.items]) == (name, [fete.fete.pk])
    day = client.get(reverse("offers:day", args=["franztreff"]), {"date": "2027-06-19"})
    assert [o.series_id for o in day.context["day"].items] == [fete.fete.pk]
    month = client.get(reverse("offers:month", args=["franztreff"]), {"date": "2027-06-01"})
    items = {
        d.date: [o.series_id for o in d.items] for _n, week in month.context["weeks"] for d in week
    }
    assert (items[FETE], items[MOVED_TO]) == ([], [fete.fete.pk])
    pdf = client.get(reverse("offers:week_pdf", args=["franztreff"]), {"date": "2027-06-19"})
    (sheet,) = PdfReader(io.BytesIO(pdf.content)).pages
    assert "Nachbarschaftsfest" in unhyphenate(sheet.extract_text())


def test_a_weekly_series_keeps_dates_moved_before_its_first_and_after_its_last(world, client):
    user = world.users["coordinator"]
    with scopes_disabled():
        offer = Offer.objects.create(
            treff=world.franztreff, title="Sprachcafé", category="leisure", provider=world.drk
        )
        series = services.series_save(
            series=Series(
                offer=offer,
                kind="weekly",
                weekdays=[1],
                starts_on=dt.date(2027, 1, 5),
                ends_on=dt.date(2027, 1, 19),
                start_time=dt.time(10),
                end_time=dt.time(12),
                room=world.room,
            ),
            user=user,
        )
        for original, new_date in (
            (dt.date(2027, 1, 5), dt.date(2027, 1, 4)),
            (dt.date(2027, 1, 19), dt.date(2027, 1, 26)),
        ):
            services.series_change_save(
                change=SeriesChange(
                    series=series, original_date=original, new_date=new_date, reason="Ferien"
                ),
                cancel=False,
                user=user,
            )
    assert _stored(series) == [
        (dt.date(2027, 1, 5), dt.date(2027, 1, 4), True, False),
        (dt.date(2027, 1, 12), dt.date(2027, 1, 12), False, False),
        (dt.date(2027, 1, 19), dt.date(2027, 1, 26), True, False),
    ]
    master, *moved = _feed(client).walk("VEVENT")
    assert "EXDATE" not in master
    assert [(event["RECURRENCE-ID"].dt.date(), event["DTSTART"].dt.date()) for event in moved] == [
        (dt.date(2027, 1, 5), dt.date(2027, 1, 4)),
        (dt.date(2027, 1, 19), dt.date(2027, 1, 26)),
    ]


def test_a_rooms_private_feed_follows_dates_moved_into_and_out_of_the_room(world, client):
    """The room feed holds what happens in the room: a weekly date moved into the hall is
    there as a single event, and the Gruppenraum's feed no longer has it."""
    user = world.users["coordinator"]
    hall = RoomFactory(treff=world.franztreff, name="Saal")
    with scopes_disabled():
        offer = Offer.objects.create(
            treff=world.franztreff, title="Sprachcafé", category="leisure", provider=world.drk
        )
        series = services.series_save(
            series=Series(
                offer=offer,
                kind="weekly",
                weekdays=[1],
                starts_on=dt.date(2027, 1, 5),
                ends_on=dt.date(2027, 1, 19),
                start_time=dt.time(10),
                end_time=dt.time(12),
                room=world.room,
            ),
            user=user,
        )
        services.series_change_save(
            change=SeriesChange(
                series=series,
                original_date=dt.date(2027, 1, 12),
                new_room=hall,
                reason="Wasserschaden",
            ),
            cancel=False,
            user=user,
        )
        feeds = {
            room.name: CalendarFeed.objects.create(
                treff=world.franztreff, scope="room", room=room, created_by=user, token=token
            )
            for room, token in ((world.room, "g" * 43), (hall, "h" * 43))
        }

    def events(name):
        body = client.get(reverse("offers:ical_private", args=[feeds[name].token])).content
        return Calendar.from_ical(body).walk("VEVENT")

    (master,) = events("Gruppenraum")
    assert [d.dt.date() for d in master["EXDATE"].dts] == [dt.date(2027, 1, 12)]
    (moved_in,) = events("Saal")
    location = str(moved_in["LOCATION"]).split(", ")[:2]
    assert (moved_in["DTSTART"].dt.date(), "RRULE" in moved_in, location) == (
        dt.date(2027, 1, 12),
        False,
        ["Saal", "Franztreff"],
    )


def test_a_closure_day_where_a_moved_date_lands_marks_it(fete):
    with scopes_disabled():
        services.closure_add(
            closure=ClosureDay(date=MOVED_TO, reason="Wasserschaden"),
            treff=fete.franztreff,
            user=fete.users["coordinator"],
        )
        occurrence = Occurrence.objects.get(series=fete.fete)
    assert (occurrence.start.astimezone().date(), occurrence.closed) == (MOVED_TO, "Wasserschaden")


def test_a_date_moved_into_a_plan_period_is_in_its_snapshot(fete):
    with scopes_disabled():
        plan = plans.plan_create(
            plan=PlanVersion(
                title="Sommer", valid_from=dt.date(2027, 6, 14), valid_to=dt.date(2027, 6, 30)
            ),
            treff=fete.franztreff,
            user=fete.users["coordinator"],
        )
        (entry,) = plans.snapshot_of(plan)
    assert (entry["offer"], entry["dates"]) == (
        "Nachbarschaftsfest",
        [
            {
                "date": "2027-06-12",
                "moved_to": "2027-06-19",
                "time": "10:00–12:00",
                "room": "Gruppenraum",
            }
        ],
    )


def test_the_coordinator_moves_a_date_on_the_form(world, client_for):
    with scopes_disabled():
        offer = Offer.objects.create(
            treff=world.franztreff, title="Fest", category="leisure", provider=world.drk
        )
        series = services.series_save(
            series=Series(
                offer=offer,
                kind="once",
                starts_on=FETE,
                ends_on=FETE,
                start_time=dt.time(10),
                end_time=dt.time(12),
                room=world.room,
            ),
            user=world.users["coordinator"],
        )
    response = client_for("coordinator").post(
        reverse("offers:series_change", args=["franztreff", series.pk, "2027-06-12"]),
        {"action": "move", "new_date": "2027-06-19", "reason": "Stadtfest"},
    )
    assert response.status_code == 302
    assert _stored(series) == [(FETE, MOVED_TO, True, False)]
