// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RateLimiter.h"

#include <deque>

namespace tanager {

/// A sliding-window log: at most @p limit requests in any window of @p windowMs. Exact (it keeps
/// each request's time), so it never lets a burst through at a window boundary.
class SlidingWindowLog final : public RateLimiter
{
public:
    SlidingWindowLog(int limit, qint64 windowMs);

    qint64 tryAcquire(qint64 nowMs) override;
    double available(qint64 nowMs) const override;
    double capacity() const override { return m_limit; }
    QString describe() const override;

private:
    void evict(qint64 nowMs);

    int m_limit;
    qint64 m_windowMs;
    std::deque<qint64> m_log;
};

} // namespace tanager
