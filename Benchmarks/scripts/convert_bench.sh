#!/usr/bin/env bash
# The batch-conversion benchmark of issue 6: a generated 1,000,000-row CSV converted with
# `namecanon convert --add key` on 1 job and on all cores, side by side with the nearest Python
# peer (PyICU's `Any-Latin; Latin-ASCII; Lower` per row, scripts/pyicu_convert.py), and peak
# memory for 1,000 and 1,000,000 rows. Needs `pip install PyICU` for the Python column.
#
#   bash Benchmarks/scripts/convert_bench.sh [ROWS]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rows="${1:-1000000}"
corpus="$root/Benchmarks/corpus/names.txt"
work="$root/Benchmarks/corpus"
[ -f "$corpus" ] || python3 "$root/Benchmarks/scripts/make_corpus.py" 1000000 "$corpus"
(cd "$root" && swift build -c release --product namecanon >/dev/null)
bin="$root/.build/release/namecanon"

make_csv() { # rows → CSV with an id, the name, a quoted free-text column and a country
  python3 - "$corpus" "$1" "$2" <<'PY'
import csv, sys
names = open(sys.argv[1], encoding="utf-8").read().split("\n")[:-1]
count, out = int(sys.argv[2]), sys.argv[3]
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "name", "note", "country"])
    for i in range(count):
        w.writerow([i, names[i % len(names)], f'seen in "report {i % 97}", page {i % 13}', "VN" if i % 3 else "CN"])
PY
}
make_csv "$rows" "$work/convert-$rows.csv"
make_csv 1000 "$work/convert-1000.csv"
cores=$(nproc)

measure() { # label command... → prints seconds and peak RSS
  local out
  out=$( { /usr/bin/time -f "%e %M" "$@" > /dev/null; } 2>&1 | tail -1)
  echo "$out"
}
printf 'corpus: %s rows of Benchmarks/corpus/names.txt as CSV (id,name,note,country); adding key\n' "$rows"
read -r t1 m1 < <(measure "$bin" convert "$work/convert-$rows.csv" --column name --add key --jobs 1 --no-progress)
read -r tn mn < <(measure "$bin" convert "$work/convert-$rows.csv" --column name --add key --jobs "$cores" --no-progress)
read -r ts ms < <(measure "$bin" convert "$work/convert-1000.csv" --column name --add key --jobs "$cores" --no-progress)
printf '%-44s %8.2f s %10.0f rows/s  peak %6d KB\n' "namecanon convert --jobs 1" "$t1" "$(awk -v n="$rows" -v t="$t1" 'BEGIN{print n/t}')" "$m1"
printf '%-44s %8.2f s %10.0f rows/s  peak %6d KB\n' "namecanon convert --jobs $cores" "$tn" "$(awk -v n="$rows" -v t="$tn" 'BEGIN{print n/t}')" "$mn"
printf '%-44s %8s   %10s          peak %6d KB\n' "namecanon convert, 1,000 rows" "" "" "$ms"
printf 'scaling %d jobs / 1 job: %.2fx\n' "$cores" "$(awk -v a="$t1" -v b="$tn" 'BEGIN{print a/b}')"
if python3 -c "import icu" 2>/dev/null; then
  read -r tp mp < <(measure python3 "$root/Benchmarks/scripts/pyicu_convert.py" "$work/convert-$rows.csv" /dev/stdout name)
  printf '%-44s %8.2f s %10.0f rows/s  peak %6d KB\n' "python3 csv + PyICU per row" "$tp" "$(awk -v n="$rows" -v t="$tp" 'BEGIN{print n/t}')" "$mp"
  printf 'ratio namecanon (all cores) / PyICU: %.2fx\n' "$(awk -v a="$tp" -v b="$tn" 'BEGIN{print a/b}')"
else
  echo "PyICU not installed (pip install PyICU): Python peer skipped"
fi
