"""Who may see which Treffs: the roles of a user, resolved once per request.

This module is the single source of the Treff scope. The permission predicates (rules.py)
and the scope middleware both read `roles_of(user)`, so they can never disagree.
"""

from dataclasses import dataclass, field

from .models import Membership, Role, Treff

ALL_TREFFS = None  # django-scopes: a scope value of None applies no filter.


@dataclass(frozen=True)
class UserRoles:
    city_staff: bool = False
    committee: bool = False
    carrier_ids: frozenset[int] = field(default_factory=frozenset)  # as carrier admin
    carrier_treff_ids: frozenset[int] = field(default_factory=frozenset)
    coordinator_of: frozenset[int] = field(default_factory=frozenset)
    counsellor_of: frozenset[int] = field(default_factory=frozenset)
    volunteer_of: frozenset[int] = field(default_factory=frozenset)

    @property
    def member_of(self) -> frozenset[int]:
        return self.coordinator_of | self.counsellor_of | self.volunteer_of

    @property
    def treff_scope(self) -> list[int] | None:
        """The Treff ids this user's queries are limited to; None means every Treff."""
        if self.city_staff or self.committee:
            return ALL_TREFFS
        return sorted(self.carrier_treff_ids | self.member_of)

    @property
    def roles(self) -> set[str]:
        present = {
            Role.CITY_STAFF: self.city_staff,
            Role.COMMITTEE: self.committee,
            Role.CARRIER_ADMIN: bool(self.carrier_ids),
            Role.COORDINATOR: bool(self.coordinator_of),
            Role.COUNSELLOR: bool(self.counsellor_of),
            Role.VOLUNTEER: bool(self.volunteer_of),
        }
        return {role for role, has in present.items() if has}


NO_ROLES = UserRoles()


def roles_of(user) -> UserRoles:
    """The user's roles, cached on the user object for the rest of the request."""
    if not user.is_authenticated or not user.is_active:
        return NO_ROLES
    cached = getattr(user, "_treff_roles", None)
    if cached is not None:
        return cached
    by_role: dict[str, set[int]] = {role: set() for role in Role.values}
    city_staff = committee = False
    for role, treff_id, organisation_id in Membership.objects.filter(user=user).values_list(
        "role", "treff_id", "organisation_id"
    ):
        if role == Role.CITY_STAFF:
            city_staff = True
        elif role == Role.COMMITTEE:
            committee = True
        elif role == Role.CARRIER_ADMIN:
            by_role[role].add(organisation_id)
        else:
            by_role[role].add(treff_id)
    carrier_ids = frozenset(by_role[Role.CARRIER_ADMIN])
    carrier_treff_ids: frozenset[int] = frozenset()
    if carrier_ids:
        carrier_treff_ids = frozenset(
            Treff.objects.with_scopes_disabled()
            .filter(carrier_id__in=carrier_ids)
            .values_list("pk", flat=True)
        )
    roles = UserRoles(
        city_staff=city_staff,
        committee=committee,
        carrier_ids=carrier_ids,
        carrier_treff_ids=carrier_treff_ids,
        coordinator_of=frozenset(by_role[Role.COORDINATOR]),
        counsellor_of=frozenset(by_role[Role.COUNSELLOR]),
        volunteer_of=frozenset(by_role[Role.VOLUNTEER]),
    )
    user._treff_roles = roles
    return roles
