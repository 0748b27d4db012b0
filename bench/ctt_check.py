"""Check an ITC-2007 Track 3 solution: hard violations and soft cost ("UD2" rules).

    .venv/bin/python bench/ctt_check.py INSTANCE.ctt SOLUTION

The rules and weights are those of /work/shared/bench/itc2007/README.md; the computation is
treff/planner/engine/ctt_cost.py, which is independent of the planner's model. Exit status
0 when the solution is feasible (no hard violation), 1 otherwise.
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from treff.planner.engine.ctt_cost import ctt_cost  # noqa: E402
from treff.planner.engine.itc import parse_solution, read_instance  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("instance", type=Path)
    parser.add_argument("solution", type=Path)
    args = parser.parse_args(argv)
    instance = read_instance(args.instance)
    result = ctt_cost(instance, parse_solution(args.solution.read_text(encoding="utf-8")))
    for name, value in result.hard.items():
        print(f"Violations of {name} (hard): {value}")
    print(f"Total violations: {result.violations}")
    for name, value in result.soft.items():
        print(f"Cost of {name} (soft): {value}")
    print(f"Total cost: {result.cost}")
    return 0 if result.feasible else 1


if __name__ == "__main__":
    sys.exit(main())
