"""Who may count, record and see daily operations.

The people who staff the offers count visitors: the Treff's coordinator, its volunteers and
its visiting counsellors. The lunch table and the clothing store are run by the coordinator
and the volunteers. The carrier admin of the Treff may look; the city sees only the monthly
aggregates (selectors.monthly_totals), never a Treff's daily pages.
"""

import rules

from treff.treffs.access import roles_of
from treff.treffs.rules import (
    is_carrier_admin_of,
    is_city_staff,
    is_coordinator_of,
    is_member_of,
    treff_id_of,
)


@rules.predicate
def is_volunteer_of(user, obj):
    return treff_id_of(obj) in roles_of(user).volunteer_of


can_view_operations = is_member_of | is_carrier_admin_of

rules.add_perm("operations.view", can_view_operations)
rules.add_perm("operations.count", is_member_of)
rules.add_perm("operations.record", is_coordinator_of | is_volunteer_of)
# Taking back a wrong entry of the clothing store is the coordinator's correction.
rules.add_perm("operations.remove_entry", is_coordinator_of)
# Aggregates only: the monthly totals per Treff and per offer category (no personal data).
rules.add_perm(
    "operations.view_aggregates", is_city_staff | is_carrier_admin_of | is_coordinator_of
)
