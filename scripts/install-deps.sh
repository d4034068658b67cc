#!/usr/bin/env bash
# Installs the Debian 12 packages sparkify needs to build and test, when missing.
# Run as root (or with sudo). Safe to run again: it installs only what is absent.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libsimdjson-dev libsqlite3-dev libssl-dev libfmt-dev libcli11-dev libarchive-dev
  chromium
  googletest libgtest-dev
)

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
