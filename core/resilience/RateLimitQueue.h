// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RateLimiter.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <functional>
#include <memory>

namespace tanager {

class Clock;

/// Requests waiting for a RateLimiter, first come first served, visible and cancellable.
///
/// acquire() queues a waiter; pump() hands out what the limiter allows now and arms one timer for
/// the next free permit. The timer runs on real time; tests with a ManualClock call pump() after
/// advancing the clock.
class RateLimitQueue : public QObject
{
    Q_OBJECT
public:
    /// Called once: @p granted false when the waiter was cancelled. @p waitedMs is the time in the queue.
    using Ready = std::function<void(bool granted, qint64 waitedMs)>;

    struct Waiter
    {
        quint64 ticket = 0;
        qint64 enqueuedMs = 0;
    };

    RateLimitQueue(std::unique_ptr<RateLimiter> limiter, const Clock *clock, QObject *parent = nullptr);
    ~RateLimitQueue() override;

    /// Queues a waiter and returns its ticket. When a permit is free and nobody is ahead, @p ready runs
    /// before this returns. @p ready is dropped if @p context is destroyed first.
    quint64 acquire(QObject *context, Ready ready);
    /// Removes a waiting ticket and tells it "not granted"; false if it was no longer waiting.
    bool cancel(quint64 ticket);
    /// Cancels every waiter.
    void cancelAll();
    /// Hands out the permits free now, then arms the timer for the next one.
    void pump();

    int waitingCount() const { return int(m_waiting.size()); }
    QList<Waiter> waiting() const;
    const RateLimiter &limiter() const { return *m_limiter; }
    /// Milliseconds until the timer fires for the head of the queue; -1 when nobody waits.
    qint64 nextReleaseInMs() const;

Q_SIGNALS:
    void queueChanged(int waitingCount);
    void granted(quint64 ticket, qint64 waitedMs);

private:
    struct Entry
    {
        Waiter waiter;
        QPointer<QObject> context;
        Ready ready;
    };

    std::unique_ptr<RateLimiter> m_limiter;
    const Clock *m_clock;
    std::deque<Entry> m_waiting;
    QTimer m_timer;
    qint64 m_nextReleaseMs = -1;
    quint64 m_nextTicket = 1;
    bool m_pumping = false;
};

} // namespace tanager
