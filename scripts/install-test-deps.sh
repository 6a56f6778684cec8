#!/usr/bin/env bash
# Installs what the test suite drives for real: Debian's Chromium (browser tests), nginx,
# OpenSSH server and rsync (publishing tests), and the npm tools in tests/browser
# (Lighthouse, axe-core) and the web editor in editor/ (Decap CMS). Idempotent: does nothing that is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium nginx libnginx-mod-http-brotli-static openssh-server openssh-client rsync git brotli openssl)
# Lighthouse 12 needs Node.js 18.16 or newer: Debian 12's nodejs is 18.19. A machine that
# already has node (for example from NodeSource) keeps its own.
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
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

# The web editor (Decap CMS and decap-server, pinned in editor/package-lock.json). The stamp
# records which lock file node_modules was installed from (`invoke edit` checks the same).
if [ -f editor/package-lock.json ]; then
  want="$(sha256sum editor/package-lock.json | cut -d' ' -f1)"
  have="$(cat editor/node_modules/.clinic-lock-sha256 2>/dev/null || true)"
  if [ "$want" != "$have" ]; then
    echo "Installing the web editor (npm ci in editor/)"
    (cd editor && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > editor/node_modules/.clinic-lock-sha256
  fi
fi
