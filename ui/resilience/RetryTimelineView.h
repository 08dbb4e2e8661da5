// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <ResilienceEvent.h>

#include <QList>
#include <QWidget>

namespace tanager {

/// Each request's attempts on a shared time axis: one row per request, attempt bars coloured by
/// outcome, the backoff gaps between them, and the reason for each retry. Fed by the event stream,
/// so it replays stored events as well as live ones.
class RetryTimelineView : public QWidget
{
    Q_OBJECT
public:
    explicit RetryTimelineView(QWidget *parent = nullptr);

    void addEvent(const ResilienceEvent &event);
    void clear();
    /// Rows kept; older requests scroll away.
    static constexpr int MaxRows = 200;

    QSize sizeHint() const override { return {600, 240}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Bar
    {
        qint64 startMs = 0;
        qint64 endMs = -1; ///< -1 while in flight
        int status = 0;
        bool error = false;
        qint64 backoffMs = 0;
        QString reason;
    };
    struct Row
    {
        quint64 requestId = 0;
        QList<Bar> bars;
        bool refused = false;
        qint64 refusedAtMs = 0;
    };
    Row &row(quint64 requestId);

    QList<Row> m_rows;
    qint64 m_firstMs = -1;
    qint64 m_lastMs = 0;
};

} // namespace tanager
