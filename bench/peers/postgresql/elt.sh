#!/usr/bin/env bash
# Runs the plain PostgreSQL peer of the benchmark into an empty database and prints
# "plays N matched M":
#
#   bench/peers/postgresql/elt.sh CONNINFO SONG_DIR EVENT_DIR
#
# 10_landing.sql makes the landing tables; the song files and the event logs are then COPYed
# into them by two concurrent psql streams (20_copy_*.sql; each file's documents one a line:
# the files have no final newline, which `awk 1` adds); 30_transform.sql builds the star schema
# in one transaction; ../counts.sql prints the counts.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
conn=${1:?usage: elt.sh CONNINFO SONG_DIR EVENT_DIR}
songs=${2:?usage: elt.sh CONNINFO SONG_DIR EVENT_DIR}
events=${3:?usage: elt.sh CONNINFO SONG_DIR EVENT_DIR}

run_psql() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# One document per line, each file ending with a newline.
lines_of() { find "$1" -name '*.json' -print0 | LC_ALL=C xargs -0 -r awk 1; }

run_psql -f "$here/10_landing.sql" "$conn"
lines_of "$songs" | run_psql -f "$here/20_copy_songs.sql" "$conn" &
song_copy=$!
lines_of "$events" | run_psql -f "$here/20_copy_events.sql" "$conn" &
event_copy=$!
status=0
wait "$song_copy" || status=$?
wait "$event_copy" || status=$?
[[ $status -eq 0 ]] || { echo "postgresql peer: COPY failed" >&2; exit 1; }
run_psql -1 -f "$here/30_transform.sql" "$conn"
run_psql -A -t -f "$here/../counts.sql" "$conn"
