"""Reads for the people pages: the roles and invitations a user may manage (grants.py)."""

from itertools import groupby

from django.db.models import QuerySet

from treff.treffs.models import Membership, Treff

from .grants import Grant, memberships_q
from .models import Invitation


def memberships(grants: set[Grant]) -> QuerySet[Membership]:
    """The roles `grants` cover, with their person and place, by person."""
    return (
        Membership.objects.filter(memberships_q(grants))
        .select_related("user", "organisation")
        .order_by("user__last_name", "user__first_name", "user__email", "user_id", "role")
    )


def people(grants: set[Grant]) -> list[tuple[object, list[Membership]]]:
    """[(user, [their memberships])], one row per person, for the people page."""
    rows = memberships(grants)
    # The Treff names, read unscoped by id: a platform administrator has no Treff scope,
    # and the grants already limit the rows to places the reader manages.
    names = dict(
        Treff.objects.with_scopes_disabled()
        .filter(pk__in={g.treff_id for g in grants if g.treff_id})
        .values_list("pk", "name")
    )
    for row in rows:
        place = names.get(row.treff_id) or row.organisation
        row.place_name = str(place) if place else ""
    return [(user, list(items)) for user, items in groupby(rows, key=lambda m: m.user)]


def invitations(grants: set[Grant]) -> QuerySet[Invitation]:
    """The open (not accepted, not withdrawn) invitations to roles `grants` cover, newest
    first; expired ones included, so the inviter sees that they ran out."""
    return (
        Invitation.objects.filter(memberships_q(grants))
        .filter(accepted_at__isnull=True, withdrawn_at__isnull=True)
        .select_related("treff", "organisation", "invited_by")
        .order_by("-created_at")
    )
