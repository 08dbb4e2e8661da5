#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs everything Tanager needs to build, run, test, package and benchmark
# on Debian 12 / Ubuntu (apt-get). Re-runs are fast: when every package is
# already installed it returns without touching apt.
#
# This is the one place the Debian package list lives; add new dependencies here.
set -euo pipefail

PACKAGES=(
    # build
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-websockets-dev qtkeychain-qt6-dev
    libssl-dev zlib1g-dev libgl-dev libboost-dev
    # run: the offscreen and xcb platform plugins, a font for offscreen rendering
    qt6-qpa-plugins fonts-dejavu-core
    # tests: real servers and a headless keychain / display
    python3-httpbin gunicorn nginx-light tinyproxy openssl curl
    gnome-keyring dbus xvfb xauth
    # benchmarks: peers to compare against
    httpie hyperfine wrk webhook imagemagick
    # packaging: dpkg-shlibdeps, dpkg-deb, metainfo and desktop-file checks
    dpkg-dev file appstream desktop-file-utils
)

# npm packages of the test servers, each pinned by its committed package-lock.json. Node.js itself does
# not come from Debian here. npm writes node_modules/.package-lock.json on every install, so a newer one
# means the tree is already up to date.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
npm_ci() { # FOLDER under tests/servers
    local dir="$ROOT/tests/servers/$1"
    if [[ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]]; then
        echo "deps.sh: npm packages in tests/servers/$1 up to date"
    elif command -v npm >/dev/null 2>&1; then
        npm ci --prefix "$dir" --no-audit --no-fund
    else
        echo "deps.sh: npm not found: install Node.js 20 or later, then re-run to set up tests/servers/$1" >&2
    fi
}
npm_ci graphql  # graphql-yoga, graphql-js (16), GitHub's schema
npm_ci webhooks # the signers of the catcher's tests: stripe, @octokit/webhooks-methods, standardwebhooks
npm_ci oidc     # oidc-provider 9 for the OAuth2 tests (it warns that it prefers Node 22)

missing=()
for pkg in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    if [[ "$status" != "installed" ]]; then
        missing+=("$pkg")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "deps.sh: all ${#PACKAGES[@]} packages already installed"
    exit 0
fi

SUDO=()
if [[ "$(id -u)" -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "deps.sh: need root or sudo to install: ${missing[*]}" >&2
        exit 2
    fi
    SUDO=(sudo)
fi

echo "deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
