// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ResilienceEvent.h"

#include <HttpExchange.h>

#include <QJsonArray>
#include <QList>

namespace tanager {

/// One attempt of a request run by the ResilientSender.
struct AttemptRecord
{
    int attempt = 0;
    qint64 startedMs = 0;   ///< Clock::nowMs()
    qint64 durationMs = 0;
    int status = 0;
    QString error;          ///< one line; empty when a response arrived
    QString decision;       ///< why it was retried or why it stopped
    qint64 delayAfterMs = 0; ///< the backoff that followed; 0 for the last attempt

    QJsonObject toJson() const;
};

/// How a request run by the ResilientSender ended.
struct ResilientResult
{
    enum class Outcome {
        Succeeded, ///< a response below 400
        Failed,    ///< a final answer that is not retried (404, bad input, ...)
        Exhausted, ///< a transient failure after every attempt the policy allowed
        Refused,   ///< an open breaker refused the call
        Canceled,
    };

    quint64 requestId = 0;
    Outcome outcome = Outcome::Failed;
    HttpExchange exchange; ///< the last attempt's exchange (empty when refused before any attempt)
    QList<AttemptRecord> attempts;
    QList<ResilienceEvent> events;
    QString error;          ///< one line, empty on success
    bool deadLettered = false; ///< a dead letter is being written for it

    bool succeeded() const { return outcome == Outcome::Succeeded; }
    QJsonArray attemptsJson() const;
};

} // namespace tanager
