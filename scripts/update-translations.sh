#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Refreshes translations/*.ts from every tr() in app/, core/ and ui/. Translations already made
# are kept; new strings arrive unfinished for a translator (Qt Linguist) to fill in.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
lupdate=$(command -v lupdate6 || command -v /usr/lib/qt6/bin/lupdate || true)
[ -n "$lupdate" ] || { echo "update-translations: lupdate not found: install qt6-l10n-tools (scripts/deps.sh)" >&2; exit 2; }
"$lupdate" -locations relative -no-obsolete app core ui -ts translations/tanager_de.ts
