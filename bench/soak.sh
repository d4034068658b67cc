#!/usr/bin/env bash
# The server's soak test, loopback only and bounded in time: `sparkify serve` on a
# warehouse preloaded with PRELOAD (e.g. the benchmark's large data), 8 clients
# paced at RATE requests a second of 50 events for MINUTES, the server SIGKILLed
# and restarted every KILL_EVERY seconds, and one generated daily log dropped into
# the polled folder every POLL_EVERY seconds. The clients resend a request until it
# is acknowledged. It prints the clients' throughput and acknowledgement latency,
# the staging-to-star delay each server reported just before its kill, the server's
# resident memory peak per minute, and checks at the end that every acknowledged
# event is staged once and in f_songplay once, and every polled file's events too
# (exit 1 otherwise).
#   [ENGINE=postgres] [PRELOAD=DIR] [MINUTES=10] [RATE=100] [KILL_EVERY=60] [POLL_EVERY=30]
#   bench/soak.sh [BUILD_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-build/release}"
minutes="${MINUTES:-10}"; rate="${RATE:-100}"; kill_every="${KILL_EVERY:-60}"
poll_every="${POLL_EVERY:-30}"
seconds=$((minutes * 60))
work="$(mktemp -d)"
server=""; sampler=""
source "$here/bench_warehouse.sh"
cleanup() {
  [[ -n "$sampler" ]] && kill "$sampler" 2>/dev/null || true
  [[ -n "$server" ]] && kill -9 "$server" 2>/dev/null || true
  close_bench_warehouse
  rm -rf "$work"
}
trap cleanup EXIT
open_bench_warehouse
# Daily logs for the poller, of sessions of their own (another seed), dated from November 1:
# a backfill into the preloaded month, which rebuilds the level histories of their users.
days=$(((seconds + poll_every - 1) / poll_every))
"$build/sparkify" generate -q --songs 0 --events $((days * 2000)) --days "$days" --seed 4242 \
  --out "$work/extra"
mkdir -p "$work/poll"
mapfile -t logs < <(find "$work/extra/log_data" -type f | sort)

# One port for every run of the server: the clients keep posting to it.
port="$("$build/sparkify-ingest-load" --free-port)"
start_server() {
  : >"$work/out"
  "$build/sparkify" serve --target "$target" --listen "127.0.0.1:$port" --batch-delay 0.5 \
    --events "$work/poll" --poll-interval 5 >>"$work/out" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do grep -q "listening on" "$work/out" && return; sleep 0.05; done
  echo "the server did not start:"; cat "$work/out"; exit 1
}
# GET /v1/status without a client program: HTTP/1.0 over bash's /dev/tcp.
staging_delay() {
  local body
  body="$(exec 3<>"/dev/tcp/127.0.0.1/$port" &&
    printf 'GET /v1/status HTTP/1.0\r\nHost: soak\r\n\r\n' >&3 && cat <&3)" || true
  grep -o '"to_star_seconds":{[^}]*}' <<<"$body" || echo "(no answer)"
}

start_server
# The server's resident memory every second: "elapsed-seconds all-kB anonymous-kB". The
# anonymous part is the heap; the rest is mostly the warehouse file's pages that SQLite's
# readers map (a COUNT(*) of every table for /v1/status touches them all).
( t0=$SECONDS
  while sleep 1; do
    pid="$(pgrep -f "serve --target $target --listen 127.0.0.1:$port" | head -n 1 || true)"
    [[ -n "$pid" ]] && echo "$((SECONDS - t0)) $(awk '/^VmRSS/ {r = $2} /^RssAnon/ {a = $2}
      END {print r + 0, a + 0}' "/proc/$pid/status" 2>/dev/null)"
  done ) >"$work/rss" &
sampler=$!

"$build/sparkify-ingest-load" "$port" "$target" --seconds "$seconds" --clients 8 --batch 50 \
  --rate "$rate" >"$work/clients" 2>&1 &
clients=$!
next_kill=$kill_every; next_log=0; polled=0; t0=$SECONDS
while (( SECONDS - t0 < seconds )); do
  sleep 1
  elapsed=$((SECONDS - t0))
  if (( elapsed >= next_log && polled < ${#logs[@]} )); then
    cp "${logs[$polled]}" "$work/poll/"; polled=$((polled + 1)); next_log=$((next_log + poll_every))
  fi
  if (( elapsed >= next_kill && elapsed < seconds )); then
    echo "$(printf '%4d' "$elapsed") s: staging to star before the kill: $(staging_delay)"
    kill -9 "$server"; wait "$server" 2>/dev/null || true
    start_server
    next_kill=$((next_kill + kill_every))
  fi
done
wait "$clients" && clients_ok=1 || clients_ok=0
echo "$(printf '%4d' "$((SECONDS - t0))") s: staging to star at the end: $(staging_delay)"
cat "$work/clients"
kill "$sampler" 2>/dev/null || true; sampler=""
kill -TERM "$server"; wait "$server" || true; server=""

echo "server resident memory, peak per minute (MB): all, anonymous"
awk '{ m = int($1 / 60); if ($2 > all[m]) all[m] = $2; if ($3 > anon[m]) anon[m] = $3 } END {
       for (i = 0; i in all; i++) printf "  minute %d: %.0f, %.0f\n", i + 1, all[i] / 1024, anon[i] / 1024
     }' "$work/rss"

# The polled files: every event staged once, every NextSong in f_songplay once.
lines=0; plays=0
for ((i = 0; i < polled; i++)); do
  lines=$((lines + $(grep -c '' "${logs[$i]}")))
  plays=$((plays + $(grep -c '"page":"NextSong"' "${logs[$i]}" || true)))
done
count() { "$build/sparkify" sql --target "$target" -q --format csv "$1" | tail -n 1 | tr -d '\r'; }
staged="$(count "SELECT COUNT(*) FROM s_songplay_event WHERE source_key LIKE '%/poll/%'")"
facts="$(count "SELECT COUNT(*) FROM f_songplay f JOIN s_songplay_event e ON e.event_id = f.songplay_id WHERE e.source_key LIKE '%/poll/%'")"
echo "polled files: $polled, events $lines (staged $staged), plays $plays (in f_songplay $facts)"
if (( clients_ok == 0 || staged != lines || facts != plays )); then
  echo "FAILED: events lost or doubled"; exit 1
fi
