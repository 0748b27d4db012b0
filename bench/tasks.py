"""Task-layer benchmark (issue 12): django-tasks-db with `manage.py treff_worker` processes.

    .venv/bin/python bench/tasks.py                          # SQLite and PostgreSQL
    BENCH_DATABASES=sqlite .venv/bin/python bench/tasks.py   # one of them

For each database it builds a throw-away one (an SQLite file in a temp dir; the PostgreSQL
database treff_bench_tasks at BENCH_PG, created and dropped here), migrates it and measures,
with 1 and 2 workers, the trivial task `bench.tasks_noop.noop`:

- enqueue-to-start latency: BENCH_LATENCY tasks (200; a quarter of that at --interval 1)
  queued one at a time through treff.core.tasks.enqueue while the workers idle, each after
  the previous one finished plus a random pause of up to one poll interval (so arrivals fall
  at random points of the workers' polling); started_at - enqueued_at of each result row.
- throughput: BENCH_THROUGHPUT tasks (1,000) queued in one transaction, then the workers
  started with `--batch` (they exit when the queue is empty); from starting the worker
  processes (Django start-up included) to the last finished_at, and from the first
  started_at to the last finished_at. Checks that every task finished SUCCESSFUL with one
  worker id (none ran twice) and counts "locked" lines and tracebacks in the worker logs.

Prints the machine and two Markdown tables for docs/benchmarks.md.
"""

import json
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PG_NAME = "treff_bench_tasks"
LATENCY = int(os.environ.get("BENCH_LATENCY", "200"))
THROUGHPUT = int(os.environ.get("BENCH_THROUGHPUT", "1000"))
INTERVALS = (0.1, 1.0)
WORKERS = (1, 2)


# --- in the measuring process (one per database, Django set up from the environment) ---


def start_workers(count, interval, logs, tag, batch=False):
    """`count` treff_worker processes, each logging to its own file in `logs`."""
    command = [sys.executable, "manage.py", "treff_worker", "--no-schedule", "--no-reload"]
    command += ["--no-startup-delay", "--interval", str(interval), *(["--batch"] * batch)]
    processes = []
    for n in range(count):
        with open(logs / f"{tag}-{n}.log", "w") as log:
            processes.append(
                subprocess.Popen(  # noqa: S603 -- our own command, fixed arguments
                    [*command, "--worker-id", f"{tag}-{n}"], cwd=ROOT, stdout=log, stderr=log
                )
            )
    return processes


def log_counts(logs, tag, exit_codes):
    text = "".join(p.read_text() for p in logs.glob(f"{tag}-*.log"))
    return {
        "exit_codes": exit_codes,
        "locked": text.lower().count("locked"),
        "tracebacks": text.count("Traceback"),
    }


def wait_finished(count, timeout=300.0):
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + timeout
    while DBTaskResult.objects.finished().count() < count:
        if time.monotonic() > deadline:
            raise SystemExit(f"only {DBTaskResult.objects.finished().count()} of {count} done")
        time.sleep(0.002)


def percentiles(samples):
    samples = sorted(samples)
    return {
        "median": samples[len(samples) // 2],
        "p95": samples[max(int(len(samples) * 0.95) - 1, 0)],
        "max": samples[-1],
    }


def latency(workers, interval, logs):
    from django_tasks_db.models import DBTaskResult

    from bench.tasks_noop import noop
    from treff.core.tasks import enqueue

    DBTaskResult.objects.all().delete()
    tag = f"latency-{workers}w-{interval}s"
    processes = start_workers(workers, interval, logs, tag)
    for n in range(workers):  # warm-up: every worker has started and polls
        enqueue(noop, n)
    wait_finished(workers, timeout=60)
    DBTaskResult.objects.all().delete()
    rng = random.Random(12)  # noqa: S311 -- reproducible pauses, not cryptography
    count = LATENCY if interval < 1 else max(LATENCY // 4, 10)
    enqueue_ms = []
    for n in range(count):
        time.sleep(rng.uniform(0, interval))
        start = time.perf_counter()
        enqueue(noop, n)
        enqueue_ms.append((time.perf_counter() - start) * 1000)
        wait_finished(n + 1)
    for process in processes:
        process.send_signal(signal.SIGTERM)
    codes = [process.wait(timeout=60) for process in processes]
    rows = DBTaskResult.objects.values_list("enqueued_at", "started_at", "status")
    figures = percentiles([(s - e).total_seconds() * 1000 for e, s, _ in rows])
    return {
        **figures,
        **log_counts(logs, tag, codes),
        "workers": workers,
        "interval": interval,
        "tasks": count,
        "enqueue_ms": percentiles(enqueue_ms)["median"],
        "statuses": {"SUCCESSFUL": sum(status == "SUCCESSFUL" for _, _, status in rows)},
    }


def throughput(workers, logs):
    from django.db import transaction
    from django.db.models import Max, Min
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from bench.tasks_noop import noop
    from treff.core.tasks import enqueue

    DBTaskResult.objects.all().delete()
    with transaction.atomic():
        for n in range(THROUGHPUT):
            enqueue(noop, n)
    tag = f"throughput-{workers}w"
    start = timezone.now()
    processes = start_workers(workers, 0.05, logs, tag, batch=True)
    codes = [process.wait(timeout=600) for process in processes]
    spans = DBTaskResult.objects.aggregate(first=Min("started_at"), last=Max("finished_at"))
    per_worker, runs, statuses = {}, 0, {}
    for worker_ids, status in DBTaskResult.objects.values_list("worker_ids", "status"):
        statuses[status] = statuses.get(status, 0) + 1
        runs += len(worker_ids) > 1
        for worker_id in worker_ids:
            per_worker[worker_id] = per_worker.get(worker_id, 0) + 1
    return {
        **log_counts(logs, tag, codes),
        "workers": workers,
        "tasks": THROUGHPUT,
        "wall": (spans["last"] - start).total_seconds(),
        "busy": (spans["last"] - spans["first"]).total_seconds(),
        "statuses": statuses,
        "ran_twice": runs,
        "per_worker": sorted(per_worker.values(), reverse=True),
    }


def measure():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", "--no-input", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "select sqlite_version()" if connection.vendor == "sqlite" else "show server_version"
        )
        server = f"{connection.vendor} {cursor.fetchone()[0].split()[0]}"
    logs = Path(tempfile.mkdtemp(prefix="treff-bench-tasks-logs-"))
    result = {"server": server, "logs": str(logs), "latency": [], "throughput": []}
    for workers in WORKERS:
        for interval in INTERVALS:
            result["latency"].append(latency(workers, interval, logs))
        result["throughput"].append(throughput(workers, logs))
    print(json.dumps(result))


# --- in the main process: one measuring process per database, then the tables ---


def run_database(name):
    env = {
        **os.environ,
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "TREFF_DEMO_MODE": "1",
        "DJANGO_SETTINGS_MODULE": "treff.settings",
        "LOG_LEVEL": "WARNING",
        "DEBUG": "0",
    }
    if name == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='treff-bench-')}/tasks.sqlite3"
    else:
        import psycopg

        with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_NAME}")
            admin.execute(f"CREATE DATABASE {PG_NAME}")
        env["DATABASE_URL"] = f"{PG}/{PG_NAME}"
    try:
        completed = subprocess.run(  # noqa: S603 -- our own script, fixed arguments
            [sys.executable, __file__, "--measure"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        if name != "sqlite":
            with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
    if completed.returncode:
        raise SystemExit(f"{name}: {completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main():
    names = os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",")
    started = time.monotonic()
    results = [run_database(name) for name in names]
    print(
        f"Machine: {platform.node()}, {os.cpu_count()} cores, {platform.platform()}, "
        f"Python {platform.python_version()}, Django {version('django')}, "
        f"django-tasks {version('django-tasks')}, django-tasks-db {version('django-tasks-db')}, "
        f"{', '.join(r['server'] for r in results)}, CONN_MAX_AGE="
        f"{os.environ.get('CONN_MAX_AGE', '0')}; {time.monotonic() - started:.0f} s in all\n"
    )
    print(
        "| database | workers | --interval s | tasks | median ms | p95 ms | max ms | enqueue ms |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        for x in r["latency"]:
            print(
                f"| {r['server']} | {x['workers']} | {x['interval']} | {x['tasks']} "
                f"| {x['median']:.0f} | {x['p95']:.0f} | {x['max']:.0f} | {x['enqueue_ms']:.1f} |"
            )
    print(
        "\n| database | workers | tasks | wall s | tasks/s | busy s | tasks/s busy | per worker |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for r in results:
        for x in r["throughput"]:
            print(
                f"| {r['server']} | {x['workers']} | {x['tasks']:,} | {x['wall']:.1f} "
                f"| {x['tasks'] / x['wall']:.0f} | {x['busy']:.1f} | {x['tasks'] / x['busy']:.0f} "
                f"| {' / '.join(map(str, x['per_worker']))} |"
            )
    print("\nChecks (statuses, tasks run twice, worker exit codes, 'locked' / Traceback in logs):")
    for r in results:
        for x in r["latency"] + r["throughput"]:
            print(
                f"- {r['server']}, {x['workers']} worker(s), {x.get('interval', 'batch')}: "
                f"{x['statuses']}, twice {x.get('ran_twice', '-')}, exit {x['exit_codes']}, "
                f"locked {x['locked']}, tracebacks {x['tracebacks']} (logs: {r['logs']})"
            )


if __name__ == "__main__":
    measure() if sys.argv[1:] == ["--measure"] else main()
