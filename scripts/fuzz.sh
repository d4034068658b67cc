#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang-14, ASan + UBSan) and runs each one
# for SECONDS (default 60) on a seed corpus made from the real sample, the
# bad-input fixture and fuzz/seeds/. Prints one line per target: seconds, runs,
# runs per second, corpus size, coverage. Exits non-zero when a target crashes
# or breaks a property; the input is kept in build/fuzz/artifacts/.
#
#   scripts/fuzz.sh            # 60 s per target
#   scripts/fuzz.sh 5          # the short run scripts/test.sh does
#   scripts/fuzz.sh 1800 event_parser_fuzz   # a long run of one target
#   FUZZ_JOBS=2 scripts/fuzz.sh 600          # two fuzzing processes per target
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(event_parser_fuzz song_parser_fuzz config_fuzz aws_config_fuzz list_objects_fuzz
           sigv4_fuzz utf8_fuzz)
fi
jobs=${FUZZ_JOBS:-1}
build=build/fuzz

command -v clang++-14 >/dev/null || { echo "clang++-14 is missing: run scripts/install-deps.sh" >&2; exit 1; }
if [[ ! -f $build/CMakeCache.txt ]]; then
  CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSPARKIFY_FUZZ=ON -DSPARKIFY_TESTS=OFF >/dev/null
fi
nice -n 10 cmake --build "$build" -j"$(nproc)" --target "${targets[@]}" >/dev/null

# Seeds: committed ones, plus slices of the real sample (libFuzzer works best on
# small inputs, so event logs are cut into pieces of 8 lines).
corpus=$build/corpus
seeds=$build/seeds
rm -rf "$seeds"
mkdir -p "$seeds" "$build/artifacts"
for t in "${targets[@]}"; do
  mkdir -p "$corpus/$t" "$seeds/$t"
  [[ -d fuzz/seeds/$t ]] && cp fuzz/seeds/$t/* "$seeds/$t/"
done
if [[ -d $seeds/event_parser_fuzz ]]; then
  i=0
  while IFS= read -r -d '' f; do
    split -l 8 -a 4 "$f" "$seeds/event_parser_fuzz/log$((i++))-"
  done < <(find data/sample/log_data tests/data/bad-input/log_data -type f -print0 | sort -z)
  # Keep it small: a few hundred slices are plenty.
  find "$seeds/event_parser_fuzz" -name 'log*' | sort | awk 'NR % 8 != 1' | xargs -r rm -f
fi
if [[ -d $seeds/song_parser_fuzz ]]; then
  i=0
  while IFS= read -r -d '' f; do cp "$f" "$seeds/song_parser_fuzz/song$((i++)).json"; done \
    < <(find data/sample/song_data tests/data/bad-input/song_data -type f -print0 | sort -z)
fi
if [[ -d $seeds/utf8_fuzz ]]; then
  # Real titles and names with non-ASCII characters.
  grep -rhoE '"(title|artist_name|artist_location)": ?"[^"]*"' data/sample/song_data |
    awk 'NR <= 40 { f = sprintf("%s/title%03d", d, NR); printf "\x40%s", $0 > f }' d="$seeds/utf8_fuzz"
fi
if [[ -d $seeds/sigv4_fuzz ]]; then
  i=0
  while read -r f; do printf '%s' "$f" > "$seeds/sigv4_fuzz/path$((i++))"; done \
    < <(find data/sample -type f | sort | awk 'NR <= 20')
fi

dict_for() {
  case $1 in
    event_parser_fuzz | song_parser_fuzz) echo fuzz/dict/json.dict ;;
    list_objects_fuzz) echo fuzz/dict/xml.dict ;;
    config_fuzz | aws_config_fuzz) echo fuzz/dict/ini.dict ;;
    *) echo "" ;;
  esac
}

status=0
printf '%-20s %8s %12s %10s %8s %6s %s\n' target seconds runs exec/s corpus cov result
for t in "${targets[@]}"; do
  log=$build/$t.log
  dict=$(dict_for "$t")
  # A fixed seed (FUZZ_SEED, default 1) makes a CI run repeat the same inputs.
  args=(-seed="${FUZZ_SEED:-1}" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048
        -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-")
  [[ -n $dict ]] && args+=(-dict="$dict")
  ((jobs > 1)) && args+=(-fork="$jobs")
  result=ok
  if ! ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$build/$t" "${args[@]}" "$corpus/$t" "$seeds/$t" >"$log" 2>&1; then
    result="FAILED (see $log)"
    status=1
  fi
  # A crashed run prints no final stats: the line is still printed, with '?'.
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1 || true)
  rate=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1 || true)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
  size=$(find "$corpus/$t" -type f | wc -l)
  printf '%-20s %8s %12s %10s %8s %6s %s\n' "$t" "$seconds" "${runs:-?}" "${rate:-?}" "$size" \
    "${cov:-?}" "$result"
done
exit $status
