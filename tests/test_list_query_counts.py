"""The lists of a Treff read a fixed number of queries, whatever the number of rows.

Each list is rendered with a few rows and with ten times as many, and both must take
exactly the same number of queries (a query per row would show as a difference). The
numbers are named constants, written where the page is built, so a change in a shared part
(the base template, the Treff navigation) is adjusted in one visible place per list.

Every page starts with the same four queries: session, user, memberships, Treff.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from .factories import RoomFactory

FEW, MANY = 3, 30


def _offers(world, count):
    """`count` offers, each with a weekly series in a room of its own (no double booking)."""
    from treff.offers import services
    from treff.offers.models import Offer, Series

    coordinator = world.users["coordinator"]
    for number in range(count):
        offer = services.offer_save(
            offer=Offer(title=f"Angebot {number}", category="leisure", provider=world.drk),
            treff=world.franztreff,
            user=coordinator,
        )
        services.series_save(
            series=Series(
                offer=offer,
                kind="weekly",
                weekdays=[number % 5],
                starts_on=dt.date(2027, 1, 4),
                ends_on=dt.date(2027, 1, 31),
                start_time=dt.time(9),
                end_time=dt.time(10),
                room=RoomFactory(treff=world.franztreff, name=f"Raum {number}"),
            ),
            user=coordinator,
        )


def _volunteers(world, count):
    """`count` volunteers with an availability and a qualification each."""
    from treff.volunteers.models import Availability, Volunteer
    from treff.volunteers.models_shifts import VolunteerQualification

    for number in range(count):
        volunteer = Volunteer.objects.create(
            treff=world.franztreff,
            first_name=f"Vorname {number}",
            last_name=f"Nachname {number}",
            help_kinds=["shopping"],
            languages=["de"],
            district="mitte",
            mobility="foot",
        )
        Availability.objects.create(
            volunteer=volunteer, weekday=number % 7, start=dt.time(9), end=dt.time(12)
        )
        VolunteerQualification.objects.create(
            volunteer=volunteer,
            kind="first_aid",
            obtained_on=dt.date(2026, 1, 1),
            valid_until=dt.date(2027, 12, 31),
        )


def _help_requests(world, count):
    """`count` help requests of as many seekers, every other one proposed to a volunteer."""
    from treff.volunteers.models import HelpRequest, HelpSeeker

    today = timezone.localdate()
    for number in range(count):
        seeker = HelpSeeker.objects.create(
            treff=world.franztreff,
            name=f"Frau {number}",
            phone="0340 123456",
            district="mitte",
            channel="phone",
            consent_on=today,
        )
        HelpRequest.objects.create(
            treff=world.franztreff,
            seeker=seeker,
            kind="shopping",
            date=today + dt.timedelta(days=number % 10),
            start=dt.time(10),
            end=dt.time(11),
            volunteer=world.help.other_volunteer if number % 2 else None,
            status="proposed" if number % 2 else "open",
        )


def _plan_versions(world, count):
    """`count` submitted plan versions, each of a period of its own (so each is in force)
    around the world's series (so each shows the series added since it was submitted)."""
    from treff.offers.models import PlanVersion

    for number in range(count):
        PlanVersion.objects.create(
            treff=world.franztreff,
            title=f"Zeitraum {number}",
            valid_from=dt.date(2027, 1, 1) + dt.timedelta(days=number + 1),
            valid_to=dt.date(2027, 6, 30),
            number=1,
            status="submitted",
            submitted_at=timezone.now(),
            submitted_by=world.users["coordinator"],
        )


def _booking_requests(world, count):
    """`count` booking requests of the counsellor's partner to Franztreff."""
    from treff.offers import services
    from treff.offers.models import BookingRequest

    for number in range(count):
        services.booking_request_create(
            booking_request=BookingRequest(
                provider=world.partner,
                title=f"Beratung {number}",
                kind="weekly",
                interval=1,
                weekdays=[number % 5],
                starts_on=dt.date(2027, 2, 1),
                ends_on=dt.date(2027, 3, 31),
                start_time=dt.time(14),
                end_time=dt.time(15),
            ),
            treff=world.franztreff,
            user=world.users["counsellor"],
        )


def _clients(world, count):
    """`count` client records of the counsellor, each with one contact."""
    from treff.counselling import services
    from treff.counselling.models import Client, Contact

    today = timezone.localdate()
    counsellor = world.users["counsellor"]
    for number in range(count):
        client = services.client_save(
            client=Client(
                name=f"Klient {number}",
                consent_on=today - dt.timedelta(days=10),
                consent_scope="referral",
            ),
            treff=world.franztreff,
            user=counsellor,
        )
        services.contact_save(
            contact=Contact(date=today - dt.timedelta(days=number % 5), minutes=30, client=client),
            topics=["debt"],
            note="",
            treff=world.franztreff,
            user=counsellor,
        )


# The queries after the four every page starts with (session, user, memberships, Treff);
# the booking requests are not a page of one Treff, so theirs has no Treff query.
OFFER_LIST = 6  # + offers, series with offer and room
# The city's districts (treffs.districts.gazetteer) are read once per request that names one.
VOLUNTEER_LIST = 9  # + minutes of help, minutes of shifts, volunteers, applications, districts
HELP_LIST = 6  # + help requests with seeker and volunteer, districts
PLAN_LIST = 7  # + versions, series of the periods in force, their changed dates
REQUEST_LIST_COORDINATOR = 4  # booking requests with Treff, provider, requester, series
REQUEST_LIST_COUNSELLOR = 5  # + the counsellor's Treffs (for "new request")
CLIENT_LIST = 5  # + client records with their number of contacts and the last one

# (url name, whose page): (the rows it lists, the queries it takes)
LISTS = {
    ("offers:offer_list", "coordinator"): (_offers, OFFER_LIST),
    ("volunteers:list", "coordinator"): (_volunteers, VOLUNTEER_LIST),
    ("volunteers:help_list", "coordinator"): (_help_requests, HELP_LIST),
    ("offers:plan_list", "coordinator"): (_plan_versions, PLAN_LIST),
    ("offers:booking_request_list", "coordinator"): (_booking_requests, REQUEST_LIST_COORDINATOR),
    ("offers:booking_request_list", "counsellor"): (_booking_requests, REQUEST_LIST_COUNSELLOR),
    ("counselling:clients", "counsellor"): (_clients, CLIENT_LIST),
}


@pytest.mark.parametrize("size", [FEW, MANY])
@pytest.mark.parametrize(("name", "user"), list(LISTS))
def test_list_query_count_does_not_grow_with_its_rows(
    plan_world, help_world, client_for, django_assert_num_queries, name, user, size
):
    build, queries = LISTS[name, user]
    with scopes_disabled():
        build(plan_world, size)
    client = client_for(user)
    args = [] if name == "offers:booking_request_list" else ["franztreff"]
    with django_assert_num_queries(queries):
        response = client.get(reverse(name, args=args))
    assert response.status_code == 200
