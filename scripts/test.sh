#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds the `ci` preset (warnings are errors),
# then runs every test; the packaging test builds and checks the .deb and .tar.gz.
# Exits non-zero when anything fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/deps.sh
cmake --preset ci
cmake --build --preset ci -j"$(nproc)"
# tests/packaging runs cpack itself (DEB and TGZ) into its own scratch folder.
ctest --preset ci --output-on-failure -j2
