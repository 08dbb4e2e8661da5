// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <CircuitBreaker.h>
#include <ResilienceEvent.h>

#include <QList>
#include <QTimer>
#include <QWidget>

class QPushButton;

namespace tanager {

class Clock;

/// A circuit breaker drawn live: the state diagram with the current state lit, a strip of the
/// states over the last minute, failure and slow-call rates against their thresholds, the countdown
/// to HALF_OPEN, and buttons to force open, reset or disable. Transitions come from the event
/// stream (addEvent); rates and the countdown are read from the breaker while it is shown.
class BreakerView : public QWidget
{
    Q_OBJECT
public:
    explicit BreakerView(QWidget *parent = nullptr);

    /// The breaker to show and control; it must outlive this view or be unset first.
    void setBreaker(CircuitBreaker *breaker, const Clock *clock);
    CircuitBreaker *breaker() const { return m_breaker; }
    /// Feeds one event; only BreakerTransition events matter here.
    void addEvent(const ResilienceEvent &event);

    QSize sizeHint() const override { return {520, 300}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct Span
    {
        qint64 fromMs;
        CircuitState state;
    };
    void refresh();
    void paintDiagram(QPainter &p, const QRectF &area, CircuitState current);
    void paintTimeline(QPainter &p, const QRectF &area, qint64 now);
    void paintRates(QPainter &p, const QRectF &area);

    CircuitBreaker *m_breaker = nullptr;
    const Clock *m_clock = nullptr;
    QList<Span> m_spans;
    QTimer m_tick;
    QPushButton *m_forceOpen;
    QPushButton *m_reset;
    QPushButton *m_disable;
};

} // namespace tanager
