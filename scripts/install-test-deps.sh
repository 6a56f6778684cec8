#!/usr/bin/env bash
# Installs what the test suite drives for real: Debian's Chromium (browser tests), nginx,
# OpenSSH server and rsync (publishing tests), and the npm tools in tests/browser
# (Lighthouse, axe-core). Idempotent: does nothing that is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium nginx libnginx-mod-http-brotli-static openssh-server openssh-client rsync git brotli openssl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ -f tests/browser/package.json ]; then
  if [ ! -d tests/browser/node_modules ] || [ tests/browser/package-lock.json -nt tests/browser/node_modules ]; then
    echo "Installing the browser test tools (npm)"
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
