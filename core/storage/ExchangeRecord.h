// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace tanager {

/// One request/response exchange as the history keeps it. Plain data: the http module fills it,
/// storage persists it, so storage never depends on http.
struct ExchangeRecord
{
    qint64 id = 0;                 ///< 0 until stored
    QDateTime startedAt;           ///< UTC, millisecond precision
    QString method;
    QString url;                   ///< the URL as sent, variables resolved
    QString host;                  ///< host[:port] of url, for filtering
    QByteArray requestHeaders;     ///< "Name: value\r\n" lines in wire order
    QByteArray requestBody;        ///< bytes sent, truncated to a cap (see requestBodySize)
    qint64 requestBodySize = 0;    ///< full size of the body sent
    QByteArray requestModel;       ///< the editable request as JSON, to reopen it in a tab
    int status = 0;                ///< 0 when no response arrived
    QByteArray reason;
    QString httpVersion;           ///< "1.1", "2"
    QByteArray responseHeaders;    ///< "Name: value\r\n" lines in received order
    QByteArray responseBody;       ///< decoded body, truncated to a cap (see responseBodySize)
    qint64 responseBodySize = 0;   ///< full decoded size
    qint64 responseWireSize = 0;   ///< bytes on the wire (compressed size when encoded)
    qint64 durationMs = 0;         ///< start to done
    QByteArray timings;            ///< JSON object of phase offsets in microseconds
    QString error;                 ///< one-line error; empty when the exchange completed
    QByteArray events;             ///< JSON array of the resilience events around it (retries, waits,
                                   ///< breaker); empty when it ran under no policy
};

} // namespace tanager
