#!/usr/bin/env bash
# The lunch-peak mix (issue 16, item 7): gunicorn (2 sync workers) + PostgreSQL on loopback,
# 50 clients at once — public pages (residents: no login, no cookie, so they get the pages
# kept for a minute, treff.public.caching), the coordinator's week calendar and dashboard, and
# tally taps — each page its own wrk with its share of the connections, all at the same time.
# Before the mix, in the same run: a bare Django view and a one-query view alone, as the
# reference. After it: the taps sent, answered 2xx and stored (each key once).
# Bounded: BENCH_SECONDS (20) per phase, 127.0.0.1 only, a throw-away database "treff_load".
# Needs wrk (scripts/system-deps.sh --bench) and PostgreSQL on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: scripts/system-deps.sh --bench"; exit 1; }

port=${BENCH_PORT:-8091}
seconds=${BENCH_SECONDS:-20}
pg=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
tmp=$(mktemp -d)
export TREFF_DEMO_MODE=1 DEBUG=0 DATABASE_URL="$pg/treff_load" STATIC_ROOT="$tmp/static"
export PYTHONPATH=. LOG_LEVEL=WARNING
psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS treff_load" -c "CREATE DATABASE treff_load" >/dev/null
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py collectstatic --no-input -v0
.venv/bin/python manage.py load_demo >/dev/null
DJANGO_SETTINGS_MODULE=bench.load.bare_settings .venv/bin/gunicorn treff.wsgi \
  --bind "127.0.0.1:$port" --workers 2 --log-level warning &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$tmp"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -fs "$base/bench/bare/" >/dev/null && break; sleep 0.2; done

# The Franztreff coordinator: counts visitors, reads the week and the dashboard.
jar="$tmp/cookies"
curl -fs -c "$jar" -b "$jar" "$base/accounts/login/" >/dev/null
csrf=$(awk '/csrftoken/ {print $7}' "$jar")
curl -fs -c "$jar" -b "$jar" -H "Referer: $base/accounts/login/" \
  -d "csrfmiddlewaretoken=$csrf&username=franztreff&password=demo" "$base/accounts/login/" -o /dev/null
session=$(awk '/sessionid/ {print $7}' "$jar")
csrf=$(awk '/csrftoken/ {print $7}' "$jar")
cookie="Cookie: sessionid=$session; csrftoken=$csrf"
today=$(TZ=Europe/Berlin date +%F)
tap="/treffs/franztreff/tally/open/$today/"
pages=(/de/ /de/franztreff/ "/treffs/franztreff/plan/week/?date=$today" /dashboard/)
for path in "${pages[@]}" "$tap"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "$cookie" "$base$path")
  [ "$status" = 200 ] || { echo "GET $path answered $status"; exit 1; }
done
stored() {
  .venv/bin/python manage.py shell -v0 -c "
from django_scopes import scopes_disabled
from treff.operations.models import TallyEvent
with scopes_disabled():
    events = TallyEvent.objects.filter(tally__treff__slug='franztreff')
    print(events.count(), events.values('key').distinct().count())"
}
read -r before distinct_before <<<"$(stored)"

run() {  # name connections path [lua] — as the logged-in coordinator
  wrk -t1 -c"$2" -d"${seconds}s" -H "$cookie" -H "X-CSRFToken: $csrf" -H "Referer: $base$3" \
    -s "bench/load/${4:-get}.lua" "$base$3" > "$tmp/$1.out"
}
visit() {  # name connections path — as a resident: no login, no cookie
  wrk -t1 -c"$2" -d"${seconds}s" -s bench/load/get.lua "$base$3" > "$tmp/$1.out"
}
# The references as the issue measured them: no login, so no session is read.
wrk -t2 -c50 -d"${seconds}s" -s bench/load/get.lua "$base/bench/bare/" > "$tmp/bare.out"
wrk -t2 -c50 -d"${seconds}s" -s bench/load/get.lua "$base/bench/one-query/" > "$tmp/one_query.out"
# Each page alone first (10 connections), to see what each costs.
if [ "${BENCH_ALONE:-1}" = 1 ]; then
  visit alone_public_start 10 /de/
  visit alone_public_treff 10 /de/franztreff/
  run alone_week 10 "/treffs/franztreff/plan/week/?date=$today"
  run alone_dashboard 10 /dashboard/
  run alone_tally_tap 10 "$tap" tap
fi
read -r before distinct_before <<<"$(stored)"
# The mix: 50 connections at the same time.
mix=()
visit public_start 10 /de/ & mix+=($!)
visit public_treff 10 /de/franztreff/ & mix+=($!)
run week 10 "/treffs/franztreff/plan/week/?date=$today" & mix+=($!)
run dashboard 10 /dashboard/ & mix+=($!)
run tally_tap 10 "$tap" tap & mix+=($!)
wait "${mix[@]}"
read -r after distinct <<<"$(stored)"

bare_rps=$(awk '/^RESULT/ {for (i=2;i<=NF;i++) {split($i,a,"="); v[a[1]]=a[2]}; printf "%.1f", v["requests"]/v["seconds"]}' "$tmp/bare.out")
echo "Machine: $(nproc) cores ($(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | xargs)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); gunicorn 2 sync workers, PostgreSQL $(psql "$pg/postgres" -Atc 'SHOW server_version' | cut -d' ' -f1), CONN_MAX_AGE=60; wrk 1 thread per page, ${seconds} s, $(date -u +%F)"
echo ""
echo "| page (connections) | requests/s | share of bare view | p50 ms | p95 ms | p99 ms | 2xx | other | socket errors |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
alone=()
[ "${BENCH_ALONE:-1}" = 1 ] && alone=(alone_public_start alone_public_treff alone_week alone_dashboard alone_tally_tap)
for name in bare one_query "${alone[@]}" public_start public_treff week dashboard tally_tap; do
  awk -v name="$name" -v bare="$bare_rps" '/^RESULT/ {
    for (i=2;i<=NF;i++) {split($i,a,"="); v[a[1]]=a[2]}
    rps = v["requests"]/v["seconds"]
    printf "| %s | %.1f | %.1f %% | %s | %s | %s | %s | %s | %s |\n", name, rps, 100*rps/bare, v["p50"], v["p95"], v["p99"], v["ok"], v["other"], v["errors"]
  }' "$tmp/$name.out"
done
echo ""
grep '^TAPS' "$tmp/tally_tap.out" | sed "s/^TAPS /Tally taps: /; s/$/ stored=$((after - before)) distinct keys stored=$((distinct - distinct_before))/"
