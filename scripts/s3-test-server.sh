#!/usr/bin/env bash
# Starts or stops the S3-compatible test server (@20minutes/s3rver, which checks SigV4 signatures)
# on a free loopback port.
#
#   scripts/s3-test-server.sh start [STATE_DIR]   prints the port; objects live in STATE_DIR/data
#   scripts/s3-test-server.sh stop  [STATE_DIR]
#
# STATE_DIR defaults to ${TMPDIR:-/tmp}/sparkify-s3rver. Environment:
#   S3RVER_BUCKETS            space-separated buckets to create (default: sparkify-test)
#   S3RVER_ACCESS_KEY_ID      an extra key pair the server accepts besides S3RVER/S3RVER
#   S3RVER_SECRET_ACCESS_KEY
#   S3RVER_PARENT_PID         the server exits by itself when this process is gone
# Needs Node >= 20 and npm; installs the pinned server with `npm ci` on first use.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
support="$here/../tests/support/s3rver"
command="${1:-}"
state="${2:-${TMPDIR:-/tmp}/sparkify-s3rver}"

# Running and not a zombie (an exited server stays a zombie until its new parent reaps it).
alive() {
  local pid="$1" state
  state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)"
  [[ -n "$state" && "$state" != "Z" ]]
}

case "$command" in
  start)
    if [[ ! -d "$support/node_modules/@20minutes/s3rver" ]]; then
      (cd "$support" && npm ci --no-audit --no-fund --loglevel=error >&2)
    fi
    mkdir -p "$state/data"
    if [[ -f "$state/pid" ]] && alive "$(cat "$state/pid")"; then
      echo "s3-test-server: already running (pid $(cat "$state/pid")) in $state" >&2
      exit 1
    fi
    rm -f "$state/port"
    args=(--directory "$state/data" --port-file "$state/port" --silent)
    for bucket in ${S3RVER_BUCKETS:-sparkify-test}; do
      args+=(--bucket "$bucket")
    done
    if [[ -n "${S3RVER_PARENT_PID:-}" ]]; then
      args+=(--parent-pid "$S3RVER_PARENT_PID")
    fi
    # Port 0: the kernel picks a free port, and start.js reports it, so there is no race.
    nohup node --openssl-legacy-provider "$support/start.js" "${args[@]}" \
      >"$state/server.log" 2>&1 </dev/null &
    echo $! >"$state/pid"
    for _ in $(seq 1 200); do
      if [[ -s "$state/port" ]]; then
        cat "$state/port"
        exit 0
      fi
      if ! alive "$(cat "$state/pid")"; then
        echo "s3-test-server: the server exited at start-up; its log:" >&2
        cat "$state/server.log" >&2
        exit 1
      fi
      sleep 0.05
    done
    echo "s3-test-server: no port after 10 s; see $state/server.log" >&2
    kill "$(cat "$state/pid")" 2>/dev/null || true
    exit 1
    ;;
  stop)
    if [[ -f "$state/pid" ]]; then
      pid="$(cat "$state/pid")"
      if kill "$pid" 2>/dev/null; then
        for _ in $(seq 1 100); do
          alive "$pid" || break
          sleep 0.05
        done
        if alive "$pid"; then kill -9 "$pid" 2>/dev/null || true; fi
      fi
      rm -f "$state/pid" "$state/port"
    fi
    ;;
  *)
    echo "usage: $0 start|stop [STATE_DIR]" >&2
    exit 2
    ;;
esac
