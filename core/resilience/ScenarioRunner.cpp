// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScenarioRunner.h"

#include "PolicyRegistry.h"

#include <cmath>

namespace tanager {

ScenarioRunner::ScenarioRunner(PolicyRegistry *registry, QObject *parent) : QObject(parent), m_registry(registry)
{
    // 1 ms keeps 1,000 requests/s even; the schedule catches up when a tick comes late.
    m_tick.setInterval(1);
    m_tick.setTimerType(Qt::PreciseTimer);
    connect(&m_tick, &QTimer::timeout, this, &ScenarioRunner::pump);
    if (m_registry)
        connect(m_registry, &PolicyRegistry::finished, this, &ScenarioRunner::onFinished);
}

void ScenarioRunner::start(const Scenario &scenario)
{
    stop();
    m_scenario = scenario;
    m_scenario.total = std::max(0, scenario.total);
    m_scenario.concurrency = std::max(1, scenario.concurrency);
    m_scenario.ratePerSecond = std::max(0.001, scenario.ratePerSecond);
    m_sent = m_completed = m_succeeded = 0;
    m_finishedAfterMs = -1;
    m_running = true;
    m_clock.start();
    m_tick.start();
    pump();
    Q_EMIT progress();
}

void ScenarioRunner::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_tick.stop();
    const QSet<quint64> ids = m_ids;
    m_ids.clear();
    for (const quint64 id : ids) {
        if (m_registry)
            m_registry->cancel(id);
    }
    m_finishedAfterMs = m_clock.elapsed();
    Q_EMIT progress();
    Q_EMIT finished();
}

qint64 ScenarioRunner::elapsedMs() const
{
    if (m_finishedAfterMs >= 0)
        return m_finishedAfterMs;
    return m_clock.isValid() ? m_clock.elapsed() : 0;
}

void ScenarioRunner::pump()
{
    if (!m_running || !m_registry)
        return;
    // How many should have started by now, the first one at once.
    const auto due = std::min<qint64>(
        m_scenario.total, 1 + qint64(std::floor(double(m_clock.elapsed()) * m_scenario.ratePerSecond / 1000.0)));
    bool started = false;
    while (m_sent < due && int(m_ids.size()) < m_scenario.concurrency) {
        m_ids.insert(m_registry->send(m_scenario.request));
        ++m_sent;
        started = true;
    }
    if (m_sent >= m_scenario.total)
        m_tick.stop();
    if (started)
        Q_EMIT progress();
    finishIfDone();
}

void ScenarioRunner::onFinished(const ResilientResult &result)
{
    if (!m_ids.remove(result.requestId))
        return;
    ++m_completed;
    if (result.succeeded())
        ++m_succeeded;
    Q_EMIT progress();
    pump(); // a free slot may start the next request without waiting for the tick; ends a finished run
}

void ScenarioRunner::finishIfDone()
{
    if (m_running && m_sent >= m_scenario.total && m_ids.isEmpty()) {
        m_running = false;
        m_tick.stop();
        m_finishedAfterMs = m_clock.elapsed();
        Q_EMIT finished();
    }
}

} // namespace tanager
