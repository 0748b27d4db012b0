"""Who reads reports (Fachkonzept §6): city staff and the committee (all Treffs), carrier
admins (their Treffs), coordinators (their own Treff, unsuppressed)."""

import rules

from treff.treffs.rules import (
    is_carrier_admin,
    is_city_staff,
    is_committee_member,
    is_coordinator,
)

rules.add_perm(
    "reports.view_reports",
    is_city_staff | is_committee_member | is_carrier_admin | is_coordinator,
)

# The committee report (Fachkonzept §6): the city prepares and sends it; the committee reads
# what was sent. Coordinators and carrier admins have /reports/ and no committee pages.
rules.add_perm("reports.manage_committee", is_city_staff)
rules.add_perm("reports.view_committee", is_city_staff | is_committee_member)
