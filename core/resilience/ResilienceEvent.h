// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CircuitBreaker.h"
#include "RateLimitSnapshot.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace tanager {

/// One thing the resilience layer did, for the drawings and for storing beside the exchange.
/// Plain data; which fields matter depends on kind (see each field).
struct ResilienceEvent
{
    enum class Kind {
        AttemptStarted,    ///< attempt
        AttemptFinished,   ///< attempt, status, error, durationMs
        BackoffScheduled,  ///< attempt (the one that failed), delayMs, fromRetryAfter, reason
        TokenWaited,       ///< delayMs (time spent in the client-side queue), reason (limiter)
        HeaderSnapshot,    ///< snapshot
        BreakerTransition, ///< from, to
        CallRefused,       ///< reason ("circuit open for HOST until TIME"), delayMs (time left open)
        GaveUp,            ///< attempt, reason (why no further attempt)
    };

    Kind kind = Kind::AttemptStarted;
    qint64 atMs = 0;       ///< Clock::nowMs() when it happened
    quint64 requestId = 0; ///< the sender's id for the logical request (0 for breaker-wide events)
    int attempt = 0;       ///< 1-based
    QString host;
    int status = 0;
    QString error;
    qint64 durationMs = 0;
    qint64 delayMs = 0;
    bool fromRetryAfter = false;
    QString reason;
    RateLimitSnapshot snapshot;
    CircuitState from = CircuitState::Closed;
    CircuitState to = CircuitState::Closed;

    static QString kindName(Kind kind);
    QJsonObject toJson() const;
    static ResilienceEvent fromJson(const QJsonObject &object);
    static QJsonArray toJson(const QList<ResilienceEvent> &events);
    static QList<ResilienceEvent> listFromJson(const QJsonArray &array);
};

} // namespace tanager
