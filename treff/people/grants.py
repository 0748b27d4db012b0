"""Who may grant (and revoke) which role where: the one place that decides it.

A grant is a role at a place: a Treff role (coordinator, visiting counsellor, volunteer) at a
Treff, an organisation role (city staff, carrier administrator) at an organisation of the
matching kind, or the committee role, which has no place. Those who may grant a role may
revoke it again, except their own.

- The platform administrator (a superuser) may grant every role everywhere: that is how an
  installation gets its first city staff and carrier administrators.
- City staff grant the committee role and city staff of their own city organisation.
- A carrier administrator grants carrier administrators of their organisation and every
  Treff role in its Treffs.
- A coordinator grants visiting counsellors and volunteers in their Treff.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from treff.treffs.access import roles_of
from treff.treffs.models import Membership, Organisation, Role, Treff


@dataclass(frozen=True, order=True)
class Grant:
    """One role at one place; `treff_id` / `organisation_id` None where the role has none."""

    role: str
    treff_id: int | None = None
    organisation_id: int | None = None

    @property
    def key(self) -> str:
        """The form value: "coordinator:t3", "carrier_admin:o2", "committee:"."""
        if self.treff_id:
            return f"{self.role}:t{self.treff_id}"
        if self.organisation_id:
            return f"{self.role}:o{self.organisation_id}"
        return f"{self.role}:"

    @classmethod
    def of(cls, membership) -> "Grant":
        """The grant a membership (or invitation) holds. A Treff role's organisation (a
        visiting counsellor's partner service) is a detail of the person, not of the grant."""
        if membership.treff_id:
            return cls(membership.role, treff_id=membership.treff_id)
        return cls(membership.role, organisation_id=membership.organisation_id)


COORDINATOR_GRANTS = (Role.COUNSELLOR, Role.VOLUNTEER)
TREFF_GRANTS = (Role.COORDINATOR, Role.COUNSELLOR, Role.VOLUNTEER)


def _city_organisations(user) -> list[int]:
    return list(
        Membership.objects.filter(user=user, role=Role.CITY_STAFF).values_list(
            "organisation_id", flat=True
        )
    )


def grants_for(user) -> set[Grant]:
    """Every role `user` may grant, at every place."""
    if not user.is_authenticated or not user.is_active:
        return set()
    grants: set[Grant] = set()
    if user.is_superuser:
        # The platform administrator has no Treff scope of their own: they see the names of
        # all Treffs and organisations to hand them out, nothing inside them.
        treff_ids = Treff.objects.with_scopes_disabled().values_list("pk", flat=True)
        grants |= {Grant(role, treff_id=pk) for pk in treff_ids for role in TREFF_GRANTS}
        for pk, kind in Organisation.objects.values_list("pk", "kind"):
            if kind == Organisation.Kind.CITY:
                grants.add(Grant(Role.CITY_STAFF, organisation_id=pk))
            elif kind == Organisation.Kind.CARRIER:
                grants.add(Grant(Role.CARRIER_ADMIN, organisation_id=pk))
        grants.add(Grant(Role.COMMITTEE))
        return grants
    roles = roles_of(user)
    if roles.city_staff:
        grants.add(Grant(Role.COMMITTEE))
        grants |= {Grant(Role.CITY_STAFF, organisation_id=pk) for pk in _city_organisations(user)}
    grants |= {Grant(Role.CARRIER_ADMIN, organisation_id=pk) for pk in roles.carrier_ids}
    grants |= {Grant(role, treff_id=pk) for pk in roles.carrier_treff_ids for role in TREFF_GRANTS}
    grants |= {
        Grant(role, treff_id=pk) for pk in roles.coordinator_of for role in COORDINATOR_GRANTS
    }
    return grants


def may_manage_people(user) -> bool:
    """Whether `user` may grant any role (cheap: the roles cached for the request)."""
    if not user.is_authenticated or not user.is_active:
        return False
    roles = roles_of(user)
    return user.is_superuser or roles.city_staff or bool(roles.carrier_ids or roles.coordinator_of)


def memberships_q(grants: set[Grant]) -> Q:
    """A filter for the memberships `grants` cover (matches nothing for no grants)."""
    by_treff: dict[str, set[int]] = {}
    by_organisation: dict[str, set[int]] = {}
    committee = False
    for grant in grants:
        if grant.treff_id:
            by_treff.setdefault(grant.role, set()).add(grant.treff_id)
        elif grant.organisation_id:
            by_organisation.setdefault(grant.role, set()).add(grant.organisation_id)
        else:
            committee = True
    q = Q(pk__in=[])
    for role, ids in by_treff.items():
        q |= Q(role=role, treff_id__in=sorted(ids))
    for role, ids in by_organisation.items():
        q |= Q(role=role, organisation_id__in=sorted(ids), treff__isnull=True)
    if committee:
        q |= Q(role=Role.COMMITTEE)
    return q


def labelled(grants: set[Grant]) -> list[tuple[str, str]]:
    """(key, "Coordinator – Franztreff") for a select, sorted by place, then role order."""
    treff_names = dict(
        Treff.objects.with_scopes_disabled()
        .filter(pk__in={g.treff_id for g in grants if g.treff_id})
        .values_list("pk", "name")
    )
    organisation_names = {
        org.pk: str(org)
        for org in Organisation.objects.filter(
            pk__in={g.organisation_id for g in grants if g.organisation_id}
        )
    }
    order = {role: index for index, role in enumerate(Role.values)}
    rows = []
    for grant in grants:
        place = (
            treff_names.get(grant.treff_id)
            or organisation_names.get(grant.organisation_id)
            or _("all Treffs")
        )
        rows.append(((place, order[grant.role]), grant.key, f"{Role(grant.role).label} – {place}"))
    return [(key, label) for _sort, key, label in sorted(rows)]


def parse(key: str, grants: set[Grant]) -> Grant | None:
    """The grant a form value names, if `grants` holds it; None for anything else."""
    return next((grant for grant in grants if grant.key == key), None)
