// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

namespace tanager {

/// Logging category "tanager.storage" shared by the storage module.
Q_DECLARE_LOGGING_CATEGORY(lcStorage)

} // namespace tanager
