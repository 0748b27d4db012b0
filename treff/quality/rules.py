"""Who takes part in quality development (Fachkonzept §6): the carrier and the city.

The Treff's coordinator (for the carrier, on the spot), the carrier's admins and city staff
read and record meetings, action items and standards. The carrier submits the Treff's
documents (its concept §1, the hygiene concept §4.3); the city acknowledges them. The owner
of an action item marks it done, whatever their role. Committee members, counsellors and
volunteers see none of it (their own action items reach them on their dashboard only).
"""

import rules

from treff.treffs.rules import is_carrier_admin_of, is_city_staff, is_coordinator_of


@rules.predicate
def is_owner(user, item):
    return item is not None and item.owner_id == user.pk


takes_part = is_city_staff | is_carrier_admin_of | is_coordinator_of

rules.add_perm("quality.view", takes_part)
rules.add_perm("quality.record", takes_part)
rules.add_perm("quality.submit_document", is_carrier_admin_of | is_coordinator_of)
rules.add_perm("quality.acknowledge", is_city_staff)
rules.add_perm("quality.complete_item", is_owner | takes_part)
