#!/usr/bin/env bash
# Builds the libFuzzer targets of Tests/Fuzz and runs each for a given time.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     default: 60 seconds each, every target
#
# Targets: normalize, protocol, records, rules. Seeds come from Fixtures/ and Rules/; the growing
# corpus is kept in .build-fuzz/corpus/TARGET (ignored by git) so later runs start where the last
# stopped. A crash leaves its input in .build-fuzz/artifacts/TARGET; minimize it with
#   .build-fuzz/debug/FuzzX -minimize_crash=1 -runs=10000 CRASHFILE
# and keep the result under Fixtures/fuzz/TARGET/ (beside the hand-made hostile inputs of
# scripts/fuzz/make_regressions.py): every later run starts from those files, and the test suite
# replays each through its target's entry point (FuzzRegressionTests), so a fixed crash stays fixed.
# The exit code is non-zero when any target found a crash. Leak detection is off: Foundation's own
# file reading leaks a buffer on an empty file (seen in the rules target), which is not ours to fix.
# The rules target builds a whole engine per input (about a second under ASan): it is slow by nature
# and finds its bugs in the first few hundred inputs or not at all.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(normalize protocol records rules)

scratch=.build-fuzz
# Coverage for libFuzzer and AddressSanitizer on every module; libFuzzer's driver without its main,
# since SwiftPM gives each executable a main of its own (the targets call LLVMFuzzerRunDriver).
toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swiftc)")")")
nomain=$(ls "$toolchain"/lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a 2>/dev/null | head -1)
[ -n "$nomain" ] || { echo "libFuzzer (libclang_rt.fuzzer_no_main) not found in the Swift toolchain" >&2; exit 2; }
flags=(-Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp
       -Xlinker "$nomain" -Xlinker -lstdc++)
swift build --package-path Tests/Fuzz --scratch-path "$scratch" "${flags[@]}" 2>&1 | tail -3

seed() {  # seed TARGET DIR: writes the seed inputs of one target into DIR
  local target=$1 dir=$2
  mkdir -p "$dir"
  case $target in
    normalize)
      # The first column of every normalize fixture, one file a name.
      cat Fixtures/normalize/*.tsv | grep -v '^#' | cut -f1 | grep -v '^@' | grep . | awk 'NR <= 2000' |
        split -l 1 - "$dir/name-" ;;
    protocol)
      cut -f1 Fixtures/normalize/*.tsv | grep -v '^[#@]' | grep . | awk 'NR <= 300' |
        python3 -c 'import json,sys
for i,l in enumerate(sys.stdin):
    n=l.rstrip("\n"); op=["normalize","transliterate","resolve","compare"][i%4]
    print(json.dumps({"id":i,"op":op,"name":n,"to":"pinyin","a":n,"b":"Xi Jinping"},ensure_ascii=False))' |
        split -l 1 - "$dir/req-" ;;
    records)
      cp Fixtures/convert/*.csv Fixtures/convert/*.tsv Fixtures/convert/*.jsonl Fixtures/convert/*.txt "$dir/" ;;
    rules)
      for f in Rules/*.tsv Rules/zh/surnames.tsv Rules/vi/surnames.tsv Rules/icu/*.txt; do
        head -c 4000 "$f" > "$dir/$(echo "$f" | tr / _)"
      done ;;
  esac
  if [ -d "Fixtures/fuzz/$target" ]; then cp Fixtures/fuzz/"$target"/* "$dir/" 2>/dev/null || true; fi
}

status=0
for target in "${targets[@]}"; do
  case $target in
    normalize) binary=FuzzNormalize; maxlen=2048 ;;
    protocol) binary=FuzzProtocol; maxlen=4096 ;;
    records) binary=FuzzRecords; maxlen=8192 ;;
    rules) binary=FuzzRules; maxlen=8192 ;;
    *) echo "unknown target: $target" >&2; exit 2 ;;
  esac
  corpus=$scratch/corpus/$target
  seeds=$scratch/seeds/$target
  artifacts=$scratch/artifacts/$target
  rm -rf "$seeds"; seed "$target" "$seeds"
  mkdir -p "$corpus" "$artifacts"
  echo "== $target: $seconds s"
  # detect_leaks=0 twice: libFuzzer's flag stops its per-input check, ASAN_OPTIONS the report at
  # exit (Foundation's FileManager.contents and ICU's rule parser leak small buffers, not ours).
  if ! ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" "$scratch/debug/$binary" "$corpus" "$seeds" -max_total_time="$seconds" -max_len="$maxlen" \
      -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$artifacts/" 2> "$scratch/$target.log"; then
    status=1
    echo "   CRASH: see $scratch/$target.log and $artifacts/"
  fi
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)' "$scratch/$target.log" | sed 's/^/   /' || true
  grep -oE 'cov: [0-9]+ ft: [0-9]+' "$scratch/$target.log" | tail -1 | sed 's/^/   /' || true
done
exit $status
