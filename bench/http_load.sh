#!/usr/bin/env bash
# HTTP load on loopback: gunicorn (2 workers) on a throw-away demo database, wrk for a fixed
# time per page. Bounded: 10 s per page, 127.0.0.1 only. Needs wrk (scripts/system-deps.sh --bench).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: scripts/system-deps.sh --bench"; exit 1; }

port=${BENCH_PORT:-8089}
seconds=${BENCH_SECONDS:-10}
tmp=$(mktemp -d)
export TREFF_DEMO_MODE=1 DEBUG=0 DATABASE_URL="sqlite:///$tmp/load.sqlite3" STATIC_ROOT="$tmp/static"
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py collectstatic --no-input -v0
.venv/bin/python manage.py load_demo >/dev/null
.venv/bin/gunicorn treff.wsgi --bind "127.0.0.1:$port" --workers 2 --log-level warning &
server=$!
trap 'kill $server; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.2; done

# Log in as city staff to measure pages behind the login.
jar="$tmp/cookies"
curl -fs -c "$jar" -b "$jar" "http://127.0.0.1:$port/accounts/login/" >/dev/null
csrf=$(awk '/csrftoken/ {print $7}' "$jar")
curl -fs -c "$jar" -b "$jar" -H "Referer: http://127.0.0.1:$port/accounts/login/" \
  -d "csrfmiddlewaretoken=$csrf&username=stadt&password=demo" \
  "http://127.0.0.1:$port/accounts/login/" -o /dev/null
session=$(awk '/sessionid/ {print $7}' "$jar")

echo "Machine: $(nproc) cores, gunicorn 2 sync workers, SQLite, wrk 2 threads / 8 connections, ${seconds}s per page"
echo "| page | requests/s | mean latency |"
echo "|---|---:|---:|"
for path in /de/ /de/franztreff/ /dashboard/ /rooms/ /treffs/franztreff/; do
  out=$(wrk -t2 -c8 -d"${seconds}s" -H "Cookie: sessionid=$session" "http://127.0.0.1:$port$path")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  lat=$(awk '/Latency/ {print $2; exit}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  echo "| $path | $rps | $lat |${non2xx:+ non-2xx: $non2xx}"
done
