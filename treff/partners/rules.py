"""Who may read and keep the partner directory.

Everybody who works in a Treff reads it (to refer people); those who run Treffs or the
city keep it up to date. The public reads the entries marked public, without notes.
"""

import rules

from treff.treffs.rules import has_any_role, is_carrier_admin, is_city_staff, is_coordinator

rules.add_perm("partners.view", has_any_role)
rules.add_perm("partners.manage", is_city_staff | is_carrier_admin | is_coordinator)
