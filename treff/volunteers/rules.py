"""Who may see and do what with volunteers and help requests.

Coordinators and carrier admins manage their Treffs' volunteers and requests; a volunteer
sees only their own profile and their own assignments; the city sees figures, not people.
A help seeker's address, taken at intake for the visit, is for the Treff's coordinators
(and the volunteer who accepted, on their own page) — never for the carrier or the city, so
only coordinators correct a request, whose form holds it.
"""

import rules

from treff.treffs.access import roles_of
from treff.treffs.rules import can_manage_treff, is_coordinator_of


@rules.predicate
def is_volunteer(user):
    return bool(roles_of(user).volunteer_of)


@rules.predicate
def is_own_profile(user, volunteer):
    return volunteer is not None and volunteer.user_id == user.pk


@rules.predicate
def is_assigned_volunteer(user, help_request):
    return (
        help_request is not None
        and help_request.volunteer_id is not None
        and help_request.volunteer.user_id == user.pk
    )


rules.add_perm("volunteers.manage", can_manage_treff)
rules.add_perm("volunteers.edit_own_profile", is_own_profile)
rules.add_perm("volunteers.answer_request", is_assigned_volunteer)
rules.add_perm("volunteers.view_own", is_volunteer)
rules.add_perm("volunteers.see_seeker_address", is_coordinator_of)
rules.add_perm("volunteers.correct_request", is_coordinator_of)
