#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds Tanager in release mode (no tests) and opens it.
# Arguments are passed to the app, e.g. ./scripts/run.sh --version
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/deps.sh
cmake --preset release
cmake --build --preset release -j"$(nproc)"
exec ./build/release/app/tanager "$@"
