#!/bin/sh
# Regenerates data/names/name_gender.csv from the SSA baby-names data.
#   scripts/build-names.sh PATH/names.zip [BUILD_DIR] [extra options]
# PATH may also be a folder of yobYYYY.txt. Extra options: --threshold X, --min-total N.
# The data: https://www.ssa.gov/oact/babynames/names.zip (public domain).
# It runs `sparkify names build --names PATH --out data/names/name_gender.csv`.
set -eu
names=${1:?usage: scripts/build-names.sh NAMES_ZIP_OR_FOLDER [BUILD_DIR] [options]}
build=${2:-build}
[ $# -ge 2 ] && shift 2 || shift 1
root=$(cd "$(dirname "$0")/.." && pwd)
cmake --build "$build" --target sparkify >/dev/null
"$build/sparkify" names build --names "$names" --out "$root/data/names/name_gender.csv" "$@"
ls -l "$root/data/names/name_gender.csv"
