"""The year in figures: counts per Treff and month for those who oversee Treffs."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from treff.operations import services as operations

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
