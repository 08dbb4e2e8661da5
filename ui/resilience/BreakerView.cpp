// SPDX-License-Identifier: GPL-3.0-or-later
#include "BreakerView.h"

#include "ResilienceColors.h"

#include <Clock.h>

#include <QHBoxLayout>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {
constexpr qint64 TimelineMs = 60000;
constexpr int ButtonRow = 36;

QPointF edgePoint(const QRectF &from, const QRectF &to)
{
    const QPointF d = to.center() - from.center();
    const double length = std::hypot(d.x(), d.y());
    return length > 0 ? from.center() + d * (from.width() / 2 / length) : from.center();
}

void arrow(QPainter &p, QPointF a, QPointF b)
{
    p.drawLine(a, b);
    const QPointF d = b - a;
    const double angle = std::atan2(d.y(), d.x());
    const QPointF left = b - QPointF(std::cos(angle - 0.4), std::sin(angle - 0.4)) * 8;
    const QPointF right = b - QPointF(std::cos(angle + 0.4), std::sin(angle + 0.4)) * 8;
    p.drawPolygon(QPolygonF{b, left, right});
}
} // namespace

BreakerView::BreakerView(QWidget *parent)
    : QWidget(parent)
    , m_forceOpen(new QPushButton(tr("Force open"), this))
    , m_reset(new QPushButton(tr("Reset"), this))
    , m_disable(new QPushButton(tr("Disable"), this))
{
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_forceOpen);
    buttons->addWidget(m_reset);
    buttons->addWidget(m_disable);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addLayout(buttons);
    m_tick.setInterval(100); // smooth enough for a countdown, cheap enough to leave running while shown
    connect(&m_tick, &QTimer::timeout, this, &BreakerView::refresh);
    connect(m_forceOpen, &QPushButton::clicked, this, [this] {
        if (m_breaker)
            m_breaker->transitionToForcedOpen();
        update();
    });
    connect(m_reset, &QPushButton::clicked, this, [this] {
        if (m_breaker)
            m_breaker->reset();
        update();
    });
    connect(m_disable, &QPushButton::clicked, this, [this] {
        if (m_breaker)
            m_breaker->transitionToDisabled();
        update();
    });
    setMinimumSize(420, 240);
}

void BreakerView::setBreaker(CircuitBreaker *breaker, const Clock *clock)
{
    m_breaker = breaker;
    m_clock = clock;
    m_spans.clear();
    if (m_breaker && m_clock)
        m_spans.append({m_breaker->stateSinceMs(), m_breaker->state()});
    m_forceOpen->setEnabled(m_breaker);
    m_reset->setEnabled(m_breaker);
    m_disable->setEnabled(m_breaker);
    update();
}

void BreakerView::addEvent(const ResilienceEvent &event)
{
    if (event.kind != ResilienceEvent::Kind::BreakerTransition)
        return;
    m_spans.append({event.atMs, event.to});
    // Keep only what the strip can show, plus the span that reaches into it.
    const qint64 horizon = event.atMs - TimelineMs;
    while (m_spans.size() > 2 && m_spans.at(1).fromMs < horizon)
        m_spans.removeFirst();
    update();
}

void BreakerView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_tick.start();
}

void BreakerView::hideEvent(QHideEvent *event)
{
    m_tick.stop();
    QWidget::hideEvent(event);
}

void BreakerView::refresh()
{
    if (m_breaker)
        m_breaker->poll();
    update();
}

void BreakerView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    const QRectF area = QRectF(rect()).adjusted(8, 8, -8, -8 - ButtonRow);
    const CircuitState current = m_breaker ? m_breaker->state()
                                           : (m_spans.isEmpty() ? CircuitState::Closed : m_spans.last().state);
    const qint64 now = m_clock ? m_clock->nowMs() : (m_spans.isEmpty() ? 0 : m_spans.last().fromMs);
    const QRectF diagram(area.left(), area.top(), area.width() * 0.6, area.height() - 40);
    const QRectF rates(diagram.right() + 8, area.top(), area.right() - diagram.right() - 8, area.height() - 40);
    const QRectF timeline(area.left(), area.bottom() - 28, area.width(), 28);
    paintDiagram(p, diagram, current);
    paintRates(p, rates);
    paintTimeline(p, timeline, now);
}

void BreakerView::paintDiagram(QPainter &p, const QRectF &area, CircuitState current)
{
    const double r = std::min(area.width() / 8, area.height() / 4);
    const auto node = [&](double fx, double fy, double scale) {
        const QPointF c(area.left() + area.width() * fx, area.top() + area.height() * fy);
        return QRectF(c - QPointF(r * scale, r * scale), QSizeF(2 * r * scale, 2 * r * scale));
    };
    const QRectF closed = node(0.18, 0.35, 1), open = node(0.82, 0.35, 1), half = node(0.5, 0.8, 1);
    const QRectF disabled = node(0.12, 0.85, 0.6), forced = node(0.88, 0.85, 0.6);

    p.setPen(QPen(ResilienceColors::grid(), 1.5));
    p.setBrush(ResilienceColors::grid());
    arrow(p, edgePoint(closed, open), edgePoint(open, closed) - QPointF(0, 0));
    arrow(p, edgePoint(open, half), edgePoint(half, open));
    arrow(p, edgePoint(half, closed), edgePoint(closed, half));

    const auto draw = [&](const QRectF &box, CircuitState state) {
        const bool lit = state == current;
        const QColor color = ResilienceColors::forState(state);
        p.setPen(QPen(color, lit ? 3 : 1.5));
        p.setBrush(lit ? color : palette().base().color());
        p.drawEllipse(box);
        p.setPen(lit ? Qt::white : ResilienceColors::text());
        QFont font = p.font();
        font.setBold(lit);
        font.setPointSizeF(std::max(5.0, box.width() / 9));
        p.setFont(font);
        p.drawText(box, Qt::AlignCenter, CircuitBreaker::stateName(state).replace(u'_', u'\n'));
    };
    draw(closed, CircuitState::Closed);
    draw(open, CircuitState::Open);
    draw(half, CircuitState::HalfOpen);
    draw(disabled, CircuitState::Disabled);
    draw(forced, CircuitState::ForcedOpen);

    // The countdown to HALF_OPEN as a shrinking arc around OPEN, with the seconds left.
    if (m_breaker && m_clock && current == CircuitState::Open) {
        const qint64 left = std::max<qint64>(0, m_breaker->openUntilMs() - m_clock->nowMs());
        const qint64 total = std::max<qint64>(1, m_breaker->config().waitDurationInOpenMs);
        p.setPen(QPen(ResilienceColors::forState(CircuitState::HalfOpen), 4));
        p.setBrush(Qt::NoBrush);
        p.drawArc(open.adjusted(-6, -6, 6, 6), 90 * 16, int(360 * 16 * double(left) / double(total)));
        p.setPen(ResilienceColors::text());
        p.drawText(QRectF(open.left() - r, open.bottom() + 6, open.width() + 2 * r, 18), Qt::AlignCenter,
                   tr("HALF_OPEN in %1 s").arg(double(left) / 1000.0, 0, 'f', 1));
    }
}

void BreakerView::paintRates(QPainter &p, const QRectF &area)
{
    const CircuitBreaker::Metrics metrics = m_breaker ? m_breaker->metrics() : CircuitBreaker::Metrics{};
    const double failureThreshold = m_breaker ? m_breaker->config().failureRateThreshold : 50;
    const double slowThreshold = m_breaker ? m_breaker->config().slowCallRateThreshold : 100;
    const auto bar = [&](double top, const QString &label, double rate, double threshold) {
        const QRectF track(area.left(), top + 16, area.width(), 16);
        p.setPen(ResilienceColors::text());
        p.drawText(QRectF(area.left(), top, area.width(), 16), Qt::AlignLeft | Qt::AlignVCenter,
                   rate < 0 ? tr("%1: not enough calls").arg(label) : tr("%1: %2 %").arg(label).arg(rate, 0, 'f', 0));
        p.setPen(Qt::NoPen);
        p.setBrush(ResilienceColors::grid());
        p.drawRect(track);
        if (rate > 0) {
            p.setBrush(rate >= threshold ? ResilienceColors::forState(CircuitState::Open)
                                         : ResilienceColors::forState(CircuitState::Closed));
            p.drawRect(QRectF(track.topLeft(), QSizeF(track.width() * std::min(rate, 100.0) / 100, track.height())));
        }
        const double x = track.left() + track.width() * std::min(threshold, 100.0) / 100;
        p.setPen(QPen(ResilienceColors::text(), 2));
        p.drawLine(QPointF(x, track.top() - 3), QPointF(x, track.bottom() + 3));
    };
    bar(area.top(), tr("failure rate"), metrics.failureRate, failureThreshold);
    bar(area.top() + 44, tr("slow-call rate"), metrics.slowCallRate, slowThreshold);
    p.setPen(ResilienceColors::text());
    p.drawText(QRectF(area.left(), area.top() + 88, area.width(), 40), Qt::AlignLeft | Qt::TextWordWrap,
               tr("%1 calls in the window, %2 refused").arg(metrics.bufferedCalls).arg(metrics.notPermittedCalls));
}

void BreakerView::paintTimeline(QPainter &p, const QRectF &area, qint64 now)
{
    p.setPen(Qt::NoPen);
    p.setBrush(ResilienceColors::grid());
    p.drawRect(area);
    const qint64 start = now - TimelineMs;
    for (qsizetype i = 0; i < m_spans.size(); ++i) {
        const qint64 from = std::max(start, m_spans.at(i).fromMs);
        const qint64 to = i + 1 < m_spans.size() ? m_spans.at(i + 1).fromMs : now;
        if (to <= start || to <= from)
            continue;
        const double x0 = area.left() + area.width() * double(from - start) / TimelineMs;
        const double x1 = area.left() + area.width() * double(to - start) / TimelineMs;
        p.setBrush(ResilienceColors::forState(m_spans.at(i).state));
        p.drawRect(QRectF(x0, area.top(), std::max(1.0, x1 - x0), area.height()));
    }
}

} // namespace tanager
