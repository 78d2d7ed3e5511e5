#!/usr/bin/env bash
# Installs the Debian 12 packages satdan builds and tests with, and nothing when all are present.
set -euo pipefail

packages=(
  cmake g++ ninja-build pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsoci-dev libsqlite3-dev libpq-dev libical-dev libsodium-dev libicu-dev
  libgtest-dev libgmock-dev
  libkainjow-mustache-dev libqrencode-dev
  postgresql
  chromium fonts-noto-core
)

# Node.js runs the browser tests (playwright-core); any installed node of version 18 or later will do.
command -v node >/dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "satdan: installing ${missing[*]}" >&2
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
