#!/usr/bin/env bash
# Runs the plain PostgreSQL peer of the benchmark into an empty database. Prints
# "plays N matched M" (../counts.sql) on stdout and the time of each step on stderr:
#
#   bench/peers/postgresql/elt.sh CONNINFO SONG_DIR EVENT_DIR
#
# 10_landing.sql makes the landing tables; the song files and the event logs are then COPYed
# into them by two concurrent psql streams (20_copy_*.sql; each file's documents one a line:
# the files have no final newline, which `awk 1` adds); 30_star.sql and 40_keys.sql build the
# star schema in one transaction.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
usage="usage: elt.sh CONNINFO SONG_DIR EVENT_DIR"
conn=${1:?$usage}
songs=${2:?$usage}
events=${3:?$usage}

run_psql() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# One document per line, each file ending with a newline.
lines_of() { find "$1" -name '*.json' -print0 | LC_ALL=C xargs -0 -r awk 1; }

step_start=$(date +%s.%N)
step_done() {
  local now
  now=$(date +%s.%N)
  awk -v s="$1" -v a="$step_start" -v b="$now" 'BEGIN {printf "postgresql peer: %s %.2f s\n", s, b - a}' >&2
  step_start=$now
}

run_psql -f "$here/10_landing.sql" "$conn"
lines_of "$songs" | run_psql -f "$here/20_copy_songs.sql" "$conn" &
song_copy=$!
lines_of "$events" | run_psql -f "$here/20_copy_events.sql" "$conn" &
event_copy=$!
status=0
wait "$song_copy" || status=$?
wait "$event_copy" || status=$?
[[ $status -eq 0 ]] || { echo "postgresql peer: COPY failed" >&2; exit 1; }
step_done copy
run_psql -1 -f "$here/30_star.sql" -f "$here/40_keys.sql" "$conn"
step_done "star and keys"
run_psql -A -t -f "$here/../counts.sql" "$conn"
