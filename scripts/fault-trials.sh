#!/usr/bin/env bash
# kill -9 trials against the real binary, by the hundred (the test suite runs a few of each:
# Tests/NameRegistryTests/ReliabilityTests.swift). See docs/reliability.md for the figures.
#
#   scripts/fault-trials.sh [TRIALS] [KIND...]     default: 100 trials of every kind
#
# Kinds:
#   serve    serve creating people, killed after a random number of acknowledged writes
#   merge    registry merge, killed after a random delay
#   import   registry import of a 3,000-entity export, killed after a random delay
#   convert  convert -o FILE over an existing FILE, killed after a random delay
# After each kill: SQLite's integrity check passes, every acknowledged write is there, nobody is
# stored twice, no temporary file is left, and FILE is either the old contents or the full new
# output. Needs sqlite3 and python3. The binary is $NAMECANON or .build/debug/namecanon.
# Prints one line per kind: trials, kills that landed mid-run, failures. Exit 1 on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
trials=${1:-100}
shift || true
kinds=("$@")
[ ${#kinds[@]} -gt 0 ] || kinds=(serve merge import convert)
bin=$(readlink -f "${NAMECANON:-.build/debug/namecanon}")
[ -x "$bin" ] || { echo "no binary at $bin: swift build first" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# people N: N distinct full names, one a line.
people() {
  python3 - "$1" <<'EOF'
import sys
n = int(sys.argv[1])
given = "Anna Boris Clara Dmitri Elena Felix Greta Hugo Irene Jonas Karla Lukas Marta Nils Olga Pavel Rosa Sven Tilda Viktor".split()
sur = "Abbott Baxter Carver Dalton Easton Fowler Garner Harlow Ingram Jarvis Keller Lowell Marsh Norris Oakley Porter Quill Rowan Sutton Thorne Upton Vance Walsh Yates Zeller".split()
out = [f"{g} {s}{x}" for x in ["", "sen", "ford", "wick", "ley", "ton", "field", "more"] for s in sur for g in given]
print("\n".join(out[:n]))
EOF
}

# kill9 PID: SIGKILL, counting the kill as landed when the process was still running (not a zombie).
kill9() {
  local state
  state=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null || true)
  if [ -n "$state" ] && [ "$state" != Z ]; then landed=$((landed + 1)); fi
  kill -9 "$1" 2>/dev/null || true
}

fail() { echo "  FAIL ($kind trial $t): $*" >&2; failures=$((failures + 1)); bad=$((bad + 1)); }

# check_store DB: integrity, and no key stored for two live entities.
check_store() {
  local db=$1
  [ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] || { fail "integrity check of $db"; return; }
}

# entities DB: the count `registry stats` gives.
entities() { "$bin" registry stats --registry "$1" | awk -F'\t' '$1 == "entities" { print $2 }'; }

# stray DIR KEEP...: files in DIR besides KEEP and SQLite's -wal/-shm/-journal companions.
stray() {
  local dir=$1; shift
  local keep=" $* "
  for f in "$dir"/* "$dir"/.[!.]*; do
    [ -e "$f" ] || continue
    local name=${f##*/} base=${f##*/}
    base=${base%-wal}; base=${base%-shm}; base=${base%-journal}
    case "$keep" in *" $base "*) ;; *) echo "$name" ;; esac
  done
}

people 3000 > "$work/people.txt"
head -300 "$work/people.txt" > "$work/people300.txt"

for kind in "${kinds[@]}"; do
  landed=0 bad=0
  case $kind in
    serve)
      # Requests for 300 people, piped at once; the server is killed after a random number of
      # responses. Acknowledged entities must resolve to the same ID afterwards; a second run
      # creates the rest, and the store then holds each person exactly once.
      python3 -c 'import json,sys
for i,l in enumerate(open(sys.argv[1])): print(json.dumps({"id":i,"op":"resolve","name":l.strip(),"create":True}))' \
        "$work/people300.txt" > "$work/requests.jsonl"
      for t in $(seq "$trials"); do
        d=$work/serve$t; mkdir -p "$d"
        want=$((RANDOM % 250 + 1))
        coproc SERVE { exec "$bin" serve --registry "$d/r.sqlite" < "$work/requests.jsonl" 2>/dev/null; }
        pid=$SERVE_PID
        : > "$d/acks.jsonl"
        for _ in $(seq "$want"); do IFS= read -r line <&"${SERVE[0]}" || break; echo "$line" >> "$d/acks.jsonl"; done
        kill9 "$pid"
        wait "$pid" 2>/dev/null || true
        check_store "$d/r.sqlite"
        python3 -c 'import json,sys
for l in open(sys.argv[1]):
    r=json.loads(l); print(r["mention"]+"\t"+(r.get("entity") or ""))' "$d/acks.jsonl" > "$d/acked.tsv"
        cut -f1 "$d/acked.tsv" | "$bin" resolve --no-header --doc-column 0 --registry "$d/r.sqlite" | cut -f1,2 > "$d/now.tsv"
        cmp -s "$d/acked.tsv" "$d/now.tsv" || fail "an acknowledged write is missing or changed"
        "$bin" resolve --create --no-header --doc-column 0 --registry "$d/r.sqlite" < "$work/people300.txt" > /dev/null
        [ "$(entities "$d/r.sqlite")" = 300 ] || fail "$(entities "$d/r.sqlite") entities for 300 people"
        [ -z "$(stray "$d" r.sqlite acks.jsonl acked.tsv now.tsv)" ] || fail "stray files: $(stray "$d" r.sqlite acks.jsonl acked.tsv now.tsv)"
        rm -rf "$d"
      done ;;
    merge)
      for t in $(seq "$trials"); do
        d=$work/merge$t; mkdir -p "$d"
        ids=$(printf 'Ada Lovelace\nAugusta King\n' | "$bin" resolve --create --no-header --doc-column 0 --registry "$d/r.sqlite" | cut -f2)
        a=$(echo "$ids" | head -1) b=$(echo "$ids" | tail -1)
        "$bin" registry merge --registry "$d/r.sqlite" "$a" "$b" > /dev/null 2>&1 &
        pid=$!
        sleep "0.0$((RANDOM % 10))$((RANDOM % 10))"
        kill9 "$pid"
        wait "$pid" 2>/dev/null || true
        check_store "$d/r.sqlite"
        got=$(printf 'Ada Lovelace\nAugusta King\n' | "$bin" resolve --no-header --doc-column 0 --registry "$d/r.sqlite" | cut -f2 | tr '\n' ' ')
        [ "$got" = "$b $b " ] || [ "$got" = "$a $b " ] || fail "neither merged nor untouched: $got"
        [ -z "$(stray "$d" r.sqlite)" ] || fail "stray files: $(stray "$d" r.sqlite)"
        rm -rf "$d"
      done ;;
    import)
      "$bin" resolve --create --no-header --doc-column 0 --registry "$work/source.sqlite" < "$work/people.txt" > /dev/null
      "$bin" registry export --registry "$work/source.sqlite" > "$work/export.jsonl"
      full=$(entities "$work/source.sqlite")
      # How long a whole import takes, to spread the kills over it.
      start=$(date +%s%N); "$bin" registry import --registry "$work/timing.sqlite" "$work/export.jsonl" > /dev/null; end=$(date +%s%N)
      span=$(( (end - start) / 1000000 + 1 ))
      for t in $(seq "$trials"); do
        d=$work/import$t; mkdir -p "$d"
        "$bin" registry import --registry "$d/r.sqlite" "$work/export.jsonl" > /dev/null 2>&1 &
        pid=$!
        sleep "$(awk -v ms=$((RANDOM % span)) 'BEGIN { printf "%.3f", ms / 1000 }')"
        kill9 "$pid"
        wait "$pid" 2>/dev/null || true
        [ -e "$d/r.sqlite" ] && check_store "$d/r.sqlite"
        "$bin" registry import --registry "$d/r.sqlite" "$work/export.jsonl" > /dev/null 2>&1 || fail "import after the kill failed"
        [ "$(entities "$d/r.sqlite")" = "$full" ] || fail "$(entities "$d/r.sqlite") entities after re-import, expected $full"
        [ -z "$(stray "$d" r.sqlite)" ] || fail "stray files: $(stray "$d" r.sqlite)"
        rm -rf "$d"
      done ;;
    convert)
      "$bin" convert --format lines --add key,display --no-progress "$work/people.txt" > "$work/full.txt"
      start=$(date +%s%N); "$bin" convert --format lines --add key,display --no-progress "$work/people.txt" -o "$work/timing.txt"; end=$(date +%s%N)
      span=$(( (end - start) / 1000000 + 1 ))
      for t in $(seq "$trials"); do
        d=$work/convert$t; mkdir -p "$d"
        echo "old contents" > "$d/out.txt"
        "$bin" convert --format lines --add key,display --no-progress "$work/people.txt" -o "$d/out.txt" 2>/dev/null &
        pid=$!
        sleep "$(awk -v ms=$((RANDOM % span)) 'BEGIN { printf "%.3f", ms / 1000 }')"
        kill9 "$pid"
        wait "$pid" 2>/dev/null || true
        if [ "$(cat "$d/out.txt")" != "old contents" ] && ! cmp -s "$d/out.txt" "$work/full.txt"; then fail "out.txt is neither old nor complete"; fi
        [ -z "$(stray "$d" out.txt)" ] || fail "stray files: $(stray "$d" out.txt)"
        rm -rf "$d"
      done ;;
    *) echo "unknown kind $kind (serve, merge, import, convert)" >&2; exit 2 ;;
  esac
  echo "$kind: $trials trials, $landed killed mid-run, $bad failed"
done
[ "$failures" -eq 0 ]
