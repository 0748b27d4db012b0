"""The occupancy-planning engine: recurrence, expansion, conflicts, planning rules, wording.

Plain Python with dataclasses in and out and no ORM, so that services, the iCalendar export
and `bench/plan_expand.py` share one implementation. The models translate to and from these
dataclasses; nothing here touches the database or reads settings.
"""

from .conflicts import Conflict, conflicts_between, find_conflicts
from .plan_rules import PlanWarning, TreffRules, check_rules
from .recurrence import (
    Change,
    Kind,
    Occurrence,
    Problem,
    Recurrence,
    SeriesSpec,
    dates,
    expand,
    public_holidays,
    to_rrule,
    validate,
    week_of,
)
from .wording import describe, describe_slot, describe_window

__all__ = [
    "Change",
    "Conflict",
    "Kind",
    "Occurrence",
    "PlanWarning",
    "Problem",
    "Recurrence",
    "SeriesSpec",
    "TreffRules",
    "check_rules",
    "conflicts_between",
    "dates",
    "describe",
    "describe_slot",
    "describe_window",
    "expand",
    "find_conflicts",
    "public_holidays",
    "to_rrule",
    "validate",
    "week_of",
]
