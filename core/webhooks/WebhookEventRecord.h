// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "WebhookEvent.h"

#include <WebhookEventStore.h>

#include <QString>
#include <QUrl>

namespace tanager {

/// Converts between a caught event and the row storage keeps, and writes an event as a curl command.
class WebhookEventRecord
{
public:
    /// The row for @p event (its id is not copied: the store assigns it).
    static WebhookEventStore::Record toRecord(const WebhookEvent &event);
    /// The event a stored row describes, headers split back into wire order (for forwarding and replay).
    static WebhookEvent toEvent(const WebhookEventStore::Record &record);
    /// "Name: value\r\n" lines back into pairs, names with their case, values as received (trimmed).
    static QList<QPair<QByteArray, QByteArray>> parseHeaders(const QByteArray &block);
    /// A curl command that sends @p record again to @p base with the event's target appended
    /// (as WebhookForwarder does): the same method, headers (curl's own Host, Content-Length, Connection and
    /// Transfer-Encoding aside) and body.
    static QString curlCommand(const WebhookEventStore::Record &record, const QUrl &base);
};

} // namespace tanager
