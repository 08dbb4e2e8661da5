// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <PolicyRegistry.h>
#include <PolicyStore.h>
#include <ResilienceEvent.h>

#include <QDockWidget>
#include <QHash>
#include <QPointer>
#include <QTimer>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
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

/// The Resilience dock: a list of rules (host pattern, path glob, policy) with the selected one in
/// the policy editor, the three live drawings (breaker, rate limits, retry timeline) and the
/// scenario runner (N requests at R per second with C in flight to a URL).
/// When "Send request tabs under these policies" is on, the request tabs send through its registry.
///
/// The rules are loaded from a PolicyStore file when the dock is built and saved whenever they
/// change. The breaker and rate-limit drawings show the host picked above them, or the host used
/// last.
class ResiliencePanel : public QDockWidget
{
    Q_OBJECT
public:
    /// Keeps the policies in PolicyStore::defaultFilePath().
    ResiliencePanel(HttpTransport *transport, DeadLetterStore *deadLetters, QWidget *parent = nullptr);
    /// Keeps the policies in @p policyFile.
    ResiliencePanel(HttpTransport *transport, DeadLetterStore *deadLetters, const QString &policyFile,
                    QWidget *parent = nullptr);
    /// Saves an edit still waiting for its pause, so closing right after typing loses nothing.
    ~ResiliencePanel() override;

    PolicyRegistry *registry() const { return m_registry; }
    /// The registry request tabs should send through, or null when they send plainly.
    PolicyRegistry *tabRegistry() const;
    /// Applies the editor's policy now (edits otherwise apply after a short pause).
    void applyPolicy();
    /// Shows stored events (a history row's) in the drawings instead of the live ones.
    void replay(const QList<ResilienceEvent> &events);

    /// The rules in their order, the selected one as the editor shows it.
    QList<PolicyRule> rules() const;
    /// Replaces the rules, selects the first and applies them.
    void setRules(const QList<PolicyRule> &rules);
    /// Adds a rule after the selected one (its policy copied, any host) and selects it.
    void addRule();
    /// Removes the selected rule.
    void removeRule();
    /// Moves the selected rule up (-1) or down (+1).
    void moveRule(int delta);
    /// The file the policies are kept in, and the one-line error from loading or saving it, if any.
    QString policyFile() const { return m_store.filePath(); }
    QString storeError() const { return m_storeError; }
    /// The host the breaker and rate-limit drawings show (the latest host when none is picked).
    QString shownHost() const;

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
    QListWidget *ruleList() const { return m_ruleList; }
    QComboBox *hostPicker() const { return m_hostPicker; }

Q_SIGNALS:
    /// The registry request tabs should use changed (null: plain sends).
    void tabRegistryChanged(tanager::PolicyRegistry *registry);

private:
    void onEvent(const ResilienceEvent &event);
    void toggleRun();
    void updateStatus();
    void loadPolicies();
    void commitEditor();
    void selectRule(int row);
    void refreshRuleList(int select);
    void updateRuleActions();
    void onSenderCreated(const QString &host, ResilientSender *sender);
    void showHost();
    QString ruleLabel(const PolicyRule &rule) const;

    PolicyStore m_store;
    QString m_storeError;
    QList<PolicyRule> m_rules;
    ResiliencePolicy m_defaultPolicy;
    int m_current = -1;   ///< the row the editor shows
    QByteArray m_applied; ///< the rules last given to the registry and the file, as saved
    QString m_latestHost;
    QString m_drawnHost;                                     ///< the host whose quota the rate-limit drawing holds
    QHash<QString, QPointer<ResilientSender>> m_hostSenders; ///< the live sender per host, for the drawings

    PolicyRegistry *m_registry;
    ScenarioRunner *m_runner;
    PolicyEditor *m_editor;
    BreakerView *m_breakerView;
    RateLimitView *m_rateView;
    RetryTimelineView *m_retryView;
    QCheckBox *m_tabs;
    QListWidget *m_ruleList;
    QAction *m_addRule;
    QAction *m_removeRule;
    QAction *m_upRule;
    QAction *m_downRule;
    QComboBox *m_hostPicker;
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
