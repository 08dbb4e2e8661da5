// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ResilientResult.h"

#include <HttpRequest.h>

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace tanager {

class PolicyRegistry;

/// Drives a load scenario through a PolicyRegistry: N requests at R per second with at most C in
/// flight, so that the drawings have something to show. Paced by a short timer that starts as many
/// requests as the schedule is behind by (never a busy loop, never a nested event loop).
class ScenarioRunner : public QObject
{
    Q_OBJECT
public:
    struct Scenario
    {
        HttpRequest request;
        int total = 100;
        double ratePerSecond = 10;
        int concurrency = 4;
    };

    explicit ScenarioRunner(PolicyRegistry *registry, QObject *parent = nullptr);

    void start(const Scenario &scenario);
    /// Stops sending and cancels the requests still running.
    void stop();
    bool isRunning() const { return m_running; }

    int sent() const { return m_sent; }
    int completed() const { return m_completed; }
    int succeeded() const { return m_succeeded; }
    int inFlight() const { return int(m_ids.size()); }
    /// Milliseconds since start() (frozen once finished).
    qint64 elapsedMs() const;

Q_SIGNALS:
    /// Counts changed (at most once per request start or end).
    void progress();
    void finished();

private:
    void pump();
    void onFinished(const ResilientResult &result);
    void finishIfDone();

    QPointer<PolicyRegistry> m_registry;
    Scenario m_scenario;
    QTimer m_tick;
    QElapsedTimer m_clock;
    qint64 m_finishedAfterMs = -1;
    QSet<quint64> m_ids;
    bool m_running = false;
    int m_sent = 0;
    int m_completed = 0;
    int m_succeeded = 0;
};

} // namespace tanager
