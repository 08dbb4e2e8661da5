// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpExchange.h"

#include <ExchangeRecord.h>

namespace tanager {

/// Turns a finished exchange into the record the history keeps, and back into header text.
class ExchangeRecorder
{
public:
    /// Bodies longer than this are kept truncated in history; the sizes stay exact.
    static constexpr qint64 BodyCap = 8 * 1024 * 1024;

    /// Secrets are redacted by HistoryStore, which owns that setting.
    static ExchangeRecord toRecord(const HttpExchange &exchange);
    static QByteArray headerBlock(const HeaderLines &headers);
    static HeaderLines parseHeaderBlock(const QByteArray &block);
};

} // namespace tanager
