#!/usr/bin/env bash
# The server's bounded load test: starts `sparkify serve` on a free loopback port
# against a fresh warehouse (ENGINE=sqlite, the default, or ENGINE=postgres for a
# throwaway PostgreSQL), posts events for SECONDS with CLIENTS clients of BATCH
# events per request, and checks that every acknowledged event is staged and in
# the star schema exactly once (exit 1 otherwise). RATE=R paces the clients at R
# requests a second between them (latency from the scheduled send time); PRELOAD=DIR first loads
# DIR/song_data and DIR/log_data (e.g. the benchmark's medium data) into the warehouse;
# SERVER_LOG=FILE keeps the server's output.
#   [ENGINE=postgres] [RATE=R] [PRELOAD=DIR] bench/ingest_load.sh [BUILD_DIR] [SECONDS] [CLIENTS] [BATCH]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-build/release}"; seconds="${2:-10}"; clients="${3:-8}"; batch="${4:-50}"
work="$(mktemp -d)"
server=""
source "$here/bench_warehouse.sh"
cleanup() {
  [[ -n "$server" ]] && kill "$server" 2>/dev/null || true
  close_bench_warehouse
  rm -rf "$work"
}
trap cleanup EXIT
open_bench_warehouse
"$build/sparkify" serve --target "$target" --listen 127.0.0.1:0 --batch-delay 0.5 >"$work/out" 2>&1 &
server=$!
for _ in $(seq 1 200); do grep -q "listening on" "$work/out" && break; sleep 0.05; done
port="$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$work/out")"
"$build/sparkify-ingest-load" "$port" "$target" --seconds "$seconds" --clients "$clients" --batch "$batch" \
  --rate "${RATE:-0}"
kill -TERM "$server"; wait "$server"; server=""
# The server's own output (phase timings with SPARKIFY_PROFILE set) for a closer look.
if [[ -n "${SERVER_LOG:-}" ]]; then cp "$work/out" "$SERVER_LOG"; fi
