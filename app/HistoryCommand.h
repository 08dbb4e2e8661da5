// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include <QStringList>

namespace tanager {

class AppServices;

/// `tanager history [--search TEXT] [--method M] [--status S] [--host H] [--limit N] [--json]`
/// lists recorded exchanges newest first; `--show ID` prints one in full. Exported headers are
/// redacted unless --no-redact is given.
class HistoryCommand
{
    Q_DECLARE_TR_FUNCTIONS(tanager::HistoryCommand)

public:
    static int run(AppServices &services, const QStringList &arguments);
};

} // namespace tanager
