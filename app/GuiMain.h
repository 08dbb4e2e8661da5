// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QApplication;

namespace tanager {
class AppServices;
}

/// Builds and shows the main window; returns the application's exit code.
int runGui(QApplication &app, tanager::AppServices &services);
