// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace tanager {

/// One history row as lists show it, without headers and bodies.
struct ExchangeSummary
{
    qint64 id = 0;
    QDateTime startedAt; ///< UTC
    QString method;
    QString url;
    QString host;
    int status = 0;      ///< 0 when no response arrived
    qint64 durationMs = 0;
    qint64 responseBodySize = 0;
    QString error;       ///< empty when the exchange completed
};

} // namespace tanager
