// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CircuitBreakerConfig.h"
#include "RetryPolicy.h"

#include <QJsonObject>

namespace tanager {

/// Everything a ResilientSender applies to the requests it sends: retries, a client-side rate
/// limit, the server's quota headers, a circuit breaker per host, and when to keep a dead letter.
struct ResiliencePolicy
{
    enum class Limiter { None, TokenBucket, SlidingWindow };

    RetryPolicy retry;

    Limiter limiter = Limiter::None;
    double ratePerSecond = 10; ///< TokenBucket refill rate
    double burst = 1;          ///< TokenBucket capacity
    int windowLimit = 10;      ///< SlidingWindow: requests per window
    qint64 windowMs = 1000;

    bool holdOnServerQuota = true; ///< wait for the reset when the server says remaining = 0

    bool breakerEnabled = false;
    CircuitBreakerConfig breaker;

    bool deadLetterWhenExhausted = true;   ///< a transient failure that used up its attempts
    bool deadLetterWhenRefused = false;    ///< a call an open breaker refused

    QJsonObject toJson() const;
    static ResiliencePolicy fromJson(const QJsonObject &object);
};

} // namespace tanager
