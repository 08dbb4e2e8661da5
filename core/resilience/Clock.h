// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>

namespace tanager {

/// Where the resilience policies read the time. Policies never call the system clock
/// themselves, so tests drive them with a ManualClock and need no sleeps.
class Clock
{
public:
    virtual ~Clock() = default;
    /// Monotonic milliseconds; only differences are meaningful.
    virtual qint64 nowMs() const = 0;
    /// Wall-clock time in UTC, for HTTP-dates (Retry-After) and epoch resets (X-RateLimit-Reset).
    virtual QDateTime wallNow() const = 0;
};

} // namespace tanager
