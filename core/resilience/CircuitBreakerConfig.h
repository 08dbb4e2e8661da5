// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Error.h>

#include <QJsonObject>
#include <QList>

#include <optional>

namespace tanager {

/// The settings of a CircuitBreaker, named and defaulted as in resilience4j.
struct CircuitBreakerConfig
{
    enum class WindowType { CountBased, TimeBased };

    double failureRateThreshold = 50;   ///< percent; the breaker opens at >= this
    double slowCallRateThreshold = 100; ///< percent; the breaker opens at >= this
    qint64 slowCallDurationThresholdMs = 60000; ///< a call longer than this is slow
    int permittedCallsInHalfOpen = 10;
    WindowType windowType = WindowType::CountBased;
    int slidingWindowSize = 100;  ///< calls (count-based) or seconds (time-based)
    int minimumNumberOfCalls = 100; ///< no rate is computed before this many calls are in the window
    qint64 waitDurationInOpenMs = 60000;
    qint64 maxWaitDurationInHalfOpenMs = 0; ///< 0: wait for the permitted calls however long they take

    // What counts as a failure (the rest are successes, fast or slow).
    int failureStatusFrom = 500; ///< responses with a status in [from, to] fail
    int failureStatusTo = 599;
    QList<int> extraFailureStatuses; ///< e.g. 429 for a breaker that also trips on rate limiting
    bool timeoutsAreFailures = true;
    bool networkErrorsAreFailures = true;

    /// Classifies one call's outcome.
    bool isFailure(int status, std::optional<Error::Code> error) const;

    QJsonObject toJson() const;
    static CircuitBreakerConfig fromJson(const QJsonObject &object);

    friend bool operator==(const CircuitBreakerConfig &, const CircuitBreakerConfig &) = default;
};

} // namespace tanager
