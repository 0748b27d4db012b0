#!/usr/bin/env bash
# Known vulnerabilities in requirements.lock (pip-audit, PyPI's advisory data, then OSV's).
# Fails on a vulnerability. When no vulnerability service can be reached it says so plainly
# and does not fail: the project must not stop because a network is closed, and it must not
# report an unchecked lock file as clean either.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/pip-audit ]; then
  echo "pip-audit is not installed: run make install-dev."
  exit 1
fi

for service in pypi osv; do
  output=$(.venv/bin/pip-audit --strict --require-hashes --disable-pip --progress-spinner off \
    --vulnerability-service "$service" -r requirements.lock 2>&1)
  status=$?
  if [ "$status" -eq 0 ]; then
    echo "$output"
    echo "pip-audit ($service): no known vulnerabilities in requirements.lock."
    exit 0
  fi
  if grep -qi "known vulnerabilit" <<<"$output"; then
    echo "$output"
    echo "pip-audit ($service): requirements.lock has known vulnerabilities (above)."
    exit 1
  fi
  echo "pip-audit ($service) could not check: $(grep -m1 -i 'error' <<<"$output" || tail -n1 <<<"$output")"
done
echo "NOT CHECKED: no vulnerability service was reachable from this machine; requirements.lock"
echo "has not been audited in this run. This is not a pass."
exit 0
