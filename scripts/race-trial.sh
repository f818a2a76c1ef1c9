#!/usr/bin/env bash
# The full race and kill -9 trials of issue 11: 4 `namecanon serve` processes x ROUNDS rounds
# (default 1,000) creating the same people in four written forms at once, on SQLite and on
# PostgreSQL (a throwaway cluster unless NAMECANON_TEST_POSTGRES is set), then the kill -9 trials.
# The suite's `swift test` runs the same tests with 30 rounds.
#
#   scripts/race-trial.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${NAMECANON_TEST_POSTGRES:-}" ]; then exec scripts/with-postgres.sh "$0" "$@"; fi
export NAMECANON_RACE_ROUNDS="${1:-1000}"
swift build --build-tests >/dev/null
start=$(date +%s)
swift test --skip-build --filter 'RaceTests'
echo "race trials: $NAMECANON_RACE_ROUNDS rounds x 4 processes x 4 forms on SQLite and PostgreSQL in $(( $(date +%s) - start )) s"
