// SPDX-License-Identifier: GPL-3.0-or-later
#include "TokenBucket.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace tanager {

TokenBucket::TokenBucket(double ratePerSecond, double capacity, qint64 nowMs)
    : m_rate(std::max(ratePerSecond, 1e-9))
    , m_capacity(std::max(capacity, 1.0))
    , m_tokens(m_capacity)
    , m_lastMs(nowMs)
{
}

void TokenBucket::refill(qint64 nowMs)
{
    // Time never runs backwards for the bucket: a stale nowMs adds nothing.
    if (nowMs > m_lastMs) {
        m_tokens = std::min(m_capacity, m_tokens + double(nowMs - m_lastMs) * m_rate / 1000.0);
        m_lastMs = nowMs;
    }
}

qint64 TokenBucket::tryAcquire(qint64 nowMs)
{
    refill(nowMs);
    // A tiny epsilon so that a refill computed in floating point is not one millisecond short.
    if (m_tokens >= 1.0 - 1e-9) {
        m_tokens = std::max(0.0, m_tokens - 1.0);
        return 0;
    }
    return std::max<qint64>(1, qint64(std::ceil((1.0 - m_tokens) * 1000.0 / m_rate - 1e-9)));
}

double TokenBucket::available(qint64 nowMs) const
{
    if (nowMs <= m_lastMs)
        return m_tokens;
    return std::min(m_capacity, m_tokens + double(nowMs - m_lastMs) * m_rate / 1000.0);
}

QString TokenBucket::describe() const
{
    return QCoreApplication::translate("tanager::TokenBucket", "token bucket %1/s, burst %2")
        .arg(m_rate)
        .arg(m_capacity);
}

} // namespace tanager
