#!/usr/bin/env bash
# Installs the Debian 12 packages sparkify needs to build and test, when missing.
# Run as root (or with sudo). Safe to run again: it installs only what is absent.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libsimdjson-dev libsqlite3-dev libssl-dev libfmt-dev libcli11-dev libarchive-dev
  libcurl4-openssl-dev libpugixml-dev libcpp-httplib-dev nlohmann-json3-dev
  chromium
  googletest libgtest-dev
  libpq-dev postgresql-15
  sqlfluff
  clang-14 libclang-rt-14-dev
)

# The S3 tests run an S3-compatible server on Node.js (>= 20); use the machine's
# node when there is one, Debian's otherwise.
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
