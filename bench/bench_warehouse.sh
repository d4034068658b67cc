# Sourced by the server benchmarks (ingest_load.sh, soak.sh) once $here, $build and $work
# are set. open_bench_warehouse sets $target: a SQLite file in $work, or with
# ENGINE=postgres a throwaway PostgreSQL server (in $pgdir); with PRELOAD=DIR it first loads
# DIR/song_data and DIR/log_data. close_bench_warehouse stops that PostgreSQL server.
pgdir=""
open_bench_warehouse() {
  if [[ "${ENGINE:-sqlite}" == postgres ]]; then
    pgdir="$(mktemp -u "${TMPDIR:-/tmp}/sparkify-bench-pg.XXXXXX")"
    target="$("$here/../scripts/pg-test-server.sh" start "$pgdir" | tail -n 1)"
  else
    target="sqlite:$work/w.db"
  fi
  if [[ -n "${PRELOAD:-}" ]]; then
    echo "preloading $PRELOAD" >&2
    "$build/sparkify" load -q --target "$target" --songs "$PRELOAD/song_data" \
      --events "$PRELOAD/log_data"
  fi
}
close_bench_warehouse() {
  [[ -n "$pgdir" ]] && "$here/../scripts/pg-test-server.sh" stop "$pgdir" >/dev/null 2>&1 || true
}
