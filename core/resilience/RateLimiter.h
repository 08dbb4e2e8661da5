// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace tanager {

/// A client-side limit on how often requests may start. Pure bookkeeping on times the
/// caller passes in; RateLimitQueue does the waiting.
class RateLimiter
{
public:
    virtual ~RateLimiter() = default;
    /// Takes a permit at @p nowMs and returns 0, or returns how many milliseconds to wait
    /// before one is free (taking nothing).
    virtual qint64 tryAcquire(qint64 nowMs) = 0;
    /// Permits available at @p nowMs (fractional for a bucket that is refilling).
    virtual double available(qint64 nowMs) const = 0;
    /// The most permits there can be at once.
    virtual double capacity() const = 0;
    /// "10/s, burst 5" for the user.
    virtual QString describe() const = 0;
};

} // namespace tanager
