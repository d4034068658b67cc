#!/usr/bin/env bash
# A new user's first hour, in order: the typos, wrong folders and second server of
# a first try. Every step must end with its documented exit code (docs/operations.md),
# print nothing that looks like a stack trace, start every stderr line with
# "sparkify:" (or "warning:"), and in the end the folder must hold only what the
# user asked for. Usage: first_hour.sh SPARKIFY_BINARY SAMPLE_DIR
set -u
bin=$(realpath "$1")
sample=$(realpath "$2")
work=$(mktemp -d)
logs=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work" "$logs"
}
trap cleanup EXIT
cd "$work" || exit 1
failures=0
step=0

fail() {
  echo "FAIL step $step: $*" >&2
  failures=$((failures + 1))
}

# expect CODE ARGS...: runs sparkify ARGS and checks what it printed on stderr.
expect() {
  local expected=$1
  shift
  step=$((step + 1))
  timeout 60 "$bin" "$@" >"$logs/out" 2>"$logs/err" </dev/null
  local code=$?
  echo "step $step: sparkify $* -> $code"
  [ "$code" -eq "$expected" ] || fail "sparkify $*: exit $code, documented $expected; stderr: $(cat "$logs/err")"
  if grep -Eq 'std::|what\(\)|terminate called|max_size|Aborted|Segmentation|\.(cpp|hpp):[0-9]+|0x[0-9a-f]{8}' "$logs/err"; then
    fail "sparkify $*: stack-trace-like message: $(cat "$logs/err")"
  fi
  if grep -Ev '^(sparkify:|warning:|$)' "$logs/err" >/dev/null; then
    fail "sparkify $*: a stderr line without 'sparkify:': $(grep -Ev '^(sparkify:|warning:|$)' "$logs/err")"
  fi
}

# http EXPECTED_STATUS METHOD PATH: one request to the running server.
http() {
  step=$((step + 1))
  local status
  status=$(curl -s -o "$logs/body" -w '%{http_code}' -X "$2" "http://127.0.0.1:$port$3")
  echo "step $step: $2 $3 -> $status"
  [ "$status" = "$1" ] || fail "$2 $3: HTTP $status, expected $1"
  head -c 1 "$logs/body" | grep -q '{' || fail "$2 $3: the body is not JSON: $(cat "$logs/body")"
}

mkdir empty outdir  # the user's own folders

# 1. Empty folders (a typo, a wrong mount): not a green run.
expect 3 load --songs empty --events empty --db mine.db
# 2. The folders swapped: every record rejected is a failure.
expect 6 load --songs "$sample/log_data" --events "$sample/song_data" --db swapped.db
# 3. A server, then a second one on its port, then a port out of range.
"$bin" serve --db served.db --listen 127.0.0.1:0 >"$logs/serve.out" 2>"$logs/serve.err" &
server_pid=$!
port=
for _ in $(seq 1 200); do
  port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$logs/serve.out")
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || fail "the first server did not start: $(cat "$logs/serve.err")"
expect 2 serve --db second.db --listen "127.0.0.1:$port"
expect 2 serve --db second.db --listen :99999
# 5. and 6. Random paths and wrong methods.
http 404 GET /favicon.ico
http 405 GET /v1/events
http 405 POST /health
step=$((step + 1))
curl -s "http://127.0.0.1:$port/metrics" | grep -q 'path="/favicon.ico"' &&
  fail "/metrics has a series for a random path"
kill "$server_pid"
wait "$server_pid"
server_code=$?
server_pid=
[ "$server_code" -eq 0 ] || fail "the server stopped with $server_code"
# 7. A read-only command on a mistyped warehouse.
expect 5 status --db typo.db
# 8. and 9. A load that fails before its first batch; a negative number of jobs.
expect 3 load --db new.db --songs nope
expect 2 load --db new.db --jobs -1
# 10. A mistyped command; help and -V.
expect 2 lod
expect 0 help
expect 0 help load
expect 0 -V
# The real load, then 11. a SQL typo.
expect 0 load --db mine.db
expect 2 sql --db mine.db "SELEC * FROM d_user"
# 12. The report on standard output, and into a folder.
expect 0 report --db mine.db --out -
expect 2 report --db mine.db --out outdir/
# 13. A target of an engine sparkify does not have.
expect 2 status --target mysql://x@y/z
# 16. A flag given twice.
expect 0 load --db mine.db --jobs 1 --jobs 2
# 17. A load with no --db: ./sparkify.db, named in the summary.
expect 0 load
grep -q 'into sqlite:sparkify.db' "$logs/out" || fail "the summary does not name sqlite:sparkify.db"

# Only what the user asked for: their folders and the warehouses they named.
found=$(find . -mindepth 1 | sort | tr '\n' ' ')
wanted="./empty ./mine.db ./outdir ./served.db ./sparkify.db ./swapped.db "
[ "$found" = "$wanted" ] || fail "files: '$found', expected '$wanted'"

if [ "$failures" -ne 0 ]; then
  echo "$failures failures" >&2
  exit 1
fi
echo "first hour: $step steps as documented"
