// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <RateLimitQueue.h>
#include <ResilienceEvent.h>

#include <QList>
#include <QPointer>
#include <QWidget>

namespace tanager {

class Clock;

/// Rate limits drawn live: the server's quota (remaining of limit, time to reset) as a gauge and
/// as a line over time from HeaderSnapshot events, and the client-side bucket's level with the
/// number of requests waiting in its queue.
class RateLimitView : public QWidget
{
    Q_OBJECT
public:
    explicit RateLimitView(QWidget *parent = nullptr);

    /// The client-side queue to show; may be null (no client limit).
    void setQueue(RateLimitQueue *queue, const Clock *clock);
    RateLimitQueue *queue() const { return m_queue; }
    /// Forgets the server quota seen so far (another host is about to be shown).
    void clear();
    /// True once a quota header snapshot was drawn.
    bool hasQuota() const { return m_last.remaining.has_value(); }
    void addEvent(const ResilienceEvent &event);

    QSize sizeHint() const override { return {520, 220}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Point
    {
        qint64 atMs;
        qint64 remaining;
        qint64 limit;
    };

    QPointer<RateLimitQueue> m_queue;
    const Clock *m_clock = nullptr;
    QList<Point> m_points;
    RateLimitSnapshot m_last;
    qint64 m_lastAtMs = 0;
    int m_waiting = 0;
};

} // namespace tanager
