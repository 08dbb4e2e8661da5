// SPDX-License-Identifier: GPL-3.0-or-later
#include "RateLimitQueue.h"

#include "Clock.h"

namespace tanager {

RateLimitQueue::RateLimitQueue(std::unique_ptr<RateLimiter> limiter, const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_limiter(std::move(limiter))
    , m_clock(clock)
{
    m_timer.setSingleShot(true);
    // Coarse timers may fire 5% late; a limit held at 50/s needs millisecond accuracy.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &RateLimitQueue::pump);
}

RateLimitQueue::~RateLimitQueue() = default;

quint64 RateLimitQueue::acquire(QObject *context, Ready ready)
{
    const quint64 ticket = m_nextTicket++;
    m_waiting.push_back(Entry{Waiter{ticket, m_clock->nowMs()}, context, std::move(ready)});
    Q_EMIT queueChanged(waitingCount());
    pump();
    return ticket;
}

bool RateLimitQueue::cancel(quint64 ticket)
{
    for (auto it = m_waiting.begin(); it != m_waiting.end(); ++it) {
        if (it->waiter.ticket != ticket)
            continue;
        Entry entry = std::move(*it);
        m_waiting.erase(it);
        Q_EMIT queueChanged(waitingCount());
        if (entry.context && entry.ready)
            entry.ready(false, m_clock->nowMs() - entry.waiter.enqueuedMs);
        pump();
        return true;
    }
    return false;
}

void RateLimitQueue::cancelAll()
{
    while (!m_waiting.empty())
        cancel(m_waiting.front().waiter.ticket);
}

void RateLimitQueue::pump()
{
    // A grant callback may acquire again; the outer loop serves it.
    if (m_pumping)
        return;
    m_pumping = true;
    while (!m_waiting.empty()) {
        // A waiter whose context is gone needs no permit.
        if (!m_waiting.front().context) {
            m_waiting.pop_front();
            Q_EMIT queueChanged(waitingCount());
            continue;
        }
        const qint64 now = m_clock->nowMs();
        const qint64 wait = m_limiter->tryAcquire(now);
        if (wait > 0) {
            m_nextReleaseMs = now + wait;
            m_timer.start(int(std::min<qint64>(wait, 24 * 3600 * 1000)));
            m_pumping = false;
            return;
        }
        Entry entry = std::move(m_waiting.front());
        m_waiting.pop_front();
        const qint64 waited = now - entry.waiter.enqueuedMs;
        Q_EMIT queueChanged(waitingCount());
        Q_EMIT granted(entry.waiter.ticket, waited);
        if (entry.context && entry.ready)
            entry.ready(true, waited);
    }
    m_timer.stop();
    m_nextReleaseMs = -1;
    m_pumping = false;
}

QList<RateLimitQueue::Waiter> RateLimitQueue::waiting() const
{
    QList<Waiter> list;
    list.reserve(qsizetype(m_waiting.size()));
    for (const Entry &entry : m_waiting)
        list.append(entry.waiter);
    return list;
}

qint64 RateLimitQueue::nextReleaseInMs() const
{
    if (m_waiting.empty() || m_nextReleaseMs < 0)
        return -1;
    return std::max<qint64>(0, m_nextReleaseMs - m_clock->nowMs());
}

} // namespace tanager
