#!/usr/bin/env bash
# The load benchmark, one command, Release build:
#
#   bench/run.sh            # medium and large, SQLite and PostgreSQL, peers, floors, updates, queries
#   SIZES=medium bench/run.sh            # only medium (a few minutes)
#   SIZES=sample bench/run.sh            # the real sample (data/sample) only
#   SIZES=twice bench/run.sh             # twice large (400,000 song files, 4,000,000 events)
#   REPEAT=5 bench/run.sh                # medium loads repeated 5 times (median printed)
#
# Each load of the product is followed by its peer on the same files: the page of SQL a data
# engineer would write instead (bench/peers/): DuckDB for SQLite, plain PostgreSQL on the same
# server for PostgreSQL. Their plays and matched plays must equal the product's, or the run fails.
#
# Data is generated once (deterministic) into $BENCH_CACHE: /dev/shm/sparkify-bench when tmpfs
# has room for it, else ~/.cache/sparkify-bench. Warehouses are written beside it ($BENCH_CACHE/db),
# PostgreSQL is a throwaway server (scripts/pg-test-server.sh). Prints one table per measure.
# Phase timings of each load (SPARKIFY_PROFILE) go to $BENCH_CACHE/logs/.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build/bench}
SIZES=${SIZES:-"medium large"}
REPEAT=${REPEAT:-3}
ENGINES=${ENGINES:-"sqlite postgresql"}

if [[ -z ${BENCH_CACHE:-} ]]; then
  shm_free_kb=$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 {print $4}')
  if [[ -n $shm_free_kb && $shm_free_kb -gt $((6 * 1024 * 1024)) ]]; then
    BENCH_CACHE=/dev/shm/sparkify-bench
  else
    BENCH_CACHE=$HOME/.cache/sparkify-bench
  fi
fi
mkdir -p "$BENCH_CACHE/db" "$BENCH_CACHE/logs"
LOGS=$BENCH_CACHE/logs

echo "== build (Release) in $BUILD"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DSPARKIFY_TESTS=OFF >/dev/null
nice -n 10 cmake --build "$BUILD" -j"$(nproc)" --target sparkify sparkify-parse-floor \
  sparkify-sqlite-write-floor >/dev/null
SPARKIFY=$BUILD/sparkify
PARSE_FLOOR=$BUILD/sparkify-parse-floor
WRITE_FLOOR=$BUILD/sparkify-sqlite-write-floor

echo "== machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/ {print $2}') GiB RAM"
echo "== data cache: $BENCH_CACHE ($(df -P "$BENCH_CACHE" | awk 'NR == 2 {print $1}'))"

songs_of() { case $1 in sample) echo 71 ;; medium) echo 20000 ;; large) echo 200000 ;; twice) echo 400000 ;; esac; }
events_of() { case $1 in sample) echo 8056 ;; medium) echo 200000 ;; large) echo 2000000 ;; twice) echo 4000000 ;; esac; }
# The files of a size: the real sample as it is in the repository, the others generated.
data_of() { if [[ $1 == sample ]]; then echo "$ROOT/data/sample"; else echo "$BENCH_CACHE/$1"; fi; }

for size in $SIZES; do
  [[ -n $(songs_of "$size") ]] || { echo "unknown size $size (sample, medium, large, twice)" >&2; exit 2; }
  [[ $size != sample ]] || continue
  dir=$BENCH_CACHE/$size
  if [[ ! -f $dir/.complete ]]; then
    rm -rf "$dir"
    echo "== generating $size once into $dir"
    "$SPARKIFY" generate -q --songs "$(songs_of "$size")" --events "$(events_of "$size")" --out "$dir"
    touch "$dir/.complete"
  fi
done
# The small update, as a daily job makes it: the five days after the loaded month (December
# 1-5; *medium* and *large* hold November), a few hundred events each, loaded one after the
# other into the warehouse just loaded; the median of the five. The loaded data's seed, so the
# users are the same people with the same names and genders (a user is a function of the seed
# and their id), playing on new days (new event ids). (The generator spreads events over --days
# from November 1: 35 days of 400 events give December 1-5 as the last five files.)
UPDATE=$BENCH_CACHE/update-5-days-same-users
UPDATE_DAYS=5
if [[ ! -f $UPDATE/.complete ]]; then
  rm -rf "$UPDATE" "$UPDATE.gen"
  "$SPARKIFY" generate -q --songs 1 --events $(((30 + UPDATE_DAYS) * 400)) \
    --days $((30 + UPDATE_DAYS)) --seed 1 --out "$UPDATE.gen"
  day=0
  while read -r file; do
    day=$((day + 1))
    mkdir -p "$UPDATE/$day/log_data" "$UPDATE/$day/song_data"
    cp "$file" "$UPDATE/$day/log_data/update-day-$day.json"
  done < <(find "$UPDATE.gen/log_data" -name '*.json' | sort | tail -n "$UPDATE_DAYS")
  rm -rf "$UPDATE.gen"
  touch "$UPDATE/.complete"
fi
UPDATE_EVENTS=$(wc -l <"$UPDATE/1/log_data/update-day-1.json")
UPDATE_EVENTS=$((UPDATE_EVENTS + 1))  # no final newline

# The peers (bench/peers/): DuckDB pinned by its package-lock.json, installed on first use.
PEERS=$ROOT/bench/peers
if [[ $ENGINES == *sqlite* && ! -d $PEERS/duckdb/node_modules/@duckdb/node-api ]]; then
  echo "== installing the DuckDB peer (npm ci in $PEERS/duckdb)"
  (cd "$PEERS/duckdb" && npm ci --no-audit --no-fund --loglevel=error)
fi

PG_DIR=""
cleanup() { [[ -n $PG_DIR ]] && "$ROOT/scripts/pg-test-server.sh" stop "$PG_DIR" >/dev/null 2>&1 || true; }
trap cleanup EXIT
if [[ $ENGINES == *postgresql* ]]; then
  PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sparkify-bench-pg.XXXXXX")
  rmdir "$PG_DIR"
  # Buffers as a production server on this machine would have them (PostgreSQL's
  # guidance is up to a quarter of RAM; 2 GB of 23 GiB here) rather than the 128 MB
  # default, so the large warehouse's indexes are not read back from the OS cache
  # on every insert; fewer checkpoints during a bulk load. The floors run on the
  # same server.
  PG_CONN=$(PG_TEST_SERVER_SETTINGS=${PG_TEST_SERVER_SETTINGS:-"shared_buffers=2GB max_wal_size=8GB"} \
    "$ROOT/scripts/pg-test-server.sh" start "$PG_DIR" --watch $$)
  echo "== warming up the PostgreSQL server (bench/pg_warm_up.sql)"
  psql -X -q -v ON_ERROR_STOP=1 "$PG_CONN" -f "$ROOT/bench/pg_warm_up.sql" >/dev/null
fi
pg_db() { echo "${PG_CONN/dbname=sparkify_test/dbname=$1}"; }
pg_fresh() {
  psql -q "$PG_CONN" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null 2>&1
}
target_of() {  # engine size -> --target value
  if [[ $1 == sqlite ]]; then echo "sqlite:$BENCH_CACHE/db/$2.db"; else pg_db "bench_$2"; fi
}
fresh_target() {
  if [[ $1 == sqlite ]]; then rm -f "$BENCH_CACHE/db/$2.db"*; else pg_fresh "bench_$2"; fi
}

# product_counts ENGINE SIZE: "plays N matched M" of the product's warehouse.
product_counts() {
  if [[ $1 == sqlite ]]; then
    sqlite3 "$BENCH_CACHE/db/$2.db" <"$PEERS/counts.sql"
  else
    psql -X -A -t -q -v ON_ERROR_STOP=1 -f "$PEERS/counts.sql" "$(pg_db "bench_$2")"
  fi
}
peer_of() { if [[ $1 == sqlite ]]; then echo duckdb; else echo plain-postgresql; fi; }
# run_peer ENGINE SIZE LOG: the product's peer on the files of SIZE, timed; prints
# "seconds maxrss_kb", its "plays N matched M" in LOG.
run_peer() {
  local dir
  dir=$(data_of "$2")
  if [[ $1 == sqlite ]]; then
    local db=$BENCH_CACHE/db/peer-duckdb-$2.duckdb
    rm -f "$db" "$db.wal"
    timed "$3" node "$PEERS/duckdb/elt.js" "$db" "$dir/song_data" "$dir/log_data"
    rm -f "$db" "$db.wal"
  else
    pg_fresh "bench_peer_$2"
    timed "$3" "$PEERS/postgresql/elt.sh" "$(pg_db "bench_peer_$2")" "$dir/song_data" "$dir/log_data"
  fi
}
# check_counts WHAT EXPECTED ACTUAL: fails the run when a peer's counts differ from the product's.
check_counts() {
  if [[ $2 != "$3" ]]; then
    echo "!! $1 gives \"$3\" but the product gives \"$2\": the comparison is void" >&2
    exit 1
  fi
}

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# timed LOG cmd...: runs cmd under /usr/bin/time -v; prints "seconds maxrss_kb".
timed() {
  local log=$1
  shift
  SPARKIFY_PROFILE=1 /usr/bin/time -v "$@" >"$log" 2>&1 || { cat "$log" >&2; return 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]}
              /Maximum resident set size/ {m = $2} END {printf "%.3f %d\n", s, m}' "$log"
}

# small_updates ENGINE SIZE: the small updates into the warehouse just loaded, one day
# after the other, each timed by the nanosecond clock (/usr/bin/time's wall clock has
# 10 ms steps); prints their median.
small_updates() {
  local day start updates=()
  for day in $(seq "$UPDATE_DAYS"); do
    start=$(date +%s.%N)
    timed "$LOGS/update-$1-$2-$day.log" "$SPARKIFY" load -q \
      --target "$(target_of "$1" "$2")" --events "$UPDATE/$day/log_data" \
      --songs "$UPDATE/$day/song_data" --allow-empty >/dev/null
    updates+=("$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.4f", b - a}')")
  done
  printf '%s\n' "${updates[@]}" | median
}

declare -A PEER_WALL PEER_RSS COUNTS
declare -A WALL RSS FLOOR_READ FLOOR_PARSE FLOOR_COPY FLOOR_PG FLOOR_SQLITE FLOOR_SQLITE_FACTS UPDATE_T
for size in $SIZES; do
  dir=$(data_of "$size")
  # Floors on the same files.
  reads=(); parses=()
  for _ in $(seq "$REPEAT"); do
    reads+=("$( { /usr/bin/time -f %e bash -c "find '$dir/song_data' '$dir/log_data' -name '*.json' -print0 | xargs -0 cat >/dev/null"; } 2>&1)")
    parses+=("$("$PARSE_FLOOR" "$dir/song_data" "$dir/log_data" | awk '{print $5}')")
  done
  FLOOR_READ[$size]=$(printf '%s\n' "${reads[@]}" | median)
  FLOOR_PARSE[$size]=$(printf '%s\n' "${parses[@]}" | median)

  for engine in $ENGINES; do
    walls=(); rsss=(); peer_walls=(); peer_rsss=()
    runs=$REPEAT
    [[ $size == large || $size == twice ]] && runs=1
    # Product and peer alternate, on the same files.
    for r in $(seq "$runs"); do
      fresh_target "$engine" "$size"
      read -r w m < <(timed "$LOGS/load-$engine-$size-$r.log" "$SPARKIFY" load -q \
        --target "$(target_of "$engine" "$size")" --songs "$dir/song_data" --events "$dir/log_data")
      walls+=("$w"); rsss+=("$m")
      COUNTS[$engine,$size]=$(product_counts "$engine" "$size")
      # After the last load, before its peer runs: the peer's load of a size would push
      # the product's pages out of the database server's buffers, the more the larger
      # the size, and the updates would measure that instead of the warehouse's size.
      [[ $r == "$runs" ]] && UPDATE_T[$engine,$size]=$(small_updates "$engine" "$size")
      peer=$(peer_of "$engine")
      peer_log=$LOGS/peer-$peer-$size-$r.log
      read -r w m < <(run_peer "$engine" "$size" "$peer_log")
      peer_walls+=("$w"); peer_rsss+=("$m")
      check_counts "the $peer peer ($peer_log)" "${COUNTS[$engine,$size]}" "$(grep '^plays ' "$peer_log")"
    done
    [[ $engine == postgresql ]] && psql -q "$PG_CONN" -c "DROP DATABASE bench_peer_$size"
    WALL[$engine,$size]=$(printf '%s\n' "${walls[@]}" | median)
    RSS[$engine,$size]=$(printf '%s\n' "${rsss[@]}" | sort -n | tail -1)
    PEER_WALL[$engine,$size]=$(printf '%s\n' "${peer_walls[@]}" | median)
    PEER_RSS[$engine,$size]=$(printf '%s\n' "${peer_rsss[@]}" | sort -n | tail -1)
  done

  # The SQLite write floor: the loaded warehouse's final rows written into a fresh
  # one with the same schema (bench/sqlite_write_floor.cpp; the update's few hundred rows included).
  if [[ $ENGINES == *sqlite* ]]; then
    whs=(); facts=()
    for _ in $(seq "$REPEAT"); do
      read -r w f < <("$WRITE_FLOOR" "$BENCH_CACHE/db/$size.db" "$BENCH_CACHE/db")
      whs+=("$w"); facts+=("$f")
    done
    FLOOR_SQLITE[$size]=$(printf '%s\n' "${whs[@]}" | median)
    FLOOR_SQLITE_FACTS[$size]=$(printf '%s\n' "${facts[@]}" | median)
  fi

  # The COPY floor: the final fact rows COPYed into PostgreSQL (a plain table, no indexes).
  if [[ $ENGINES == *postgresql* ]]; then
    conn=$(pg_db "bench_$size")
    csv=$BENCH_CACHE/db/f_songplay-$size.csv
    psql -q "$conn" -c "\\copy f_songplay TO '$csv' WITH (FORMAT csv)"
    copies=()
    for _ in $(seq "$REPEAT"); do
      psql -q "$conn" -c "DROP TABLE IF EXISTS copy_floor" -c "CREATE TABLE copy_floor (LIKE f_songplay)"
      copies+=("$( { /usr/bin/time -f %e psql -q "$conn" -c "\\copy copy_floor FROM '$csv' WITH (FORMAT csv)"; } 2>&1)")
    done
    psql -q "$conn" -c "DROP TABLE copy_floor"
    rm -f "$csv"
    FLOOR_COPY[$size]=$(printf '%s\n' "${copies[@]}" | median)

    # The PostgreSQL write floor: the loaded warehouse's staging and star rows
    # COPYed (pg_dump --data-only) into a fresh warehouse made by `sparkify init`,
    # every key and index in place, in one transaction.
    dump=$BENCH_CACHE/db/write-floor-$size.sql
    tables=()
    for t in s_song s_songplay_event d_artist d_song d_time d_user d_user_level f_songplay; do
      tables+=(--table="$t")
    done
    pg_dump --data-only "${tables[@]}" "$conn" >"$dump"
    writes=()
    for _ in $(seq "$REPEAT"); do
      pg_fresh bench_write_floor
      "$SPARKIFY" init -q --target "$(pg_db bench_write_floor)"
      writes+=("$( { /usr/bin/time -f %e psql -q -X -1 -v ON_ERROR_STOP=1 -f "$dump" "$(pg_db bench_write_floor)" >/dev/null; } 2>&1)")
    done
    psql -q "$PG_CONN" -c "DROP DATABASE bench_write_floor"
    rm -f "$dump"
    FLOOR_PG[$size]=$(printf '%s\n' "${writes[@]}" | median)
  fi
done

echo
echo "== loads (wall: median of $REPEAT at medium, 1 at large; peak RSS: max)"
printf '%-8s %-11s %9s %12s %12s %10s %11s %11s\n' size engine wall_s events/s songfiles/s peak_MB x_read x_parse
for size in $SIZES; do
  for engine in $ENGINES; do
    w=${WALL[$engine,$size]}
    awk -v s="$size" -v e="$engine" -v w="$w" -v ev="$(events_of "$size")" -v so="$(songs_of "$size")" \
        -v m="${RSS[$engine,$size]}" -v r="${FLOOR_READ[$size]}" -v p="${FLOOR_PARSE[$size]}" \
      'BEGIN {printf "%-8s %-11s %9.2f %12.0f %12.0f %10.0f %10.1fx %10.1fx\n", s, e, w, ev / w, so / w, m / 1024, w / r, w / p}'
  done
done
echo
echo "== product vs peers on the same files, alternating (wall: median of $REPEAT at medium, 1 at large and twice; peak RSS: max, of the client for plain-postgresql)"
printf '%-8s %-11s %10s %-17s %8s %8s %8s %8s  %s\n' size engine product_s peer peer_s ratio prod_MB peer_MB "plays and matched (equal in both)"
for size in $SIZES; do
  for engine in $ENGINES; do
    awk -v s="$size" -v e="$engine" -v w="${WALL[$engine,$size]}" -v p="$(peer_of "$engine")" \
        -v pw="${PEER_WALL[$engine,$size]}" -v m="${RSS[$engine,$size]}" -v pm="${PEER_RSS[$engine,$size]}" \
        -v c="${COUNTS[$engine,$size]}" \
      'BEGIN {printf "%-8s %-11s %10.2f %-17s %8.2f %7.2fx %8.0f %8.0f  %s\n", s, e, w, p, pw, w / pw, m / 1024, pm / 1024, c}'
  done
done
echo
echo "== floors on the same files (median of $REPEAT)"
printf '%-8s %10s %10s %10s  %s\n' size read_s parse_s copy_s "(read: find|xargs cat; parse: bench/parse_floor.cpp on $(nproc) threads; copy: psql \\copy of f_songplay rows)"
for size in $SIZES; do
  printf '%-8s %10s %10s %10s\n' "$size" "${FLOOR_READ[$size]}" "${FLOOR_PARSE[$size]}" "${FLOOR_COPY[$size]:--}"
done
if [[ $ENGINES == *sqlite* ]]; then
  echo
  echo "== SQLite load vs its write floor (the final rows INSERT ... SELECT-ed into a fresh warehouse)"
  for size in $SIZES; do
    awk -v s="$size" -v w="${WALL[sqlite,$size]}" -v c="${FLOOR_SQLITE[$size]}" -v f="${FLOOR_SQLITE_FACTS[$size]}" \
      'BEGIN {printf "%-8s load %.2f s = %.1fx the write floor (%.2f s: every table, key and index; the fact rows alone into a bare table %.2f s)\n", s, w, w / c, c, f}'
  done
fi
if [[ $ENGINES == *postgresql* ]]; then
  echo
  echo "== PostgreSQL load vs the COPY floor"
  for size in $SIZES; do
    awk -v s="$size" -v w="${WALL[postgresql,$size]}" -v c="${FLOOR_COPY[$size]}" -v f="${FLOOR_PG[$size]}" \
      'BEGIN {printf "%-8s load %.2f s = %.1fx the COPY floor (%.2f s), %.1fx the write floor (%.2f s: the final staging and star rows COPYed into a fresh warehouse, every key and index)\n", s, w, w / c, c, w / f, f}'
  done
fi
echo
echo "== small update: one daily log file of $UPDATE_EVENTS events into the loaded warehouse (median of $UPDATE_DAYS days)"
for engine in $ENGINES; do
  line=$(printf '%-11s' "$engine")
  previous=""
  for size in medium large twice; do
    t=${UPDATE_T[$engine,$size]:-}
    [[ -n $t ]] || continue
    line+=" $size $t s"
    # Each size against the one before it: the cost of the same update into a warehouse ten
    # (large / medium) or two (twice / large) times the size.
    [[ -n $previous ]] && line+=$(awk -v a="$previous" -v b="$t" 'BEGIN {printf " (%.2fx)", b / a}')
    previous=$t
  done
  echo "$line"
done

qsize=large
[[ " $SIZES " == *" large "* ]] || qsize=${SIZES##* }
echo
echo "== example queries at $qsize (seconds, median of 3)"
printf '%-28s' query
for engine in $ENGINES; do printf '%12s' "$engine"; done
echo
names=$("$SPARKIFY" query --list --target "$(target_of sqlite "$qsize")" 2>/dev/null |
  awk -F'|' 'NR > 2 {gsub(/ /, "", $1); if ($1 != "") print $1}')
[[ -n $names ]] || names=$("$SPARKIFY" query --list --target "$(target_of "${ENGINES%% *}" "$qsize")" |
  awk -F'|' 'NR > 2 {gsub(/ /, "", $1); if ($1 != "") print $1}')
for name in $names; do
  printf '%-28s' "$name"
  params=()
  [[ $name == artist-locations ]] && params=(--param "artist=Kings Of Leon")
  for engine in $ENGINES; do
    ts=()
    for _ in 1 2 3; do
      if /usr/bin/time -f %e -o "$LOGS/query.time" "$SPARKIFY" query "$name" "${params[@]}" \
        --format csv --target "$(target_of "$engine" "$qsize")" >/dev/null 2>"$LOGS/query.err"; then
        ts+=("$(tail -1 "$LOGS/query.time")")
      fi
    done
    if [[ ${#ts[@]} -eq 3 ]]; then
      printf '%12s' "$(printf '%s\n' "${ts[@]}" | median)"
    else
      printf '%12s' "n/a"  # the query does not exist on this engine (yet)
    fi
  done
  echo
done
echo
echo "phase timings of every load: $LOGS/"
