// SPDX-License-Identifier: GPL-3.0-or-later
#include "StorageLog.h"

namespace tanager {

Q_LOGGING_CATEGORY(lcStorage, "tanager.storage")

} // namespace tanager
