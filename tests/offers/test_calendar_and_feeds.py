import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled
from icalendar import Calendar
from pypdf import PdfReader

from treff.offers import services
from treff.offers.models import CalendarFeed, Offer

from ..factories import RoomFactory


def test_week_calendar_shows_the_dates_and_marks_the_cancelled_one(plan_world, client_for):
    client = client_for("volunteer")
    response = client.get(reverse("offers:week", args=["franztreff"]), {"date": "2027-01-14"})
    assert response.status_code == 200
    thursday = response.context["days"][3]
    assert (thursday.date, [o.cancelled for o in thursday.items]) == (dt.date(2027, 1, 14), [True])
    assert response.context["iso_week"] == 2


def test_week_calendar_of_one_room(plan_world, client_for):
    with scopes_disabled():
        empty = RoomFactory(treff=plan_world.franztreff, name="Küche")
    client = client_for("coordinator")
    response = client.get(
        reverse("offers:week", args=["franztreff"]), {"date": "2027-01-21", "room": empty.pk}
    )
    assert [len(day.items) for day in response.context["days"]] == [0, 0, 0, 0, 0]


def test_a_room_of_another_treff_in_the_filter_is_not_found(plan_world, client_for):
    client = client_for("coordinator")
    response = client.get(
        reverse("offers:week", args=["franztreff"]), {"room": plan_world.other_room.pk}
    )
    assert response.status_code == 404


def test_a_bad_date_is_a_400_page_that_names_it(plan_world, client_for):
    response = client_for("coordinator").get(
        reverse("offers:week", args=["franztreff"]), {"date": "31.02."}
    )
    assert response.status_code == 400
    assert response.context["message"].count("31.02.") == 1  # the value, named once


@pytest.mark.parametrize("series_count", [1, 6])
def test_week_calendar_query_count_is_fixed(
    plan_world, client_for, django_assert_num_queries, series_count
):
    from treff.offers import services
    from treff.offers.models import Series

    with scopes_disabled():
        for number in range(series_count - 1):
            room = RoomFactory(treff=plan_world.franztreff, name=f"Raum {number}")
            services.series_save(
                series=Series(
                    offer=plan_world.plan.offer,
                    kind="weekly",
                    weekdays=[0, 2],
                    starts_on=dt.date(2027, 1, 4),
                    ends_on=dt.date(2027, 2, 1),
                    start_time=dt.time(9),
                    end_time=dt.time(10),
                    room=room,
                ),
                user=plan_world.users["coordinator"],
            )
    client = client_for("coordinator")
    url = reverse("offers:week", args=["franztreff"])
    # session, user, memberships, Treff, rooms, occurrences, dates moved away, closures,
    # plan rules, opening hours
    with django_assert_num_queries(10):
        assert client.get(url, {"date": "2027-01-18"}).status_code == 200


def test_month_day_and_room_overview_render(plan_world, client_for):
    client = client_for("city")
    for name in ("offers:month", "offers:day", "offers:room_overview"):
        response = client.get(reverse(name, args=["franztreff"]), {"date": "2027-01-21"})
        assert (name, response.status_code) == (name, 200)
    month = client.get(reverse("offers:month", args=["franztreff"]), {"date": "2027-01-21"})
    dates = [day.date for _, week in month.context["weeks"] for day in week]
    assert (dates[0], dates[-1]) == (dt.date(2026, 12, 28), dt.date(2027, 1, 31))


def _parse(response) -> Calendar:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_public_ical_feed_has_timezone_rrule_and_exdate(plan_world, client):
    response = client.get(reverse("offers:ical_public", args=["franztreff"]))
    calendar = _parse(response)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    (event,) = calendar.walk("VEVENT")
    assert event["SUMMARY"] == "Seniorencafé"
    assert event["RRULE"].to_ical() == b"FREQ=WEEKLY;UNTIL=20270325T225959Z;BYDAY=TH"
    assert event["DTSTART"].dt == dt.datetime(2027, 1, 7, 14, 30, tzinfo=event["DTSTART"].dt.tzinfo)
    assert str(event["DTSTART"].dt.tzinfo) == "Europe/Berlin"
    exdates = [d.dt.date() for d in event["EXDATE"].dts]
    assert exdates == [dt.date(2027, 1, 14)]  # the cancelled date


def test_public_feed_leaves_out_internal_offers(plan_world, client):
    with scopes_disabled():
        Offer.objects.filter(pk=plan_world.plan.offer.pk).update(public=False)
    calendar = _parse(client.get(reverse("offers:ical_public", args=["franztreff"])))
    assert calendar.walk("VEVENT") == []
    response = client.get(
        reverse("offers:ical_offer", args=["franztreff", plan_world.plan.offer.pk])
    )
    assert response.status_code == 404


def test_private_feed_shows_internal_offers_with_the_token_only(plan_world, client):
    with scopes_disabled():
        Offer.objects.filter(pk=plan_world.plan.offer.pk).update(public=False)
    token = plan_world.plan.feed.token
    calendar = _parse(client.get(reverse("offers:ical_private", args=[token])))
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Seniorencafé"]
    assert client.get(reverse("offers:ical_private", args=["x" * 43])).status_code == 404


def test_a_private_feed_stops_when_its_owner_loses_access(plan_world, client):
    with scopes_disabled():
        plan_world.users["coordinator"].memberships.all().delete()
    token = plan_world.plan.feed.token
    assert client.get(reverse("offers:ical_private", args=[token])).status_code == 404


def test_a_moved_date_is_a_recurrence_id_override(plan_world, client):
    from treff.offers import services
    from treff.offers.models import SeriesChange

    with scopes_disabled():
        services.series_change_save(
            change=SeriesChange(
                series=plan_world.plan.series,
                original_date=dt.date(2027, 1, 21),
                new_date=dt.date(2027, 1, 22),
                reason="Ausflug",
            ),
            cancel=False,
            user=plan_world.users["coordinator"],
        )
    calendar = _parse(client.get(reverse("offers:ical_public", args=["franztreff"])))
    master, moved = calendar.walk("VEVENT")
    assert master["UID"] == moved["UID"]
    assert moved["RECURRENCE-ID"].dt.date() == dt.date(2027, 1, 21)
    assert moved["DTSTART"].dt.date() == dt.date(2027, 1, 22)


def test_coordinator_creates_and_revokes_a_private_feed(plan_world, client_for):
    client = client_for("coordinator")
    url = reverse("offers:feeds", args=["franztreff"])
    client.post(url, {"target": f"room-{plan_world.room.pk}"})
    client.post(url, {"target": f"offer-{plan_world.plan.offer.pk}"})
    with scopes_disabled():
        feed = CalendarFeed.objects.get(scope="room")
        offer_feed = CalendarFeed.objects.get(scope="offer")
    assert (feed.room, len(feed.token)) == (plan_world.room, 43)
    assert offer_feed.offer == plan_world.plan.offer
    assert client.post(url, {"target": f"room-{plan_world.other_room.pk}"}).status_code == 404
    client.post(reverse("offers:feed_revoke", args=["franztreff", feed.pk]))
    with scopes_disabled():
        assert CalendarFeed.objects.filter(scope="room").exists() is False


def test_the_weekly_plan_is_an_a4_landscape_pdf(plan_world, client_for):
    response = client_for("volunteer").get(
        reverse("offers:week_pdf", args=["franztreff"]), {"date": "2027-01-21"}
    )
    assert response["Content-Type"] == "application/pdf"
    (page,) = PdfReader(io.BytesIO(response.content)).pages
    # A4 landscape: 297 × 210 mm = 841.89 × 595.28 points.
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)
    text = page.extract_text()
    assert "Seniorencafé" in text
    assert "Franztreff" in text


def test_the_door_plan_leaves_out_internal_offers(plan_world, client_for):
    with scopes_disabled():
        Offer.objects.filter(pk=plan_world.plan.offer.pk).update(public=False)
    response = client_for("coordinator").get(
        reverse("offers:week_pdf", args=["franztreff"]), {"date": "2027-01-21"}
    )
    (page,) = PdfReader(io.BytesIO(response.content)).pages
    assert "Seniorencafé" not in page.extract_text()


def test_the_feed_service_refuses_another_treffs_room_and_an_outsider(world):
    """Called directly, as a command would: the same refusals as the feeds page."""
    with scopes_disabled():
        with pytest.raises(ValidationError) as other_room:
            services.feed_create(
                treff=world.franztreff, user=world.users["coordinator"], room=world.other_room
            )
        with pytest.raises(ValidationError) as outsider:
            services.feed_create(treff=world.franztreff, user=world.users["outsider"])
        assert other_room.value.message_dict == {"target": ["Dies gehört zu einem anderen Treff."]}
        assert outsider.value.messages == ["Sie dürfen den Plan dieses Treffs nicht sehen."]
        assert CalendarFeed.objects.exists() is False


def test_the_same_feed_twice_is_one_feed_and_only_its_creator_revokes_it(world):
    with scopes_disabled():
        coordinator = world.users["coordinator"]
        first, created = services.feed_create(
            treff=world.franztreff, user=coordinator, room=world.room
        )
        again, created_again = services.feed_create(
            treff=world.franztreff, user=coordinator, room=world.room
        )
        assert (again.pk, created, created_again) == (first.pk, True, False)
        with pytest.raises(ValidationError) as refused:
            services.feed_revoke(feed=first, user=world.users["outsider"])
        assert refused.value.messages == [
            "Nur die Person, die eine Kalenderadresse angelegt hat, kann sie widerrufen."
        ]
        services.feed_revoke(feed=first, user=coordinator)
        assert CalendarFeed.objects.exists() is False
