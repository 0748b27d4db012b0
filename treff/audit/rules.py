"""Who reads the audit trail: the city (everything) and coordinators (their Treffs)."""

import rules

from treff.treffs.rules import is_city_staff, is_coordinator

rules.add_perm("audit.view_events", is_city_staff | is_coordinator)
