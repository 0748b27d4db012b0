"""The year in figures: counts per Treff and month for those who oversee Treffs."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from treff.counselling.models import Contact
from treff.dashboard.figures import year_figures
from treff.operations import services as operations
from treff.operations.models import Handout, LunchDay, Tally, TallyEvent

from .counselling.world import build_counselling
from .operations.conftest import operations_objects


@pytest.fixture
def history(world):
    objects = operations_objects(world)
    counselling = build_counselling(world)
    with scopes_disabled():
        for _visitor in range(2):
            operations.tally_tap(
                treff=world.franztreff,
                day=timezone.localdate(objects.occurrence.start),
                occurrence=objects.occurrence,
                key=uuid.uuid4(),
                user=world.users["volunteer"],
            )
    return objects, counselling


def _table(response, treff):
    (table,) = [t for t in response.context["tables"] if t.treff == treff]
    return table


def test_the_city_sees_every_treff_in_counts(world, history, client_for):
    objects, counselling = history
    year = objects.lunch.date.year
    response = client_for("city").get(reverse("dashboard:figures"), {"year": year})
    assert [t.treff.name for t in response.context["tables"]] == ["Franztreff", "Rosseltreff"]
    franz = _table(response, world.franztreff)
    lunch_month = franz.months[objects.lunch.date.month - 1]
    assert (lunch_month.lunch_days, lunch_month.portions) == (1, 28)
    visit_month = franz.months[timezone.localdate(objects.occurrence.start).month - 1]
    assert visit_month.visitors == 2
    with scopes_disabled():
        contacts = sum(
            1
            for contact in (counselling.contact, counselling.anonymous_contact)
            if contact.date.year == year
        )
    assert franz.total.contacts == contacts
    assert "Frau Weber" not in response.content.decode()


@pytest.mark.parametrize(
    ("user", "treffs"),
    [
        ("carrier", ["Franztreff"]),
        ("coordinator", ["Franztreff"]),
        ("outsider", ["Rosseltreff"]),
        ("committee", ["Franztreff", "Rosseltreff"]),
    ],
)
def test_each_sees_the_treffs_they_oversee(world, history, client_for, user, treffs):
    response = client_for(user).get(reverse("dashboard:figures"))
    assert [t.treff.name for t in response.context["tables"]] == treffs


@pytest.mark.parametrize("user", ["counsellor", "volunteer", "no_role"])
def test_people_who_do_not_oversee_a_treff_are_refused(world, client_for, user):
    assert client_for(user).get(reverse("dashboard:figures")).status_code == 403


def test_a_bad_year_is_refused_with_a_message(world, client_for):
    response = client_for("city").get(reverse("dashboard:figures"), {"year": "soon"})
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year
    assert response.context["form"].errors["year"] == [gettext("Enter a whole number.")]


def test_the_number_of_queries_does_not_grow_with_the_data(
    world, history, client_for, django_assert_num_queries
):
    client = client_for("city")
    # session, user, memberships, Treffs, visitors, lunch, clothing (2), counselling (4)
    with django_assert_num_queries(12):
        client.get(reverse("dashboard:figures"))


def _day(treff, date, *, planned, served=None):
    return LunchDay.objects.create(
        treff=treff, date=date, portions_planned=planned, portions_served=served
    )


def test_only_days_that_have_happened_count(world, client_for):
    """The clock says 2026-11-30 10:00: December's planned lunch days are no lunch days yet."""
    franz = world.franztreff
    with scopes_disabled():
        _day(franz, dt.date(2026, 11, 27), planned=30, served=24)
        _day(franz, dt.date(2026, 11, 29), planned=30, served=20)
        _day(franz, dt.date(2026, 11, 30), planned=30)  # today, not served yet
        for day in (1, 3, 8, 10):
            _day(franz, dt.date(2026, 12, day), planned=30)
        for date, visitors in ((dt.date(2026, 11, 30), 3), (dt.date(2026, 12, 2), 5)):
            tally = Tally.objects.create(treff=franz, kind="drop_in", date=date)
            for _visitor in range(visitors):
                TallyEvent.objects.create(treff=franz, tally=tally, key=uuid.uuid4(), delta=1)
        for date, quantity in ((dt.date(2026, 11, 30), 4), (dt.date(2026, 12, 1), 9)):
            Handout.objects.create(
                treff=franz,
                date=date,
                category="jackets",
                size_group="adult_lxl",
                quantity=quantity,
            )
        for date in (dt.date(2026, 11, 30), dt.date(2026, 12, 4)):
            Contact.objects.create(treff=franz, date=date, minutes=30)
    response = client_for("coordinator").get(reverse("dashboard:figures"), {"year": 2026})
    table = _table(response, franz)
    november, december = table.months[10], table.months[11]
    assert (november.lunch_days, november.portions) == (2, 44)
    assert (november.visitors, november.clothes_out, november.contacts) == (3, 4, 1)
    assert (december.lunch_days, december.portions) == (0, 0)
    assert (december.visitors, december.clothes_out, december.contacts) == (0, 0, 0)
    assert (table.total.lunch_days, table.total.portions) == (2, 44)


def test_todays_lunch_day_counts_once_its_portions_are_recorded(world):
    franz = world.franztreff
    with scopes_disabled():
        today = _day(franz, dt.date(2026, 11, 30), planned=30)
        before = year_figures([franz], 2026)[0].months[10]
        today.portions_served = 27
        today.save()
        after = year_figures([franz], 2026)[0].months[10]
    assert (before.lunch_days, before.portions) == (0, 0)
    assert (after.lunch_days, after.portions) == (1, 27)


def test_the_page_says_that_the_running_year_counts_up_to_today(world, client_for):
    client = client_for("city")
    running = client.get(reverse("dashboard:figures"), {"year": 2026})
    last_year = client.get(reverse("dashboard:figures"), {"year": 2025})
    assert (running.context["until"], last_year.context["until"]) == (dt.date(2026, 11, 30), None)
