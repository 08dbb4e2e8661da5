// SPDX-License-Identifier: GPL-3.0-or-later
#include "RateLimitView.h"

#include "ResilienceColors.h"

#include <Clock.h>

#include <QPainter>
#include <QPainterPath>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {
constexpr int MaxPoints = 600;
}

RateLimitView::RateLimitView(QWidget *parent) : QWidget(parent)
{
    setMinimumSize(360, 180);
}

void RateLimitView::setQueue(RateLimitQueue *queue, const Clock *clock)
{
    if (m_queue)
        disconnect(m_queue, nullptr, this, nullptr);
    m_queue = queue;
    m_clock = clock;
    if (m_queue) {
        connect(m_queue, &RateLimitQueue::queueChanged, this, [this](int waiting) {
            m_waiting = waiting;
            update();
        });
        m_waiting = m_queue->waitingCount();
    }
    update();
}

void RateLimitView::clear()
{
    m_last = {};
    m_lastAtMs = 0;
    m_points.clear();
    update();
}

void RateLimitView::addEvent(const ResilienceEvent &event)
{
    if (event.kind != ResilienceEvent::Kind::HeaderSnapshot || !event.snapshot.remaining)
        return;
    m_last = event.snapshot;
    m_lastAtMs = event.atMs;
    m_points.append({event.atMs, *event.snapshot.remaining, event.snapshot.limit.value_or(*event.snapshot.remaining)});
    if (m_points.size() > MaxPoints)
        m_points.remove(0, m_points.size() - MaxPoints);
    update();
}

void RateLimitView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    const QRectF area = QRectF(rect()).adjusted(8, 8, -8, -8);
    const QRectF gauge(area.left(), area.top(), std::min(area.width() * 0.35, area.height() * 1.4),
                       area.height() * 0.7);
    const QRectF line(gauge.right() + 12, area.top(), area.right() - gauge.right() - 12, area.height() * 0.7);
    const QRectF bucket(area.left(), area.bottom() - area.height() * 0.22, area.width(), area.height() * 0.22);

    // Gauge: a half ring filled by remaining / limit.
    const QRectF ring(gauge.left() + 8, gauge.top() + 8, gauge.width() - 16, (gauge.width() - 16));
    p.setPen(QPen(ResilienceColors::grid(), 14, Qt::SolidLine, Qt::FlatCap));
    p.drawArc(ring, 0, 180 * 16);
    const bool known = m_last.remaining.has_value();
    const double limit = double(m_last.limit.value_or(m_last.remaining.value_or(0)));
    const double fraction = known && limit > 0 ? std::clamp(double(*m_last.remaining) / limit, 0.0, 1.0) : 0.0;
    const QColor fill = fraction > 0.5   ? ResilienceColors::forStatus(200, false)
                        : fraction > 0.1 ? ResilienceColors::forStatus(429, false)
                                         : ResilienceColors::forStatus(500, false);
    if (known) {
        p.setPen(QPen(fill, 14, Qt::SolidLine, Qt::FlatCap));
        p.drawArc(ring, 180 * 16, -int(180 * 16 * fraction));
    }
    p.setPen(ResilienceColors::text());
    const QString quota = known ? tr("%1 of %2 left").arg(*m_last.remaining).arg(qint64(limit)) : tr("no quota seen");
    p.drawText(QRectF(gauge.left(), ring.center().y() - 6, gauge.width(), 18), Qt::AlignCenter, quota);
    if (m_last.resetSeconds) {
        const qint64 elapsed = m_clock ? (m_clock->nowMs() - m_lastAtMs) / 1000 : 0;
        p.drawText(QRectF(gauge.left(), ring.center().y() + 12, gauge.width(), 18), Qt::AlignCenter,
                   tr("resets in %1 s").arg(std::max<qint64>(0, *m_last.resetSeconds - elapsed)));
    }

    // Line: remaining over time, scaled to the largest limit seen.
    p.setPen(Qt::NoPen);
    p.setBrush(palette().alternateBase());
    p.drawRect(line);
    if (m_points.size() >= 1) {
        qint64 top = 1;
        for (const Point &pt : std::as_const(m_points))
            top = std::max({top, pt.limit, pt.remaining});
        const qint64 t0 = m_points.first().atMs;
        const qint64 span = std::max<qint64>(1, m_points.last().atMs - t0);
        QPainterPath path;
        for (qsizetype i = 0; i < m_points.size(); ++i) {
            const QPointF at(line.left() + line.width() * double(m_points.at(i).atMs - t0) / double(span),
                             line.bottom() - line.height() * double(m_points.at(i).remaining) / double(top));
            if (i == 0)
                path.moveTo(at);
            else
                path.lineTo(at);
        }
        if (m_points.size() == 1)
            path.lineTo(line.right(), path.currentPosition().y());
        p.setPen(QPen(fill, 2));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
    }

    // Client bucket: its level and the requests waiting for it.
    p.setPen(Qt::NoPen);
    p.setBrush(ResilienceColors::grid());
    const QRectF track(bucket.left(), bucket.top() + 18, bucket.width() * 0.6, bucket.height() - 18);
    p.drawRect(track);
    p.setPen(ResilienceColors::text());
    if (m_queue && m_clock) {
        const RateLimiter &limiter = m_queue->limiter();
        const double level = std::clamp(limiter.available(m_clock->nowMs()) / limiter.capacity(), 0.0, 1.0);
        p.fillRect(QRectF(track.topLeft(), QSizeF(track.width() * level, track.height())),
                   ResilienceColors::forState(CircuitState::Closed));
        p.drawText(QRectF(bucket.left(), bucket.top(), bucket.width(), 16), Qt::AlignLeft, limiter.describe());
    } else {
        p.drawText(QRectF(bucket.left(), bucket.top(), bucket.width(), 16), Qt::AlignLeft, tr("no client-side limit"));
    }
    // One square per waiting request, so a growing queue is seen at a glance.
    const QRectF queueArea(track.right() + 12, track.top(), bucket.right() - track.right() - 12, track.height());
    const int shown = std::min(m_waiting, 40);
    for (int i = 0; i < shown; ++i)
        p.fillRect(QRect(int(queueArea.left()) + (i % 20) * 9, int(queueArea.top()) + (i / 20) * 9, 7, 7),
                   ResilienceColors::forState(CircuitState::HalfOpen));
    p.drawText(QRectF(queueArea.left(), bucket.top(), queueArea.width(), 16), Qt::AlignLeft,
               tr("%1 waiting").arg(m_waiting));
}

} // namespace tanager
