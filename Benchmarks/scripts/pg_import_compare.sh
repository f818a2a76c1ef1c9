#!/usr/bin/env bash
# Import time of one registry export into PostgreSQL for two namecanon binaries, alternated
# (before, after, after, before) against one server, each run into a fresh database; prints
# seconds and the 1-minute load per run, and checks that the "after" export is byte-identical.
#
#   scripts/with-postgres.sh Benchmarks/scripts/pg_import_compare.sh EXPORT.jsonl BEFORE_BIN AFTER_BIN
#
# EXPORT: `registry export` output or Benchmarks/scripts/make_scaleout_corpus.py's registry.jsonl.
# Needs NAMECANON_TEST_POSTGRES (a server it may create databases on) and psql.
set -euo pipefail
export_file="$1"; before="$2"; after="$3"
read -r sock user < <(python3 -c '
import sys, urllib.parse as u
s = u.urlsplit(sys.argv[1])
host = u.unquote(s.netloc.split("@")[-1].rsplit(":", 1)[0])
print(host, s.username or "postgres")' "$NAMECANON_TEST_POSTGRES")
psqlc() { psql -q -h "$sock" -U "$user" -d postgres -c "$1" >/dev/null; }
url() { python3 -c 'import sys, urllib.parse as u; s = u.urlsplit(sys.argv[1]); print(u.urlunsplit((s.scheme, s.netloc, "/" + sys.argv[2], s.query, s.fragment)))' "$NAMECANON_TEST_POSTGRES" "$1"; }
one() { # label binary
  psqlc "DROP DATABASE IF EXISTS namecanon_import_bench WITH (FORCE)"
  psqlc "CREATE DATABASE namecanon_import_bench"
  local t0 t1
  t0=$(date +%s.%N)
  "$2" registry import --registry "$(url namecanon_import_bench)" "$export_file" >/dev/null
  t1=$(date +%s.%N)
  printf '%s\t%.1f\t%s\n' "$1" "$(python3 -c "print($t1 - $t0)")" "$(cut -d' ' -f1 /proc/loadavg)"
  if [ "$1" = after ]; then
    "$2" registry export --registry "$(url namecanon_import_bench)" | cmp - "$export_file" >&2 \
      && echo "after: the export from PostgreSQL is byte-identical to the input" >&2
  fi
}
printf 'binary\tseconds\tload1\n'
one before "$before"; one after "$after"; one after "$after"; one before "$before"
psqlc "DROP DATABASE IF EXISTS namecanon_import_bench WITH (FORCE)"
