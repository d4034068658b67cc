#!/usr/bin/env bash
# The main job on the embedded default: installs what is missing, builds in
# Release, and loads the bundled real sample (data/sample/) into ./sparkify.db.
# Extra arguments go to `sparkify load` (e.g. --songs DIR --events DIR).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
# A first configure leaves the tests out (only the binary is built); a folder that
# scripts/test.sh configured keeps its tests on, so its test binaries stay current.
tests=()
[[ -f build/release/CMakeCache.txt ]] || tests=(-DSPARKIFY_TESTS=OFF)
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release "${tests[@]}" >/dev/null
cmake --build build/release -j"$(nproc)" --target sparkify >/dev/null
./build/release/sparkify load --db sparkify.db "$@"
