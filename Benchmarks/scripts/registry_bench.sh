#!/usr/bin/env bash
# The registry benchmark (issue 5 item 9): open, resolve of known and unknown names, resolve with
# create, on a generated registry of NAMES names (default 1,000,000), built once into
# Benchmarks/corpus/registry-NAMES.sqlite and reused.
#
#   bash Benchmarks/scripts/registry_bench.sh [NAMES]          # the package-benchmark suite
#   bash Benchmarks/scripts/registry_bench.sh [NAMES] --perf   # also a perf profile of the
#                                                              # known-name resolve loop
set -euo pipefail
cd "$(dirname "$0")/.."
export NAMECANON_BENCH_NAMES="${1:-1000000}"

swift package --disable-sandbox benchmark --target RegistryBenchmarks --no-progress

if [[ "${2:-}" == "--perf" ]]; then
    # Profile the timed loop only: sampling starts after 22 s, once the benchmark process has
    # opened the registry (about 8 s at 1,000,000 names) and checked its mentions.
    data=corpus/registry-resolve.perf.data
    perf record -g -D 22000 -o "$data" -- swift package --disable-sandbox benchmark --target RegistryBenchmarks \
        --no-progress --filter '.*distinct.*' >/dev/null 2>&1
    perf report -i "$data" --no-children --sort dso,sym --percent-limit 1.3 --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$'
    perf report -i "$data" --children --sort sym --stdio -g none 2>/dev/null |
        grep -E 'Registry0B0C7resolve|normalizeUncached|Registry0B0C6lookup|Registry0B0C5clean' | head
fi
