// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ResilienceEvent.h"
#include "ResilientResult.h"

#include <ExchangeRecord.h>

namespace tanager {

/// Stores a request run under a policy in the history with its events, and reads them back, so
/// the drawings can replay any stored exchange.
class ResilienceHistory
{
public:
    /// The last attempt's exchange as a history record, with every event of the run attached.
    static ExchangeRecord toRecord(const ResilientResult &result);
    /// The events stored with @p record, in the order they happened; empty for a plain send.
    static QList<ResilienceEvent> events(const ExchangeRecord &record);
};

} // namespace tanager
