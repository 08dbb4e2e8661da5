// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Error.h>

#include <QByteArrayView>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace tanager {

/// How the delay before a retry is spread out, after AWS "Exponential Backoff and Jitter".
enum class Jitter {
    None,         ///< min(cap, base * 2^n)
    Full,         ///< random(0, min(cap, base * 2^n))
    Equal,        ///< t = min(cap, base * 2^n); t/2 + random(0, t/2)
    Decorrelated, ///< min(cap, random(base, previous * 3)), previous starting at base
};

/// What one attempt came to, as far as retrying is concerned.
struct AttemptOutcome
{
    int status = 0;                         ///< 0 when no response arrived
    std::optional<Error::Code> error;       ///< set when the exchange failed
    std::optional<qint64> retryAfterMs;     ///< the server's Retry-After, already parsed
};

/// The answer of RetryPolicy::decide().
struct RetryDecision
{
    bool retry = false;
    qint64 delayMs = 0;
    bool fromRetryAfter = false; ///< the delay is the server's Retry-After, not the computed backoff
    QString reason;              ///< why it retries ("HTTP 503") or why it stops ("3 of 3 attempts used")
};

/// When and how often a request is tried again.
///
/// A pure value: decide() gets everything it needs (attempt number, elapsed time, a random
/// number) from the caller, so it is deterministic under test.
struct RetryPolicy
{
    int maxAttempts = 1;   ///< all attempts including the first; 1 means no retry
    qint64 baseMs = 200;
    qint64 capMs = 20000;
    Jitter jitter = Jitter::Full;
    int perAttemptTimeoutMs = 0; ///< 0: the request's own timeouts
    int deadlineMs = 0;          ///< whole run including waits; 0 = none
    QList<int> retryableStatuses{408, 429, 500, 502, 503, 504};
    bool retryNetworkErrors = true; ///< connection refused/reset, timeouts
    bool retryUnsafe = false;       ///< retry POST, PATCH, ... even without an Idempotency-Key
    bool honourRetryAfter = true;

    /// RFC 9110 9.2.2: GET, HEAD, OPTIONS, TRACE, PUT and DELETE.
    static bool isIdempotentMethod(QByteArrayView method);
    /// Whether a request with @p method may be repeated: idempotent, carrying an Idempotency-Key, or opted in.
    bool mayRetryMethod(QByteArrayView method, bool hasIdempotencyKey) const;
    /// Whether @p outcome is worth another attempt (status list or network error).
    bool isRetryable(const AttemptOutcome &outcome) const;

    /// The computed backoff before retry number @p retry (1 for the first retry). @p previousMs is the
    /// previous delay (Decorrelated only); @p unit is a random number in [0, 1).
    qint64 backoffMs(int retry, qint64 previousMs, double unit) const;
    /// Lowest and highest value backoffMs() can return for these arguments.
    std::pair<qint64, qint64> backoffBounds(int retry, qint64 previousMs) const;

    /// Whether to retry after attempt @p attempt (1-based) ended in @p outcome, @p elapsedMs after the
    /// first attempt started. A Retry-After wins over the computed delay; a wait that would pass the
    /// deadline stops instead.
    RetryDecision decide(int attempt, const AttemptOutcome &outcome, QByteArrayView method, bool hasIdempotencyKey,
                         qint64 elapsedMs, qint64 previousDelayMs, double unit) const;

    static QString jitterName(Jitter jitter);
    static std::optional<Jitter> jitterFromName(QStringView name);

    QJsonObject toJson() const;
    static RetryPolicy fromJson(const QJsonObject &object);

    friend bool operator==(const RetryPolicy &, const RetryPolicy &) = default;
};

} // namespace tanager
