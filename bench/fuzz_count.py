"""Fuzz figures (issue 16, item 8): a pytest plugin that counts every request the odd-input
tests send through Django's test client, by method and by class of status, and prints the
table for docs/benchmarks.md at the end. Run:

    PYTHONPATH=. .venv/bin/pytest -p bench.fuzz_count -p no:xdist -q \
        tests/test_odd_input.py tests/api/test_schema.py

The walk is derandomised, so the counts are the same on every machine.
"""

import collections
import platform
import time

from django.test.client import Client

COUNTS: collections.Counter = collections.Counter()
WORST: dict = {"status": 0}
STARTED = time.perf_counter()


def pytest_configure(config):
    original = Client.request

    def counted(self, **request):
        response = original(self, **request)
        method = request.get("REQUEST_METHOD", "GET")
        COUNTS[(method, f"{response.status_code // 100}xx")] += 1
        WORST["status"] = max(WORST["status"], response.status_code)
        return response

    Client.request = counted


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    seconds = time.perf_counter() - STARTED
    methods = sorted({method for method, _ in COUNTS})
    classes = sorted({status for _, status in COUNTS})
    write = terminalreporter.write_line
    write("")
    write(f"Fuzz requests through the test client ({platform.python_version()}, {seconds:.0f} s):")
    write("| method | " + " | ".join(classes) + " | all |")
    write("|---|" + "---:|" * (len(classes) + 1))
    for method in methods:
        row = [COUNTS[(method, status)] for status in classes]
        write(f"| {method} | " + " | ".join(f"{n:,}" for n in row) + f" | {sum(row):,} |")
    write(f"highest status: {WORST['status']}; tests exit status: {exitstatus}")
