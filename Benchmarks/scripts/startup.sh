#!/usr/bin/env bash
# One-name start-up: runs `namecanon normalize --jobs 1` on a file of one name RUNS times, and
# ICU's `uconv -x "Any-Latin; Latin-ASCII; Lower"` on the same file, and prints the medians of
# wall time, CPU time (user + system: what the process itself spent, steadier on a loaded machine)
# and maximum resident memory, from /usr/bin/time.
#
#   bash Benchmarks/scripts/startup.sh [NAME] [RUNS]      # defaults: "Nguyễn Phú Trọng", 21
#
# NAMECANON_BIN picks the binary (default: this checkout's release build).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
name="${1:-Nguyễn Phú Trọng}"
runs="${2:-21}"
bin="${NAMECANON_BIN:-$root/.build/release/namecanon}"
file="$(mktemp)"
trap 'rm -f "$file"' EXIT
printf '%s\n' "$name" > "$file"

measure() { # label, command...
  local label="$1"; shift
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %U %S %M" "$@" "$file" 2>&1 >/dev/null | tail -1
  done | python3 -c '
import statistics, sys
rows = [list(map(float, line.split())) for line in sys.stdin if line.strip()]
wall = statistics.median(r[0] for r in rows) * 1000
cpu = statistics.median(r[1] + r[2] for r in rows) * 1000
rss = statistics.median(r[3] for r in rows) / 1024
print(f"{sys.argv[1]:<34} wall {wall:6.0f} ms   cpu {cpu:6.0f} ms   max RSS {rss:5.1f} MB")' "$label"
}
printf 'one name: %s, %d runs each, medians\n' "$name" "$runs"
measure "namecanon normalize --jobs 1" "$bin" normalize --jobs 1
measure "uconv -x 'Any-Latin; ...'" uconv -x "Any-Latin; Latin-ASCII; Lower"
