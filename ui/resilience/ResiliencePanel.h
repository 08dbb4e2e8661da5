// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <PolicyRegistry.h>
#include <ResilienceEvent.h>

#include <QDockWidget>
#include <QTimer>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QDoubleSpinBox;

namespace tanager {

class BreakerView;
class DeadLetterStore;
class HttpTransport;
class PolicyEditor;
class RateLimitView;
class RetryTimelineView;
class ScenarioRunner;

/// The Resilience dock: a policy editor, the three live drawings (breaker, rate limits, retry
/// timeline) and the scenario runner (N requests at R per second with C in flight to a URL).
/// When "Send request tabs under this policy" is on, the request tabs send through its registry.
class ResiliencePanel : public QDockWidget
{
    Q_OBJECT
public:
    ResiliencePanel(HttpTransport *transport, DeadLetterStore *deadLetters, QWidget *parent = nullptr);

    PolicyRegistry *registry() const { return m_registry; }
    /// The registry request tabs should send through, or null when they send plainly.
    PolicyRegistry *tabRegistry() const;
    /// Applies the editor's policy now (edits otherwise apply after a short pause).
    void applyPolicy();
    /// Shows stored events (a history row's) in the drawings instead of the live ones.
    void replay(const QList<ResilienceEvent> &events);

    PolicyEditor *editor() const { return m_editor; }
    ScenarioRunner *runner() const { return m_runner; }
    BreakerView *breakerView() const { return m_breakerView; }
    RateLimitView *rateLimitView() const { return m_rateView; }
    RetryTimelineView *retryView() const { return m_retryView; }
    QLineEdit *scenarioUrl() const { return m_url; }
    QSpinBox *scenarioCount() const { return m_count; }
    QDoubleSpinBox *scenarioRate() const { return m_rate; }
    QSpinBox *scenarioConcurrency() const { return m_concurrency; }
    QPushButton *runButton() const { return m_run; }
    QCheckBox *tabsCheck() const { return m_tabs; }

Q_SIGNALS:
    /// The registry request tabs should use changed (null: plain sends).
    void tabRegistryChanged(tanager::PolicyRegistry *registry);

private:
    void onEvent(const ResilienceEvent &event);
    void toggleRun();
    void updateStatus();

    PolicyRegistry *m_registry;
    ScenarioRunner *m_runner;
    PolicyEditor *m_editor;
    BreakerView *m_breakerView;
    RateLimitView *m_rateView;
    RetryTimelineView *m_retryView;
    QCheckBox *m_tabs;
    QLineEdit *m_url;
    QSpinBox *m_count;
    QDoubleSpinBox *m_rate;
    QSpinBox *m_concurrency;
    QPushButton *m_run;
    QLabel *m_status;
    QTimer m_applyTimer;
    QTimer m_statusTimer;
};

} // namespace tanager
