// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

/// The window lives in a module of its own (tanager-gui) that the executable loads only when it
/// is started without a command, so that `tanager send` never pays for loading the widget stack.
/// Creates the QApplication, builds and shows the main window, and returns the exit code.
extern "C" Q_DECL_EXPORT int tanager_gui_main(int argc, char **argv);
