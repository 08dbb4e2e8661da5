// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RateLimitSnapshot.h"

#include <PreparedRequest.h>

#include <QByteArrayView>
#include <QDateTime>

namespace tanager {

/// Reads rate-limit headers in every form servers send:
///  - X-RateLimit-Limit / -Remaining / -Reset / -Used; Reset as epoch seconds (GitHub) when it is
///    a plausible epoch time, otherwise as seconds to wait;
///  - IETF draft -10: RateLimit: "name";r=50;t=30 and RateLimit-Policy: "name";q=100;w=60
///    (structured-field lists; with several policies the one with the least remaining wins);
///  - IETF draft -07: RateLimit: limit=100, remaining=50, reset=30 (a dictionary);
///  - IETF draft -05: RateLimit-Limit / -Remaining / -Reset as separate headers;
///  - Retry-After as delay-seconds or an HTTP-date.
/// Anything malformed is ignored; parse() never fails.
class RateLimitHeaders
{
public:
    /// The snapshot in @p headers, relative to @p now (the time the response arrived).
    static RateLimitSnapshot parse(const HeaderLines &headers, const QDateTime &now);
    /// Retry-After as milliseconds to wait from @p now; nullopt when absent or malformed.
    /// A date in the past means "now" (0).
    static std::optional<qint64> parseRetryAfter(QByteArrayView value, const QDateTime &now);
    /// A non-negative decimal integer that fits 53 bits, or nullopt.
    static std::optional<qint64> parseNonNegative(QByteArrayView value);
};

} // namespace tanager
