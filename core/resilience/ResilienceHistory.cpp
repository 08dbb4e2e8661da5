// SPDX-License-Identifier: GPL-3.0-or-later
#include "ResilienceHistory.h"

#include <ExchangeRecorder.h>

#include <QJsonDocument>

namespace tanager {

ExchangeRecord ResilienceHistory::toRecord(const ResilientResult &result)
{
    ExchangeRecord record = ExchangeRecorder::toRecord(result.exchange);
    if (!result.events.isEmpty())
        record.events = QJsonDocument(ResilienceEvent::toJson(result.events)).toJson(QJsonDocument::Compact);
    return record;
}

QList<ResilienceEvent> ResilienceHistory::events(const ExchangeRecord &record)
{
    if (record.events.isEmpty())
        return {};
    // Damaged JSON yields no events rather than an error: the exchange itself is still worth showing.
    return ResilienceEvent::listFromJson(QJsonDocument::fromJson(record.events).array());
}

} // namespace tanager
