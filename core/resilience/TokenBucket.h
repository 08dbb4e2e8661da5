// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RateLimiter.h"

namespace tanager {

/// A token bucket: @p capacity tokens at most, refilled continuously at @p ratePerSecond.
/// Starts full, so a burst of @p capacity requests goes at once.
class TokenBucket final : public RateLimiter
{
public:
    TokenBucket(double ratePerSecond, double capacity, qint64 nowMs = 0);

    qint64 tryAcquire(qint64 nowMs) override;
    double available(qint64 nowMs) const override;
    double capacity() const override { return m_capacity; }
    QString describe() const override;
    double ratePerSecond() const { return m_rate; }

private:
    void refill(qint64 nowMs);

    double m_rate;
    double m_capacity;
    double m_tokens;
    qint64 m_lastMs;
};

} // namespace tanager
