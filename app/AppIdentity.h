// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QCoreApplication;

namespace tanager {

/// What every start of Tanager sets first, window or command line: name, version, quiet
/// logging, and the translators for the user's language.
namespace AppIdentity {
void apply(QCoreApplication &app);
}

} // namespace tanager
