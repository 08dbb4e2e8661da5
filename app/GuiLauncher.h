// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace tanager {

/// Finds the tanager-gui module (installed beside the executable's lib folder, or in the build
/// tree) and runs its window; a clear one-line error when it cannot be loaded.
namespace GuiLauncher {
int run(int argc, char **argv);
}

} // namespace tanager
