"""Permission predicates: the one place that decides who may do what with Treff data.

Objects are Treffs or anything with a `treff_id`. Views ask `user.has_perm(name, obj)`;
tests check the whole matrix (tests/test_access_matrix.py).
"""

import rules

from .access import roles_of
from .models import Treff


def treff_id_of(obj) -> int | None:
    if obj is None:
        return None
    return obj.pk if isinstance(obj, Treff) else obj.treff_id


@rules.predicate
def is_city_staff(user):
    return roles_of(user).city_staff


@rules.predicate
def is_committee_member(user):
    return roles_of(user).committee


@rules.predicate
def is_carrier_admin(user):
    return bool(roles_of(user).carrier_ids)


@rules.predicate
def is_carrier_admin_of(user, obj):
    return treff_id_of(obj) in roles_of(user).carrier_treff_ids


@rules.predicate
def is_coordinator(user):
    return bool(roles_of(user).coordinator_of)


@rules.predicate
def is_coordinator_of(user, obj):
    return treff_id_of(obj) in roles_of(user).coordinator_of


@rules.predicate
def is_member_of(user, obj):
    """Coordinator, visiting counsellor or volunteer of the object's Treff."""
    return treff_id_of(obj) in roles_of(user).member_of


@rules.predicate
def has_any_role(user):
    return bool(roles_of(user).roles)


can_view_treff = is_city_staff | is_carrier_admin_of | is_member_of
can_manage_treff = is_carrier_admin_of | is_coordinator_of

rules.add_perm("treffs.view_treff", can_view_treff)
rules.add_perm("treffs.change_treff", can_manage_treff)
rules.add_perm("treffs.add_treff", is_carrier_admin | rules.is_superuser)
# Organisations are set up by the platform administrator (issue 17, item 2).
rules.add_perm("treffs.manage_organisations", rules.is_superuser)
rules.add_perm("treffs.manage_districts", rules.is_superuser)
rules.add_perm("treffs.view_room", can_view_treff)
rules.add_perm("treffs.add_room", can_manage_treff)
rules.add_perm("treffs.change_room", can_manage_treff)
rules.add_perm("treffs.delete_room", can_manage_treff)
# The overview of all rooms in one's Treffs: staff who run or oversee Treffs.
rules.add_perm("treffs.list_rooms", is_city_staff | is_carrier_admin | is_coordinator)
rules.add_perm("dashboard.view", has_any_role)
# The year in figures (counts only): those who oversee or run Treffs, and the committee.
rules.add_perm(
    "dashboard.view_figures",
    is_city_staff | is_committee_member | is_carrier_admin | is_coordinator,
)
