// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace tanager {

/// A request that could not be delivered, kept to be inspected and re-driven. Plain data: the
/// resilience module fills the JSON blobs, storage persists them without knowing their shape.
struct DeadLetter
{
    qint64 id = 0;         ///< 0 until stored
    QDateTime createdAt;   ///< UTC
    QString source;        ///< "send", "webhook-forward", ...
    QString method;
    QString url;
    QString host;
    QByteArray request;    ///< the editable request as JSON (RequestJson)
    QByteArray attempts;   ///< JSON: every attempt's outcome and the events around them
    int attemptCount = 0;
    int lastStatus = 0;    ///< 0 when no response arrived
    QString lastError;     ///< one line
    QByteArray policy;     ///< the policy used, as JSON
    int redriveCount = 0;
    QDateTime lastRedriveAt; ///< invalid until re-driven once
};

/// Which dead letters DeadLetterStore::list() returns, newest first.
struct DeadLetterFilter
{
    QString host;   ///< exact host, case-insensitive; empty: any
    QString source; ///< empty: any
    QString text;   ///< substring of URL or last error; empty: any
    int limit = 100;
};

} // namespace tanager
