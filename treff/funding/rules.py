"""Who sees and does what with a Treff's funding (Fachkonzept §5).

- The carrier's admins keep their Treffs' budget plans, expenses, imports and proofs of use,
  and their organisation's proof of non-profit status.
- The Treff's coordinator reads the Treff's funding and records expenses only where the
  carrier allows it on the plan (`coordinator_expense_limit`; the amount is checked by the
  service).
- City staff see every Treff's funding and decide: return or approve a plan (the grant
  notice), record payments, accept or return a proof of use; they read the city-wide
  overview.
- Committee members see only totals per Treff and year (the overview without detail).
Counsellors and volunteers see none of it.
"""

import rules

from treff.treffs.access import roles_of
from treff.treffs.rules import (
    is_carrier_admin,
    is_carrier_admin_of,
    is_city_staff,
    is_committee_member,
    is_coordinator,
    is_coordinator_of,
)


@rules.predicate
def coordinator_may_record(user, plan):
    """The carrier allows the coordinator small expenses on this plan."""
    return getattr(plan, "coordinator_expense_limit", None) is not None and is_coordinator_of(
        user, plan
    )


@rules.predicate
def is_admin_of_carrier(user, organisation):
    return organisation is not None and organisation.pk in roles_of(user).carrier_ids


rules.add_perm("funding.view_plan", is_city_staff | is_carrier_admin_of | is_coordinator_of)
rules.add_perm("funding.edit_plan", is_carrier_admin_of)
rules.add_perm("funding.decide", is_city_staff)
rules.add_perm("funding.record_expense", is_carrier_admin_of | coordinator_may_record)
rules.add_perm("funding.import_expenses", is_carrier_admin_of)
rules.add_perm("funding.edit_proof", is_carrier_admin_of)
rules.add_perm(
    "funding.view_overview",
    is_city_staff | is_committee_member | is_carrier_admin | is_coordinator,
)
rules.add_perm("funding.view_totals", is_city_staff | is_committee_member)
rules.add_perm("funding.view_non_profit", is_city_staff | is_admin_of_carrier)
rules.add_perm("funding.keep_non_profit", is_admin_of_carrier)
