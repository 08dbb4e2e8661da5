// SPDX-License-Identifier: GPL-3.0-or-later
#include "SlidingWindowLog.h"

#include <QCoreApplication>

#include <algorithm>

namespace tanager {

SlidingWindowLog::SlidingWindowLog(int limit, qint64 windowMs)
    : m_limit(std::max(1, limit))
    , m_windowMs(std::max<qint64>(1, windowMs))
{
}

void SlidingWindowLog::evict(qint64 nowMs)
{
    // A request at time t counts for the window (t, t + window]; at t + window it no longer does.
    while (!m_log.empty() && m_log.front() + m_windowMs <= nowMs)
        m_log.pop_front();
}

qint64 SlidingWindowLog::tryAcquire(qint64 nowMs)
{
    evict(nowMs);
    if (int(m_log.size()) < m_limit) {
        m_log.push_back(nowMs);
        return 0;
    }
    return std::max<qint64>(1, m_log.front() + m_windowMs - nowMs);
}

double SlidingWindowLog::available(qint64 nowMs) const
{
    const auto live = std::count_if(m_log.cbegin(), m_log.cend(), [&](qint64 t) { return t + m_windowMs > nowMs; });
    return double(m_limit - live);
}

QString SlidingWindowLog::describe() const
{
    return QCoreApplication::translate("tanager::SlidingWindowLog", "sliding window %1 per %2 ms")
        .arg(m_limit)
        .arg(m_windowMs);
}

} // namespace tanager
