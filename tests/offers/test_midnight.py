"""Events may end at midnight: 20:00–24:00 is stored as 20:00–00:00 (treff.core.times).

The issue's test: a 20:00–24:00 weekly series is saved, shown and in the feed, conflicts with
a 23:00–23:30 booking in the same room and not with a 00:00–01:00 booking the next day. The
same holds for booking requests, single-date moves, opening hours, plan rules, planning
requests and the planner's grid.
"""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled
from icalendar import Calendar
from pypdf import PdfReader

from treff.offers import services
from treff.offers.engine import Kind, Recurrence, SeriesSpec, TreffRules, check_rules, expand
from treff.offers.models import BookingRequest, Occurrence, Offer, PlanRules, Series, SeriesChange

BERLIN = ZoneInfo("Europe/Berlin")
FRIDAY = dt.date(2027, 1, 8)


@pytest.fixture
def evening(world, client_for):
    """Spieleabend every Friday 20:00–24:00 in the Gruppenraum, entered on the form as 24:00."""
    with scopes_disabled():
        offer = Offer.objects.create(
            treff=world.franztreff, title="Spieleabend", category="leisure", provider=world.drk
        )
    response = client_for("coordinator").post(
        reverse("offers:series_create", args=["franztreff"]),
        {
            "offer": offer.pk,
            "kind": "weekly",
            "starts_on": "2027-01-08",
            "ends_on": "2027-01-29",
            "interval": "1",
            "weekdays": ["4"],
            "start_time": "20:00",
            "end_time": "24:00",
            "room": world.room.pk,
            "holiday_policy": "skip",
            "needs_barrier_free": "on",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        world.evening = Series.objects.get(offer=offer)
    return world


def _single(world, title, day, start, end):
    with scopes_disabled():
        offer = Offer.objects.create(
            treff=world.franztreff, title=title, category="leisure", provider=world.drk
        )
        return services.series_save(
            series=Series(
                offer=offer,
                kind="once",
                starts_on=day,
                ends_on=day,
                start_time=start,
                end_time=end,
                room=world.room,
            ),
            user=world.users["coordinator"],
        )


def test_the_evening_series_is_saved_until_midnight(evening):
    with scopes_disabled():
        first = Occurrence.objects.filter(series=evening.evening).order_by("start").first()
    assert (evening.evening.end_time, evening.evening.rrule) == (
        dt.time(0),
        "FREQ=WEEKLY;BYDAY=FR;UNTIL=20270129T225959Z",
    )
    assert (first.start.astimezone(BERLIN), first.end.astimezone(BERLIN)) == (
        dt.datetime(2027, 1, 8, 20, tzinfo=BERLIN),
        dt.datetime(2027, 1, 9, 0, tzinfo=BERLIN),
    )


def test_the_evening_conflicts_with_a_late_booking_but_not_with_the_next_morning(evening):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _single(evening, "Nachtcafé", FRIDAY, dt.time(23), dt.time(23, 30))
    assert error.value.messages == [
        "Room Gruppenraum is already booked on 08/01/2027 at 23:00 by “Spieleabend”."
    ]
    after = _single(evening, "Frühstück", FRIDAY + dt.timedelta(days=1), dt.time(0), dt.time(1))
    assert after.pk is not None


def test_the_calendars_the_pdf_and_the_lists_show_24_00(evening, client_for):
    client = client_for("coordinator")
    week = client.get(reverse("offers:week", args=["franztreff"]), {"date": "2027-01-08"})
    assert "20:00</time>–<time" in week.content.decode()
    assert ">24:00</time>" in week.content.decode()
    detail = client.get(reverse("offers:series_detail", args=["franztreff", evening.evening.pk]))
    assert detail.context["description"] == "wöchentlich am Freitag, 20:00–24:00"
    assert '<td class="kern-table__cell">20:00–24:00</td>' in detail.content.decode()
    pdf = client.get(reverse("offers:week_pdf", args=["franztreff"]), {"date": "2027-01-08"})
    (page,) = PdfReader(io.BytesIO(pdf.content)).pages
    assert "20:00–24:00" in page.extract_text()


def test_the_feed_ends_the_evening_at_the_next_days_midnight(evening, client):
    calendar = Calendar.from_ical(
        client.get(reverse("offers:ical_public", args=["franztreff"])).content
    )
    (event,) = calendar.walk("VEVENT")
    assert (event["DTSTART"].dt, event["DTEND"].dt) == (
        dt.datetime(2027, 1, 8, 20, tzinfo=event["DTSTART"].dt.tzinfo),
        dt.datetime(2027, 1, 9, 0, tzinfo=event["DTSTART"].dt.tzinfo),
    )


def test_a_date_moved_to_end_at_midnight_on_the_form(world, client_for):
    series = _single(world, "Lesung", FRIDAY, dt.time(18), dt.time(20))
    response = client_for("coordinator").post(
        reverse("offers:series_change", args=["franztreff", series.pk, "2027-01-08"]),
        {
            "action": "move",
            "new_date": "2027-01-15",
            "new_start": "21:00",
            "new_end": "24:00",
            "reason": "Später",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        occurrence = Occurrence.objects.get(series=series)
        assert SeriesChange.objects.get(series=series).new_end == dt.time(0)
    assert occurrence.end.astimezone(BERLIN) == dt.datetime(2027, 1, 16, 0, tzinfo=BERLIN)


def test_a_moved_start_that_would_run_past_midnight_is_refused(world):
    series = _single(world, "Lesung", FRIDAY, dt.time(18), dt.time(20))
    with scopes_disabled(), translation.override("en"), pytest.raises(ValidationError) as error:
        services.series_change_save(
            change=SeriesChange(
                series=series, original_date=FRIDAY, new_start=dt.time(23), reason="x"
            ),
            cancel=False,
            user=world.users["coordinator"],
        )
    with translation.override("en"):
        assert error.value.message_dict == {
            "new_start": [
                "Starting at 23:00, the date would end after midnight (it lasts until 20:00 as "
                "a rule); choose an earlier start or a new end."
            ]
        }
    # Starting at 22:00 it ends exactly at midnight, which is fine.
    with scopes_disabled():
        services.series_change_save(
            change=SeriesChange(
                series=series, original_date=FRIDAY, new_start=dt.time(22), reason="x"
            ),
            cancel=False,
            user=world.users["coordinator"],
        )
        occurrence = Occurrence.objects.get(series=series)
    assert occurrence.end.astimezone(BERLIN) == dt.datetime(2027, 1, 9, 0, tzinfo=BERLIN)


def test_a_booking_request_until_midnight_is_accepted(world):
    with scopes_disabled():
        request = services.booking_request_create(
            booking_request=BookingRequest(
                provider=world.partner,
                title="Selbsthilfegruppe",
                kind="monthly_nth",
                nth=1,
                weekdays=[2],
                starts_on=dt.date(2027, 1, 1),
                ends_on=dt.date(2027, 3, 31),
                start_time=dt.time(21),
                end_time=dt.time(0),
            ),
            treff=world.franztreff,
            user=world.users["counsellor"],
        )
        series = services.booking_request_accept(
            booking_request=request, room=world.room, user=world.users["coordinator"]
        )
        ends = [o.end.astimezone(BERLIN) for o in Occurrence.objects.filter(series=series)]
    # 6 January is a public holiday in Sachsen-Anhalt (Heilige Drei Könige): skipped.
    assert ends == [
        dt.datetime(2027, 2, 4, 0, tzinfo=BERLIN),
        dt.datetime(2027, 3, 4, 0, tzinfo=BERLIN),
    ]


def test_lunch_hours_and_presence_may_end_at_midnight(world, client_for):
    response = client_for("coordinator").post(
        reverse("offers:plan_settings", args=["franztreff"]),
        {
            "form": "rules",
            "coordinator_presence": "on",
            "presence_start": "09:00",
            "presence_end": "24:00",
            "lunch_max_per_week": "3",
            "lunch_start": "11:00",
            "lunch_end": "13:00",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert PlanRules.objects.get(treff=world.franztreff).presence_end == dt.time(0)


def test_the_rules_engine_reads_an_end_of_midnight_as_24_00():
    monday = dt.date(2027, 1, 4)
    rules = TreffRules(presence_start=dt.time(9), presence_end=dt.time(0), lunch_end=dt.time(0))
    # The coordinator is there 09:00–24:00: covered. A lunch until midnight is within hours.
    spec = SeriesSpec(
        series_id=1,
        recurrence=Recurrence(Kind.ONCE, monday, monday),
        start_time=dt.time(18),
        end_time=dt.time(0),
        room_id=1,
    )
    lunch = expand(spec, tz=BERLIN, window_start=monday, window_end=monday)
    warnings = check_rules(
        rules=rules,
        occurrences=lunch,
        lunch_series_ids={1},
        coordinator_hours=[(monday, dt.time(9), dt.time(0))],
        has_visiting_counselling_room=True,
        window_start=monday,
        window_end=monday,
    )
    assert warnings == []
    assert lunch[0].end == dt.datetime(2027, 1, 5, 0, tzinfo=BERLIN)


def test_the_engine_refuses_an_end_before_the_start_but_takes_midnight():
    rule = Recurrence(Kind.ONCE, FRIDAY, FRIDAY)
    SeriesSpec(1, rule, dt.time(20), dt.time(0), room_id=1)
    with pytest.raises(ValueError, match="end_time must lie after start_time"):
        SeriesSpec(1, rule, dt.time(20), dt.time(19), room_id=1)


# --- What the pages say about midnight (UX note 19) ------------------------------------------

ENDS_BY_MIDNIGHT = (
    "A date ends at midnight at the latest: it cannot run into the next day. For an end at "
    "midnight enter 00:00."
)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_end_time_fields_say_to_enter_00_00_for_midnight(plan_world, client_for):
    client = client_for("coordinator")
    series = plan_world.plan.series
    pages = {
        "series": (reverse("offers:series_edit", args=["franztreff", series.pk]), "end_time"),
        "move": (
            reverse("offers:series_change", args=["franztreff", series.pk, "2027-01-21"]),
            "new_end",
        ),
    }
    hints = {}
    for name, (url, field) in pages.items():
        hints[name] = client.get(url, **EN).context["form"].fields[field].help_text
    settings = client.get(reverse("offers:plan_settings", args=["franztreff"]), **EN)
    hints["settings"] = settings.context["rules_form"].fields["lunch_end"].help_text
    assert hints == dict.fromkeys(["series", "move", "settings"], "For midnight enter 00:00.")


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("20:00", "00:30", ENDS_BY_MIDNIGHT),
        ("22:00", "02:00", ENDS_BY_MIDNIGHT),
        ("14:00", "13:00", "The end time must be after the start time."),
        ("10:00", "05:00", "The end time must be after the start time."),
    ],
)
def test_an_end_after_midnight_is_refused_with_what_to_enter(
    plan_world, client_for, start, end, message
):
    response = client_for("coordinator").post(
        reverse("offers:series_create", args=["franztreff"]),
        {
            "offer": plan_world.plan.offer.pk,
            "kind": "once",
            "interval": "1",
            "starts_on": "2027-04-02",
            "start_time": start,
            "end_time": end,
            "room": plan_world.room.pk,
            "holiday_policy": "skip",
        },
        **EN,
    )
    assert response.context["form"].errors == {"end_time": [message]}


def test_a_move_past_midnight_is_refused_with_what_to_enter(world):
    series = _single(world, "Lesung", FRIDAY, dt.time(18), dt.time(20))
    with scopes_disabled(), translation.override("en"), pytest.raises(ValidationError) as error:
        services.series_change_save(
            change=SeriesChange(
                series=series,
                original_date=FRIDAY,
                new_start=dt.time(21),
                new_end=dt.time(0, 30),
                reason="x",
            ),
            cancel=False,
            user=world.users["coordinator"],
        )
    with translation.override("en"):
        assert error.value.message_dict == {"new_end": [ENDS_BY_MIDNIGHT]}
