"""Who may see and plan offers. Builds on the Treff predicates of treff/treffs/rules.py."""

import rules

from treff.treffs.access import roles_of
from treff.treffs.rules import can_manage_treff, can_view_treff, is_city_staff, treff_id_of


@rules.predicate
def is_counsellor_of(user, obj):
    return treff_id_of(obj) in roles_of(user).counsellor_of


@rules.predicate
def is_requester(user, booking_request):
    return booking_request is not None and booking_request.requested_by_id == user.pk


# Calendars, offers and plans: everyone who works in or oversees the Treff.
rules.add_perm("offers.view_plan", can_view_treff)
# Offers, series, single-date changes, closure days, plan rules and plan drafts.
rules.add_perm("offers.manage_plan", can_manage_treff)


@rules.predicate
def works_with_requests(user):
    roles = roles_of(user)
    return bool(
        roles.counsellor_of or roles.coordinator_of or roles.carrier_ids or roles.city_staff
    )


rules.add_perm("offers.list_bookingrequests", works_with_requests)
rules.add_perm("offers.add_bookingrequest", is_counsellor_of)
rules.add_perm("offers.view_bookingrequest", is_requester | can_manage_treff | is_city_staff)
rules.add_perm("offers.decide_bookingrequest", can_manage_treff)
rules.add_perm("offers.withdraw_bookingrequest", is_requester)
rules.add_perm("offers.submit_plan", can_manage_treff)
rules.add_perm("offers.decide_plan", is_city_staff)
