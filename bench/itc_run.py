"""ITC-2007 Track 3 benchmark: comp01–comp07 at one time limit, checked independently.

    .venv/bin/python bench/itc_run.py --time-limit 60 [--workers 2] [--only comp07]

Runs bench/ctt_solve.py on each instance in turn (a fresh process each, so one instance's
memory and threads do not disturb the next), checks every solution with the independent
checker, and prints a Markdown table for docs/benchmarks.md: best known cost, our cost, the
ratio, hard violations and the time to the first feasible plan. Instances and best-known
costs: /work/shared/bench/itc2007/README.md.
"""

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from treff.planner.engine.ctt_cost import ctt_cost  # noqa: E402
from treff.planner.engine.itc import parse_solution, read_instance  # noqa: E402

DATA = Path(os.environ.get("ITC2007_DIR", ROOT.parent / "shared" / "bench" / "itc2007"))
BEST_KNOWN = {
    "comp01": 5,
    "comp02": 24,
    "comp03": 66,
    "comp04": 35,
    "comp05": 284,
    "comp06": 27,
    "comp07": 6,
}


def run(name: str, time_limit: float, workers: int, seed: int, out: Path) -> dict:
    solution = out / f"{name}.sol"
    completed = subprocess.run(  # noqa: S603 -- our own script, fixed arguments
        [
            sys.executable,
            str(ROOT / "bench" / "ctt_solve.py"),
            str(DATA / f"{name}.ctt"),
            "--time-limit",
            str(time_limit),
            "--workers",
            str(workers),
            "--seed",
            str(seed),
            "--output",
            str(solution),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    # The first progress line is the first feasible plan.
    first = re.search(r"^\s*([\d.]+)s\s+cost", completed.stderr, re.MULTILINE)
    instance = read_instance(DATA / f"{name}.ctt")
    lectures = parse_solution(solution.read_text()) if solution.exists() else []
    result = ctt_cost(instance, lectures)
    return {
        "name": name,
        "cost": result.cost if lectures else None,
        "violations": result.violations if lectures else None,
        "first": float(first.group(1)) if first else None,
        "log": completed.stderr,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", nargs="*", default=sorted(BEST_KNOWN))
    parser.add_argument("--keep", type=Path, help="directory for the solution files")
    args = parser.parse_args(argv)
    out = args.keep or Path(tempfile.mkdtemp(prefix="itc-"))
    out.mkdir(parents=True, exist_ok=True)

    rows, ratios = [], []
    for name in args.only:
        row = run(name, args.time_limit, args.workers, args.seed, out)
        best = BEST_KNOWN[name]
        ratio = row["cost"] / best if row["cost"] is not None and not row["violations"] else None
        if ratio is not None:
            ratios.append(ratio)
        rows.append((name, best, row, ratio))
        print(f"{name}: cost {row['cost']} violations {row['violations']}", file=sys.stderr)

    print(
        f"ITC-2007 Track 3, {args.time_limit:g} s per instance, {args.workers} CP-SAT workers, "
        f"seed {args.seed}; Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs. Solutions in {out}."
    )
    print()
    print("| instance | best known | our cost | ratio | hard violations | first feasible (s) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, best, row, ratio in rows:
        cost = "—" if row["cost"] is None else str(row["cost"])
        shown = "—" if ratio is None else f"{ratio:.2f}"
        first = "—" if row["first"] is None else f"{row['first']:.1f}"
        violations = "—" if row["violations"] is None else str(row["violations"])
        print(f"| {name} | {best} | {cost} | {shown} | {violations} | {first} |")
    if ratios:
        print(f"| mean ratio | | | {statistics.mean(ratios):.2f} | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
