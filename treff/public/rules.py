"""Who reads the ideas residents send to a Treff: those who run it, its coordinators and its
carrier's administrators (as for volunteers); the city sees only the count in the reports."""

import rules

from treff.treffs.rules import can_manage_treff

rules.add_perm("public.manage_suggestions", can_manage_treff)
