#!/usr/bin/env bash
# Scale-out benchmark (issue 11 item 4): 1, 2, 4 and 8 worker processes resolving one stream of
# mentions (with --create: they read, learn and create) against a registry of NAMES names, in
# SQLite and in PostgreSQL; prints throughput per worker count and the PostgreSQL/SQLite ratio.
#
#   Benchmarks/scripts/scaleout_bench.sh [NAMES] [MENTIONS] [WORKERS...]
#   Benchmarks/scripts/scaleout_bench.sh 1000000 200000 1 2 4 8     # the full run
#
# Needs a release build (swift build -c release at the root) and either NAMECANON_TEST_POSTGRES
# (a server it may create databases on) or PostgreSQL's server binaries, in which case it starts
# a throwaway cluster through scripts/with-postgres.sh. Each run starts from a fresh copy of the
# registry; the stream is split into one contiguous share per worker, and a run's time is the
# wall time until the last worker ends (each worker first opens the registry: that time is
# reported too, as "open").
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
if [ -z "${NAMECANON_TEST_POSTGRES:-}" ]; then
  exec "$root/scripts/with-postgres.sh" "$0" "$@"
fi
names="${1:-100000}"
mentions="${2:-20000}"
shift $(( $# >= 2 ? 2 : $# ))
workers=("$@")
[ ${#workers[@]} -gt 0 ] || workers=(1 2 4 8)
bin="${NAMECANON_BIN:-$root/.build/release/namecanon}"  # NAMECANON_BIN: another build, e.g. a debug one
[ -x "$bin" ] || { echo "no release build: run swift build -c release in $root" >&2; exit 2; }
echo "binary: $bin" >&2

work="$(mktemp -d "${TMPDIR:-/tmp}/namecanon-scaleout.XXXXXX")"
trap 'rm -rf "$work"' EXIT
python3 "$root/Benchmarks/scripts/make_scaleout_corpus.py" "$names" "$mentions" "$work"

now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.2f}')"; }

db="namecanon_scaleout_base"
pg_url() { python3 - "$NAMECANON_TEST_POSTGRES" "$1" <<'PY'
import sys, urllib.parse
u = urllib.parse.urlsplit(sys.argv[1])
print(urllib.parse.urlunsplit((u.scheme, u.netloc, "/" + sys.argv[2], u.query, u.fragment)))
PY
}
psql_admin() { # a statement on the server's own database, through the CLI's store (no psql needed)
  "$bin" registry stats --registry "$NAMECANON_TEST_POSTGRES" >/dev/null
  python3 - "$NAMECANON_TEST_POSTGRES" "$1" <<'PY'
import subprocess, sys, urllib.parse
u = urllib.parse.urlsplit(sys.argv[1])
q = dict(urllib.parse.parse_qsl(u.query))
host = urllib.parse.unquote(u.hostname or "") if not q.get("host") else q["host"]
if "%2F" in u.netloc.upper():
    host = urllib.parse.unquote(u.netloc.split("@")[-1].rsplit(":", 1)[0])
args = ["psql", "-q", "-h", host, "-p", str(u.port or 5432), "-U", u.username or "postgres", "-d", u.path.lstrip("/") or "postgres", "-c", sys.argv[2]]
subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
PY
}

echo "building the base registries from $names names..." >&2
t0=$(now); "$bin" registry import --registry "$work/base.sqlite" "$work/registry.jsonl" >/dev/null; t1=$(now)
echo "sqlite import: $(elapsed $t0 $t1) s" >&2
psql_admin "DROP DATABASE IF EXISTS $db WITH (FORCE)"
psql_admin "CREATE DATABASE $db TEMPLATE template0 ENCODING 'UTF8'"
t0=$(now); "$bin" registry import --registry "$(pg_url $db)" "$work/registry.jsonl" >/dev/null; t1=$(now)
echo "postgres import: $(elapsed $t0 $t1) s" >&2

t0=$(now); "$bin" registry stats --registry "$work/base.sqlite" >/dev/null; t1=$(now); open_sqlite=$(elapsed $t0 $t1)
t0=$(now); "$bin" registry stats --registry "$(pg_url $db)" >/dev/null; t1=$(now); open_pg=$(elapsed $t0 $t1)
echo "open (load into the index): sqlite $open_sqlite s, postgres $open_pg s" >&2

run() { # store workers -> seconds
  local store="$1" n="$2" location
  if [ "$store" = sqlite ]; then
    cp "$work/base.sqlite" "$work/run.sqlite"; rm -f "$work/run.sqlite-wal" "$work/run.sqlite-shm"
    location="$work/run.sqlite"
  else
    psql_admin "DROP DATABASE IF EXISTS namecanon_scaleout_run WITH (FORCE)"
    psql_admin "CREATE DATABASE namecanon_scaleout_run TEMPLATE $db"
    location="$(pg_url namecanon_scaleout_run)"
  fi
  split -n "l/$n" -d "$work/mentions.txt" "$work/share."
  local start end pids=()
  start=$(now)
  for share in "$work"/share.*; do
    "$bin" resolve --create --no-header --registry "$location" "$share" > "$share.out" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  end=$(now)
  cat "$work"/share.*.out | awk -F'\t' '$2 == "" { bad++ } END { if (bad) print bad " mentions without an entity" > "/dev/stderr" }'
  rm -f "$work"/share.*
  elapsed "$start" "$end"
}

printf 'workers\tsqlite_s\tsqlite_per_s\tpostgres_s\tpostgres_per_s\tpostgres/sqlite\n'
for n in "${workers[@]}"; do
  s=$(run sqlite "$n"); p=$(run postgres "$n")
  python3 -c "m=$mentions; s=$s; p=$p; print(f'$n\t{s}\t{m/s:.0f}\t{p}\t{m/p:.0f}\t{(m/p)/(m/s):.2f}')"
done
psql_admin "DROP DATABASE IF EXISTS namecanon_scaleout_run WITH (FORCE)"
psql_admin "DROP DATABASE IF EXISTS $db WITH (FORCE)"
