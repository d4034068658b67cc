#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for tests: a fresh cluster in a temporary
# folder, listening on a free loopback port and on a Unix socket in that folder,
# tuned for speed (no fsync: the data is disposable).
#
#   scripts/pg-test-server.sh start [DIR] [--watch PID]
#       Creates DIR (default: a new mktemp folder), starts the server, creates the
#       database sparkify_test and prints a libpq connection string on stdout.
#       With --watch PID, the server is also stopped when process PID exits (so a
#       crashed test run does not leave it behind).
#   scripts/pg-test-server.sh stop DIR
#       Stops the server and removes DIR (only a folder this script created).
#   scripts/pg-test-server.sh halt DIR
#       Stops the server but keeps DIR (a database outage, for fault tests).
#   scripts/pg-test-server.sh resume DIR
#       Starts a halted server again on the same port.
#   scripts/pg-test-server.sh env DIR
#       Prints shell exports (PGHOST, PGPORT, PGUSER, PGDATABASE, SPARKIFY_TEST_PG).
#
# PG_TEST_SERVER_SETTINGS adds server settings to those below, as "name=value"
# words (bench/run.sh sizes the buffers for the large benchmark this way).
#
# Run as root (as CI does), initdb and pg_ctl run as the postgres user, which owns
# DIR; run as another user, they run as that user. Local (socket) connections are
# trusted, so the connection string needs no password; TCP connections need a
# password (scram-sha-256), which tests set up for roles they create themselves.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DB_NAME=sparkify_test
MARKER=.sparkify-pg-test-server

die() {
  echo "pg-test-server: $*" >&2
  exit 1
}

as_owner() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# True when nothing accepts connections on 127.0.0.1:PORT.
port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

conninfo() {
  echo "host=$1 port=$2 dbname=$DB_NAME user=postgres"
}

cmd_start() {
  local dir="" watch=""
  while [[ $# -gt 0 ]]; do
    case $1 in
      --watch) watch=${2:?--watch needs a PID}; shift 2 ;;
      *) [[ -z $dir ]] || die "too many arguments"; dir=$1; shift ;;
    esac
  done
  [[ -x $PG_BIN/initdb ]] || die "no initdb in $PG_BIN (install postgresql-15)"
  if [[ -z $dir ]]; then
    dir=$(mktemp -d "${TMPDIR:-/tmp}/sparkify-pg.XXXXXX")
  else
    mkdir -p "$dir"
    [[ -z $(ls -A "$dir") ]] || die "$dir is not empty"
  fi
  dir=$(cd "$dir" && pwd)
  [[ $dir =~ ^[A-Za-z0-9_./-]+$ ]] || die "use a folder path without spaces or quotes: $dir"
  touch "$dir/$MARKER"
  chmod 755 "$dir"
  if [[ $EUID -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "no postgres user (install postgresql-15)"
    chown postgres:postgres "$dir"
  fi

  as_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth-local=trust \
    --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; die "initdb failed"; }

  local port="" attempt setting extra=""
  for setting in ${PG_TEST_SERVER_SETTINGS:-}; do
    [[ $setting == *=* ]] || die "PG_TEST_SERVER_SETTINGS: '$setting' is not name=value"
    extra+=" -c $setting"
  done
  for attempt in $(seq 1 20); do
    local candidate=$((20000 + RANDOM % 40000))
    port_free "$candidate" || continue
    if as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      -o "-p $candidate -c listen_addresses=127.0.0.1 -k $dir -c fsync=off \
-c synchronous_commit=off -c full_page_writes=off -c max_connections=50$extra" >/dev/null 2>&1; then
      port=$candidate
      break
    fi
    # A port taken between the check and the bind: try another one.
    grep -qE "could not bind|already in use" "$dir/server.log" 2>/dev/null ||
      { cat "$dir/server.log" >&2 || true; die "pg_ctl start failed"; }
  done
  [[ -n $port ]] || die "no free port found"
  echo "$port" >"$dir/port"

  as_owner "$PG_BIN/createdb" -h "$dir" -p "$port" -U postgres "$DB_NAME" ||
    { cmd_stop "$dir"; die "createdb failed"; }

  if [[ -n $watch ]]; then
    # Detached from our stdout so the caller's read of the connection string ends.
    setsid bash -c 'while kill -0 "$1" 2>/dev/null && [[ -d "$2/data" ]]; do sleep 1; done
                    exec "$0" stop "$2"' "$0" "$watch" "$dir" </dev/null >/dev/null 2>&1 &
  fi
  conninfo "$dir" "$port"
}

cmd_stop() {
  local dir=${1:?stop needs DIR}
  [[ -d $dir ]] || return 0
  [[ -f $dir/$MARKER ]] || die "$dir was not created by this script; not touching it"
  if [[ -f $dir/data/postmaster.pid ]]; then
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

cmd_halt() {
  local dir=${1:?halt needs DIR}
  [[ -f $dir/$MARKER ]] || die "$dir was not created by this script; not touching it"
  as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
}

cmd_resume() {
  local dir=${1:?resume needs DIR}
  [[ -f $dir/$MARKER && -f $dir/port ]] || die "no halted server in $dir"
  local port
  port=$(cat "$dir/port")
  as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off \
-c synchronous_commit=off -c full_page_writes=off -c max_connections=50" >/dev/null
}

cmd_env() {
  local dir=${1:?env needs DIR}
  [[ -f $dir/port ]] || die "no server in $dir"
  local port
  port=$(cat "$dir/port")
  echo "export PGHOST=$dir PGPORT=$port PGUSER=postgres PGDATABASE=$DB_NAME"
  echo "export SPARKIFY_TEST_PG='$(conninfo "$dir" "$port")'"
}

case ${1:-} in
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  env) shift; cmd_env "$@" ;;
  halt) shift; cmd_halt "$@" ;;
  resume) shift; cmd_resume "$@" ;;
  *) die "usage: $0 start [DIR] [--watch PID] | stop DIR | halt DIR | resume DIR | env DIR" ;;
esac
