#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds the `ci` preset (warnings are errors),
# builds the packages and runs every test. Exits non-zero when anything fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/deps.sh
cmake --preset ci
cmake --build --preset ci -j"$(nproc)"
# The packaging test inspects the .deb and .tar.gz; tests/packaging runs cpack
# itself when they are missing or older than the binary, so this is a warm-up
# that also shows packaging errors early and on their own.
(cd build/ci && cpack -G "DEB;TGZ" >/dev/null)
ctest --preset ci --output-on-failure -j2
