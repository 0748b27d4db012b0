"""The automatic occupancy planner: dataclasses in, a plan (or an explanation) out.

Pure Python on OR-Tools CP-SAT, no ORM and no settings, so the app, the tests and `bench/`
drive the same code. `solve()` plans a weekly slot grid; an infeasible problem comes with an
`Explanation` naming a small set of conflicting demands in plain language. `itc` and
`ctt_cost` map the public ITC-2007 timetabling benchmark onto the same model.
"""

from .model import (
    Closure,
    Conflict,
    Demand,
    Explanation,
    FixedBooking,
    Grid,
    Placement,
    Problem,
    Room,
    Solution,
    Status,
    Weights,
    Window,
)
from .solver import check, evaluate, solve

__all__ = [
    "Closure",
    "Conflict",
    "Demand",
    "Explanation",
    "FixedBooking",
    "Grid",
    "Placement",
    "Problem",
    "Room",
    "Solution",
    "Status",
    "Weights",
    "Window",
    "check",
    "evaluate",
    "solve",
]
