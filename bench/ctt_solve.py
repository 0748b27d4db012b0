"""Solve an ITC-2007 curriculum-based timetabling instance with Treff's occupancy planner.

    .venv/bin/python bench/ctt_solve.py INSTANCE.ctt --time-limit 60 --output SOLUTION

Maps the instance onto the planner's model (courses → demands, teachers → persons,
curricula → audience groups, unavailabilities → windows, rooms → rooms; see
treff/planner/engine/itc.py), solves it and writes the solution in the official format (one
line `course room day period` per lecture). The cost printed at the end comes from the
independent checker (bench/ctt_check.py), not from the solver's own objective.
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from treff.planner.engine import solve  # noqa: E402
from treff.planner.engine.ctt_cost import ctt_cost  # noqa: E402
from treff.planner.engine.itc import (  # noqa: E402
    format_solution,
    lectures_of,
    read_instance,
    to_problem,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("instance", type=Path)
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds (default 60)")
    parser.add_argument("--output", type=Path, help="solution file (default: stdout)")
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT workers (default 2)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    args = parser.parse_args(argv)

    instance = read_instance(args.instance)
    problem = to_problem(instance)
    started = time.monotonic()

    def progress(elapsed: float, objective: float, bound: float) -> None:
        if not args.quiet:
            print(f"{elapsed:8.2f}s  cost {objective:.0f}  bound {bound:.0f}", file=sys.stderr)

    solution = solve(
        problem,
        time_limit=args.time_limit,
        workers=args.workers,
        progress=progress,
        seed=args.seed,
        explain=False,
    )
    lectures = lectures_of(instance, solution.placements)
    text = format_solution(lectures)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    checked = ctt_cost(instance, lectures)
    print(
        f"{instance.name}: {solution.status}, cost {checked.cost} "
        f"(hard violations {checked.violations}), "
        f"{time.monotonic() - started:.1f}s, first plan after {solution.time_to_first or 0:.1f}s",
        file=sys.stderr,
    )
    return 0 if solution.placements else 1


if __name__ == "__main__":
    sys.exit(main())
