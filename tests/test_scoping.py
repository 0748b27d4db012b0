"""The Treff scope: a query over Treff data outside a scope fails loudly; inside, it sees
only the user's Treffs."""

import pytest
from django_scopes import ScopeError, scope, scopes_disabled

from treff.treffs.access import roles_of
from treff.treffs.models import OpeningHours, Room, Treff


@pytest.mark.parametrize("model", [Treff, Room, OpeningHours])
def test_query_without_scope_raises(world, model):
    with pytest.raises(ScopeError):
        list(model.objects.all())


def test_query_without_scope_raises_on_filter_and_count(world):
    with pytest.raises(ScopeError):
        Room.objects.filter(name="Gruppenraum").count()


def _visible_rooms(user):
    with scope(treff=roles_of(user).treff_scope):
        return sorted(Room.objects.values_list("name", flat=True))


def test_coordinator_sees_only_own_rooms(world):
    assert _visible_rooms(world.users["coordinator"]) == ["Gruppenraum"]


def test_outsider_sees_only_the_other_treffs_rooms(world):
    assert _visible_rooms(world.users["outsider"]) == ["Garten"]


def test_carrier_admin_sees_the_rooms_of_the_carriers_treffs(world):
    assert _visible_rooms(world.users["carrier"]) == ["Gruppenraum"]
    assert _visible_rooms(world.users["other_carrier"]) == ["Garten"]


def test_city_staff_sees_every_treff(world):
    assert _visible_rooms(world.users["city"]) == ["Garten", "Gruppenraum"]


def test_user_without_role_sees_nothing(world):
    assert _visible_rooms(world.users["no_role"]) == []


def test_anonymous_sees_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert _visible_rooms(AnonymousUser()) == []


def test_inactive_user_loses_scope(world):
    user = world.users["coordinator"]
    user.is_active = False
    assert _visible_rooms(user) == []


def test_carrier_admin_scope_follows_a_new_treff_of_the_carrier(world):
    from tests.factories import RoomFactory, TreffFactory

    with scopes_disabled():
        RoomFactory(treff=TreffFactory(carrier=world.drk, slug="neu"), name="Neuer Raum")
    assert _visible_rooms(world.users["carrier"]) == ["Gruppenraum", "Neuer Raum"]


def test_roles_are_resolved_with_at_most_two_queries(world, django_assert_num_queries):
    user = world.users["carrier"]
    with django_assert_num_queries(2):
        roles_of(user)
        roles_of(user)  # cached on the user for the rest of the request
