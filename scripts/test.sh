#!/usr/bin/env bash
# Builds and runs every test: a Release build, then the same suite under
# AddressSanitizer and UndefinedBehaviorSanitizer. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
# Each step says when it starts, so a slow machine or a slow step shows in the log.
step() { echo "== $* [${SECONDS} s]"; }

step "Dependencies"
scripts/install-deps.sh
jobs=$(nproc)

# The S3-compatible test server's pinned packages, once, before tests run in parallel.
if [[ ! -d tests/support/s3rver/node_modules/@20minutes/s3rver ]]; then
  (cd tests/support/s3rver && npm ci --no-audit --no-fund --loglevel=error)
fi

step "Release build and tests"
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DSPARKIFY_TESTS=ON >/dev/null
cmake --build build/release -j"$jobs" >/dev/null
(cd build/release && ctest --no-tests=error --output-on-failure -j"$jobs")

step "Fuzzing: a short bounded run of every target (scripts/fuzz.sh; longer runs: docs/reliability.md)"
scripts/fuzz.sh "${FUZZ_SECONDS:-8}"

step "Sanitizer build (address, undefined) and tests"
cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Debug -DSPARKIFY_SANITIZE=ON -DSPARKIFY_TESTS=ON >/dev/null
cmake --build build/asan -j"$jobs" >/dev/null
# redshift_sql_parse checks the text of the Redshift statements with sqlfluff (a minute), which
# the sanitizers do not change: it runs in the Release pass only.
(cd build/asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --no-tests=error --output-on-failure -j"$jobs" -E '^redshift_sql_parse$')

step "Done: every test passed"
