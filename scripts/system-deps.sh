#!/usr/bin/env bash
# Install the operating-system packages Treff needs, on Debian or Ubuntu, if any is missing.
#   scripts/system-deps.sh          for running Treff (Python venv, Node/npm, gettext)
#   scripts/system-deps.sh --test   also Chromium, which the browser tests drive
#   scripts/system-deps.sh --bench  also Chromium and wrk, which the benchmarks use
set -euo pipefail

need=()
command -v python3 >/dev/null || need+=(python3)
python3 -c "import venv, ensurepip" 2>/dev/null || need+=(python3-venv)
command -v npm >/dev/null || need+=(npm)
command -v msgfmt >/dev/null || need+=(gettext)
# WeasyPrint (PDF plans) renders text with Pango.
ldconfig -p | grep -q "libpangoft2-1.0.so.0" || need+=(libpango-1.0-0 libpangoft2-1.0-0)
if [[ "${1:-}" == "--test" || "${1:-}" == "--bench" ]]; then
  if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
    need+=(chromium)
  fi
fi
if [[ "${1:-}" == "--bench" ]]; then
  command -v wrk >/dev/null || need+=(wrk)
fi

if ((${#need[@]})); then
  echo "Installing system packages: ${need[*]}"
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
