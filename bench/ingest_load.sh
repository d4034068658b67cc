#!/usr/bin/env bash
# The server's bounded load test: starts `sparkify serve` on a free loopback port
# against a fresh SQLite file, posts events for SECONDS with CLIENTS clients, and
# checks that every acknowledged event is staged and in the star schema once.
#   bench/ingest_load.sh [BUILD_DIR] [SECONDS] [CLIENTS] [BATCH]
set -euo pipefail
build="${1:-build/release}"; seconds="${2:-10}"; clients="${3:-8}"; batch="${4:-50}"
work="$(mktemp -d)"; trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
"$build/sparkify" serve --db "$work/w.db" --listen 127.0.0.1:0 --batch-delay 0.5 >"$work/out" 2>&1 &
server=$!
for _ in $(seq 1 200); do grep -q "listening on" "$work/out" && break; sleep 0.05; done
port="$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$work/out")"
"$build/sparkify-ingest-load" "$port" "sqlite:$work/w.db" --seconds "$seconds" --clients "$clients" --batch "$batch"
kill -TERM $server; wait $server
