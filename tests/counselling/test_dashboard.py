"""A visiting counsellor's dashboard: their own office-hour dates and follow-ups (issue 11)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from treff.counselling import services as counselling_services
from treff.counselling.models import Contact
from treff.offers import services
from treff.offers.models import BookingRequest, Occurrence, Offer, Series, SeriesChange


@pytest.fixture
def office_hours(counselling):
    """Franztreff: the counsellor's accepted request (Tuesdays 10–12 from 1 Dec 2026, the
    date of 15 Dec cancelled), a series naming them responsible (Thursday 3 Dec 2026 only),
    a series of the coordinator's; an upcoming follow-up of the counsellor on 10 Dec."""
    world = counselling
    counsellor, coordinator = world.users["counsellor"], world.users["coordinator"]
    with scopes_disabled():
        request = services.booking_request_create(
            booking_request=BookingRequest(
                provider=world.partner,
                title="Schuldnerberatung",
                kind="weekly",
                weekdays=[1],
                starts_on=dt.date(2026, 12, 1),
                ends_on=dt.date(2027, 3, 30),
                start_time=dt.time(10),
                end_time=dt.time(12),
            ),
            treff=world.franztreff,
            user=counsellor,
        )
        services.booking_request_accept(booking_request=request, room=world.room, user=coordinator)
        request.refresh_from_db()
        services.series_change_save(
            change=SeriesChange(
                series=request.series, original_date=dt.date(2026, 12, 15), reason="Urlaub"
            ),
            cancel=True,
            user=coordinator,
        )
        offer = services.offer_save(
            offer=Offer(
                title="Sozialberatung", category="visiting_counselling", provider=world.partner
            ),
            treff=world.franztreff,
            user=coordinator,
        )
        for responsible, start in ((counsellor, dt.time(15)), (coordinator, dt.time(9))):
            services.series_save(
                series=Series(
                    offer=offer,
                    kind="once",
                    starts_on=dt.date(2026, 12, 3),
                    ends_on=dt.date(2026, 12, 3),
                    start_time=start,
                    end_time=dt.time(start.hour + 1),
                    room=world.room,
                    responsible=responsible,
                ),
                user=coordinator,
            )
        counselling_services.contact_save(
            contact=Contact(
                date=timezone.localdate(), minutes=30, follow_up_on=dt.date(2026, 12, 10)
            ),
            topics=["housing"],
            treff=world.franztreff,
            user=counsellor,
        )
    return world


def test_the_counsellor_sees_their_own_dates_of_the_next_four_weeks(office_hours, client_for):
    response = client_for("counsellor").get(reverse("dashboard:home"))
    dates = [
        (timezone.localtime(occ.start), occ.series.offer.title, occ.room.name, occ.cancelled)
        for occ in response.context["office_hours"]
    ]
    berlin = timezone.get_current_timezone()
    assert dates == [
        (dt.datetime(2026, 12, 1, 10, tzinfo=berlin), "Schuldnerberatung", "Gruppenraum", False),
        (dt.datetime(2026, 12, 3, 15, tzinfo=berlin), "Sozialberatung", "Gruppenraum", False),
        (dt.datetime(2026, 12, 8, 10, tzinfo=berlin), "Schuldnerberatung", "Gruppenraum", False),
        (dt.datetime(2026, 12, 15, 10, tzinfo=berlin), "Schuldnerberatung", "Gruppenraum", True),
        (dt.datetime(2026, 12, 22, 10, tzinfo=berlin), "Schuldnerberatung", "Gruppenraum", False),
    ]
    content = response.content.decode()
    assert "Di, 01.12.2026, 10:00–12:00</time></strong>: Schuldnerberatung" in content
    assert "Raum Gruppenraum, Franztreff" in content


def test_the_counsellor_sees_upcoming_and_overdue_follow_ups_with_their_topics(
    office_hours, client_for
):
    client = client_for("counsellor")
    client.cookies["django_language"] = "en"
    response = client.get(reverse("dashboard:home"))
    follow_ups = [
        (contact.follow_up_on, contact.topic_labels()) for contact in response.context["follow_ups"]
    ]
    assert follow_ups == [
        (dt.date(2026, 11, 29), ["Social benefits / Bürgergeld", "Debts"]),
        (dt.date(2026, 12, 10), ["Housing, rent and energy"]),
    ]
    content = response.content.decode()
    assert "Topics: Housing, rent and energy" in content
    assert "overdue since 29/11/2026" in content


def test_an_outsider_sees_none_of_the_counsellors_dates_or_follow_ups(office_hours, client_for):
    response = client_for("outsider").get(reverse("dashboard:home"))
    assert "office_hours" not in response.context
    assert [c.treff.slug for c in response.context["follow_ups"]] == []
    content = response.content.decode()
    assert "Schuldnerberatung" not in content
    assert "Wohnen" not in content
    with scopes_disabled():
        assert Occurrence.objects.filter(treff=office_hours.franztreff).count() == 20


def test_a_counsellor_without_dates_is_told_where_they_come_from(counselling, client_for):
    response = client_for("counsellor").get(reverse("dashboard:home"))
    assert response.context["office_hours"] == []
    assert (
        "Im Plan der nächsten vier Wochen stehen keine eigenen Sprechstunden."
        in response.content.decode()
    )
