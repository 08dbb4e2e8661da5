// SPDX-License-Identifier: GPL-3.0-or-later
#include "RetryTimelineView.h"

#include "ResilienceColors.h"

#include <QPainter>

using namespace Qt::StringLiterals;

namespace tanager {

RetryTimelineView::RetryTimelineView(QWidget *parent)
    : QWidget(parent)
{
    setMinimumSize(360, 120);
}

RetryTimelineView::Row &RetryTimelineView::row(quint64 requestId)
{
    for (qsizetype i = m_rows.size() - 1; i >= 0; --i) {
        if (m_rows[i].requestId == requestId)
            return m_rows[i];
    }
    if (m_rows.size() >= MaxRows)
        m_rows.removeFirst();
    m_rows.append(Row{requestId, {}, false, 0});
    return m_rows.last();
}

void RetryTimelineView::clear()
{
    m_rows.clear();
    m_firstMs = -1;
    m_lastMs = 0;
    update();
}

void RetryTimelineView::addEvent(const ResilienceEvent &event)
{
    if (event.requestId == 0)
        return;
    switch (event.kind) {
    case ResilienceEvent::Kind::AttemptStarted:
        row(event.requestId).bars.append(Bar{event.atMs, -1, 0, false, 0, {}});
        break;
    case ResilienceEvent::Kind::AttemptFinished: {
        Row &r = row(event.requestId);
        if (r.bars.isEmpty())
            r.bars.append(Bar{event.atMs - event.durationMs, -1, 0, false, 0, {}});
        r.bars.last().endMs = event.atMs;
        r.bars.last().status = event.status;
        r.bars.last().error = !event.error.isEmpty();
        break;
    }
    case ResilienceEvent::Kind::BackoffScheduled: {
        Row &r = row(event.requestId);
        if (!r.bars.isEmpty()) {
            r.bars.last().backoffMs = event.delayMs;
            r.bars.last().reason = event.fromRetryAfter ? tr("%1, Retry-After").arg(event.reason) : event.reason;
        }
        break;
    }
    case ResilienceEvent::Kind::CallRefused: {
        Row &r = row(event.requestId);
        r.refused = true;
        r.refusedAtMs = event.atMs;
        break;
    }
    default:
        return;
    }
    if (m_firstMs < 0)
        m_firstMs = event.atMs;
    m_lastMs = std::max(m_lastMs, event.atMs + (event.kind == ResilienceEvent::Kind::BackoffScheduled ? event.delayMs : 0));
    update();
}

void RetryTimelineView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    const QRectF area = QRectF(rect()).adjusted(40, 8, -8, -20);
    p.setPen(ResilienceColors::grid());
    p.drawLine(area.bottomLeft(), area.bottomRight());
    if (m_rows.isEmpty()) {
        p.setPen(ResilienceColors::text());
        p.drawText(area, Qt::AlignCenter, tr("no requests yet"));
        return;
    }
    const qint64 span = std::max<qint64>(1, m_lastMs - m_firstMs);
    const auto x = [&](qint64 ms) { return area.left() + area.width() * double(ms - m_firstMs) / double(span); };
    p.setPen(ResilienceColors::text());
    p.drawText(QRectF(area.left(), area.bottom() + 2, area.width(), 16), Qt::AlignRight,
               tr("%1 ms").arg(span));
    const int visible = std::min<int>(int(m_rows.size()), std::max(1, int(area.height() / 14)));
    const double rowHeight = area.height() / visible;
    for (int i = 0; i < visible; ++i) {
        const Row &r = m_rows.at(m_rows.size() - visible + i);
        const double top = area.top() + i * rowHeight;
        const double barHeight = std::min(rowHeight - 4, 18.0);
        p.setPen(ResilienceColors::text());
        p.drawText(QRectF(0, top, 36, barHeight), Qt::AlignRight | Qt::AlignVCenter, QString::number(r.requestId));
        for (const Bar &bar : r.bars) {
            const qint64 end = bar.endMs >= 0 ? bar.endMs : m_lastMs;
            const QRectF box(x(bar.startMs), top, std::max(2.0, x(end) - x(bar.startMs)), barHeight);
            p.fillRect(box, bar.endMs < 0 ? ResilienceColors::grid() : ResilienceColors::forStatus(bar.status, bar.error));
            if (bar.backoffMs > 0) {
                // The wait before the next attempt: a dashed line carrying the reason.
                const QPointF from(box.right(), top + barHeight / 2);
                const QPointF to(x(end + bar.backoffMs), top + barHeight / 2);
                p.setPen(QPen(ResilienceColors::text(), 1, Qt::DashLine));
                p.drawLine(from, to);
                p.setPen(ResilienceColors::text());
                p.drawText(QRectF(from.x() + 2, top, std::max(0.0, to.x() - from.x() - 4), barHeight),
                           Qt::AlignCenter | Qt::TextSingleLine, bar.reason);
            }
        }
        if (r.refused) {
            const QRectF mark(x(r.refusedAtMs) - 4, top, 8, barHeight);
            p.fillRect(mark, ResilienceColors::forState(CircuitState::Open));
        }
    }
}

} // namespace tanager
