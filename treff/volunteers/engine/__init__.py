"""The volunteer-matching engine: district geography, ranked candidates, "assign all".

Plain Python with dataclasses in and out and no ORM, so that the app's services and
`bench/matching.py` share one implementation. `geo` places people by district centre or
address coordinates without any online lookup; `matching` prices a volunteer for a request
with one cost function used by the ranking, the optimal assignment and the greedy baseline.
"""

from treff.core.geo import (
    District,
    Gazetteer,
    Point,
    UnknownDistrict,
    distance_km,
    resolve,
)

from .matching import (
    KIND_LABELS,
    MOBILITY_LABELS,
    Assignment,
    Availability,
    Candidate,
    Config,
    Excluded,
    HelpRequest,
    Match,
    Pool,
    Ranking,
    Reason,
    Unassigned,
    Volunteer,
    assign_all,
    assign_greedy,
    candidates,
    prepare,
)

__all__ = [
    "KIND_LABELS",
    "MOBILITY_LABELS",
    "Assignment",
    "Availability",
    "Candidate",
    "Config",
    "District",
    "Excluded",
    "Gazetteer",
    "HelpRequest",
    "Match",
    "Point",
    "Pool",
    "Ranking",
    "Reason",
    "Unassigned",
    "UnknownDistrict",
    "Volunteer",
    "assign_all",
    "assign_greedy",
    "candidates",
    "distance_km",
    "prepare",
    "resolve",
]
