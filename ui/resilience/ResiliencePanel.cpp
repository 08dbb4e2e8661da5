// SPDX-License-Identifier: GPL-3.0-or-later
#include "ResiliencePanel.h"

#include "BreakerView.h"
#include "PolicyEditor.h"
#include "RateLimitView.h"
#include "RetryTimelineView.h"

#include <PolicyRegistry.h>
#include <ResilientSender.h>
#include <ScenarioRunner.h>
#include <SystemClock.h>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tanager {

ResiliencePanel::ResiliencePanel(HttpTransport *transport, DeadLetterStore *deadLetters, QWidget *parent)
    : ResiliencePanel(transport, deadLetters, PolicyStore::defaultFilePath(), parent)
{
}

ResiliencePanel::ResiliencePanel(HttpTransport *transport, DeadLetterStore *deadLetters, const QString &policyFile,
                                 QWidget *parent)
    : QDockWidget(tr("Resilience"), parent), m_store(policyFile),
      m_registry(new PolicyRegistry(transport, SystemClock::instance(), this)),
      m_runner(new ScenarioRunner(m_registry, this)), m_editor(new PolicyEditor), m_breakerView(new BreakerView),
      m_rateView(new RateLimitView), m_retryView(new RetryTimelineView),
      m_tabs(new QCheckBox(tr("Send request tabs under these policies"))), m_ruleList(new QListWidget),
      m_addRule(new QAction(tr("Add rule"), this)), m_removeRule(new QAction(tr("Remove rule"), this)),
      m_upRule(new QAction(tr("Move rule up"), this)), m_downRule(new QAction(tr("Move rule down"), this)),
      m_hostPicker(new QComboBox), m_url(new QLineEdit), m_count(new QSpinBox), m_rate(new QDoubleSpinBox),
      m_concurrency(new QSpinBox), m_run(new QPushButton(tr("&Run scenario"))), m_status(new QLabel)
{
    setObjectName(u"resilienceDock"_s);
    m_registry->setDeadLetterStore(deadLetters);

    auto *editorScroll = new QScrollArea;
    editorScroll->setWidgetResizable(true);
    auto *editorBox = new QWidget;
    auto *editorLayout = new QVBoxLayout(editorBox);
    editorLayout->addWidget(m_tabs);

    // The rules: the most specific match wins (see PolicyRegistry), the order breaks ties.
    auto *rulesBox = new QWidget;
    auto *rulesLayout = new QVBoxLayout(rulesBox);
    rulesLayout->setContentsMargins(0, 0, 0, 0);
    auto *rulesLabel = new QLabel(tr("R&ules (the most specific match wins):"));
    rulesLabel->setBuddy(m_ruleList);
    rulesLayout->addWidget(rulesLabel);
    m_ruleList->setObjectName(u"ruleList"_s);
    m_ruleList->setMaximumHeight(120);
    rulesLayout->addWidget(m_ruleList);
    auto *ruleButtons = new QHBoxLayout;
    const auto bind = [this, ruleButtons](QAction *action, const QKeySequence &key) {
        action->setShortcut(key);
        // Scoped to the rules so Delete or Alt+Up in the editor's fields keep their usual meaning.
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setToolTip(u"%1 (%2)"_s.arg(action->text(), key.toString(QKeySequence::NativeText)));
        m_ruleList->addAction(action);
        auto *button = new QToolButton;
        button->setDefaultAction(action);
        ruleButtons->addWidget(button);
    };
    bind(m_addRule, QKeySequence(Qt::Key_Insert));
    bind(m_removeRule, QKeySequence(QKeySequence::Delete));
    bind(m_upRule, QKeySequence(Qt::ALT | Qt::Key_Up));
    bind(m_downRule, QKeySequence(Qt::ALT | Qt::Key_Down));
    ruleButtons->addStretch(1);
    rulesLayout->addLayout(ruleButtons);
    editorLayout->addWidget(rulesBox);
    editorLayout->addWidget(m_editor);
    editorScroll->setWidget(editorBox);
    // Wide enough for the form without a horizontal scroll bar; it scrolls only vertically.
    editorScroll->setMinimumWidth(editorBox->sizeHint().width() +
                                  editorScroll->verticalScrollBar()->sizeHint().width() + 4);
    editorScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_url->setPlaceholderText(tr("http://127.0.0.1:8080/seq/demo?s=500,500,200"));
    m_count->setRange(1, 1000000);
    m_count->setValue(100);
    m_rate->setRange(0.1, 100000);
    m_rate->setValue(20);
    m_rate->setSuffix(tr(" /s"));
    m_concurrency->setRange(1, 1000);
    m_concurrency->setValue(8);
    m_run->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
    m_run->setToolTip(tr("Run or stop the scenario (Ctrl+Shift+Enter)"));
    auto *scenario = new QWidget;
    auto *row = new QHBoxLayout(scenario);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(new QLabel(tr("URL:")));
    row->addWidget(m_url, 1);
    const auto labelled = [row](const QString &text, QWidget *field) {
        auto *label = new QLabel(text);
        label->setBuddy(field);
        row->addWidget(label);
        row->addWidget(field);
    };
    labelled(tr("&N:"), m_count);
    labelled(tr("R&ate:"), m_rate);
    labelled(tr("&In flight:"), m_concurrency);
    row->addWidget(m_run);

    m_hostPicker->addItem(tr("Latest host"));
    m_hostPicker->setToolTip(tr("The host whose breaker and rate limits are drawn"));
    auto *hostRow = new QWidget;
    auto *hostLayout = new QHBoxLayout(hostRow);
    hostLayout->setContentsMargins(0, 0, 0, 0);
    auto *hostLabel = new QLabel(tr("&Host:"));
    hostLabel->setBuddy(m_hostPicker);
    hostLayout->addWidget(hostLabel);
    hostLayout->addWidget(m_hostPicker, 1);
    auto *topBox = new QWidget;
    auto *topLayout = new QVBoxLayout(topBox);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(hostRow);
    auto *top = new QSplitter(Qt::Horizontal);
    top->addWidget(m_breakerView);
    top->addWidget(m_rateView);
    topLayout->addWidget(top, 1);
    auto *drawings = new QSplitter(Qt::Vertical);
    drawings->addWidget(topBox);
    drawings->addWidget(m_retryView);

    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(scenario);
    rightLayout->addWidget(m_status);
    rightLayout->addWidget(drawings, 1);

    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(editorScroll);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setSizes({340, 900});
    setWidget(split);

    m_applyTimer.setSingleShot(true);
    m_applyTimer.setInterval(300); // spin-box arrows fire per step; apply once the user pauses
    connect(&m_applyTimer, &QTimer::timeout, this, &ResiliencePanel::applyPolicy);
    connect(m_editor, &PolicyEditor::changed, this, [this] {
        commitEditor();
        m_applyTimer.start();
    });
    connect(m_tabs, &QCheckBox::toggled, this, [this] { Q_EMIT tabRegistryChanged(tabRegistry()); });

    connect(m_registry, &PolicyRegistry::event, this, &ResiliencePanel::onEvent);
    connect(m_registry, &PolicyRegistry::senderCreated, this, &ResiliencePanel::onSenderCreated);
    connect(m_registry, &PolicyRegistry::policiesChanged, this, [this] {
        // The retired senders' breakers and queues go away: unset them before they do.
        m_hostSenders.clear();
        showHost();
    });
    connect(m_hostPicker, &QComboBox::currentIndexChanged, this, &ResiliencePanel::showHost);
    connect(m_ruleList, &QListWidget::currentRowChanged, this, &ResiliencePanel::selectRule);
    connect(m_addRule, &QAction::triggered, this, &ResiliencePanel::addRule);
    connect(m_removeRule, &QAction::triggered, this, &ResiliencePanel::removeRule);
    connect(m_upRule, &QAction::triggered, this, [this] { moveRule(-1); });
    connect(m_downRule, &QAction::triggered, this, [this] { moveRule(+1); });
    connect(m_run, &QPushButton::clicked, this, &ResiliencePanel::toggleRun);
    connect(m_runner, &ScenarioRunner::finished, this, &ResiliencePanel::updateStatus);
    // Counters change per request: a 10 Hz label is enough and costs nothing at 1,000 requests/s.
    m_statusTimer.setInterval(100);
    connect(&m_statusTimer, &QTimer::timeout, this, &ResiliencePanel::updateStatus);
    connect(m_runner, &ScenarioRunner::finished, &m_statusTimer, &QTimer::stop);
    updateStatus();
    loadPolicies();
}

ResiliencePanel::~ResiliencePanel()
{
    // Only the file: the registry and its senders are going away with this dock.
    const QList<PolicyRule> current = rules();
    if (PolicyStore::toJson(current, m_defaultPolicy) != m_applied)
        m_store.save(current, m_defaultPolicy);
}

PolicyRegistry *ResiliencePanel::tabRegistry() const
{
    return m_tabs->isChecked() ? m_registry : nullptr;
}

void ResiliencePanel::applyPolicy()
{
    m_applyTimer.stop();
    commitEditor();
    const QByteArray now = PolicyStore::toJson(m_rules, m_defaultPolicy);
    // Unchanged rules keep their senders, so breakers and quotas are not reset for nothing.
    if (now == m_applied)
        return;
    m_applied = now;
    m_registry->setDefaultPolicy(m_defaultPolicy);
    m_registry->setRules(m_rules);
    const Result<bool> saved = m_store.save(m_rules, m_defaultPolicy);
    m_storeError = saved ? QString() : saved.error().message;
    if (!saved)
        m_status->setText(m_storeError);
}

void ResiliencePanel::loadPolicies()
{
    const bool existed = QFile::exists(m_store.filePath());
    PolicyStore::Policies loaded = m_store.load();
    m_storeError = loaded.error;
    m_defaultPolicy = loaded.defaultPolicy;
    m_rules = loaded.rules;
    // First start (or a damaged file): one rule for any host, with the editor's defaults.
    if (!existed || !loaded.error.isEmpty())
        m_rules = {m_editor->rule()};
    refreshRuleList(0);
    // Loading is not a change: the registry gets the rules, the file is left as it is.
    m_applied = PolicyStore::toJson(m_rules, m_defaultPolicy);
    m_registry->setDefaultPolicy(m_defaultPolicy);
    m_registry->setRules(m_rules);
    if (!m_storeError.isEmpty())
        m_status->setText(m_storeError);
}

QList<PolicyRule> ResiliencePanel::rules() const
{
    QList<PolicyRule> rules = m_rules;
    if (m_current >= 0 && m_current < rules.size()) {
        const QString name = rules.at(m_current).name;
        rules[m_current] = m_editor->rule();
        rules[m_current].name = name;
    }
    return rules;
}

void ResiliencePanel::setRules(const QList<PolicyRule> &rules)
{
    m_current = -1; // the editor's content belongs to no rule of the new list
    m_rules = rules;
    refreshRuleList(0);
    applyPolicy();
}

void ResiliencePanel::commitEditor()
{
    if (m_current < 0 || m_current >= m_rules.size())
        return;
    m_rules = rules();
    if (QListWidgetItem *item = m_ruleList->item(m_current))
        item->setText(ruleLabel(m_rules.at(m_current)));
}

void ResiliencePanel::selectRule(int row)
{
    commitEditor();
    m_current = row >= 0 && row < m_rules.size() ? row : -1;
    m_editor->setEnabled(m_current >= 0);
    if (m_current >= 0)
        m_editor->setRule(m_rules.at(m_current));
    updateRuleActions();
}

void ResiliencePanel::refreshRuleList(int select)
{
    {
        const QSignalBlocker block(m_ruleList); // selectRule below, once, with the list complete
        m_ruleList->clear();
        for (const PolicyRule &rule : std::as_const(m_rules))
            m_ruleList->addItem(ruleLabel(rule));
        m_current = -1;
        m_ruleList->setCurrentRow(std::clamp(select, -1, int(m_rules.size()) - 1));
    }
    selectRule(m_ruleList->currentRow());
}

void ResiliencePanel::updateRuleActions()
{
    m_removeRule->setEnabled(m_current >= 0);
    m_upRule->setEnabled(m_current > 0);
    m_downRule->setEnabled(m_current >= 0 && m_current + 1 < m_rules.size());
}

void ResiliencePanel::addRule()
{
    commitEditor();
    PolicyRule rule = m_current >= 0 ? m_rules.at(m_current) : m_editor->rule();
    rule.name.clear();
    rule.host.clear();
    rule.path.clear();
    const int at = m_current >= 0 ? m_current + 1 : int(m_rules.size());
    m_rules.insert(at, rule);
    refreshRuleList(at);
    applyPolicy();
    m_editor->hostEdit()->setFocus();
}

void ResiliencePanel::removeRule()
{
    if (m_current < 0)
        return;
    const int row = m_current;
    m_current = -1; // the editor shows the removed rule: do not write it back
    m_rules.removeAt(row);
    refreshRuleList(std::min(row, int(m_rules.size()) - 1));
    applyPolicy();
}

void ResiliencePanel::moveRule(int delta)
{
    commitEditor();
    const int to = m_current + delta;
    if (m_current < 0 || to < 0 || to >= m_rules.size())
        return;
    m_rules.move(m_current, to);
    refreshRuleList(to);
    applyPolicy();
}

QString ResiliencePanel::ruleLabel(const PolicyRule &rule) const
{
    const QString where = (rule.host.isEmpty() || rule.host == u"*" ? tr("any host") : rule.host) +
                          (rule.path.isEmpty() ? QString() : u' ' + rule.path);
    QStringList what;
    what << tr("%n attempt(s)", nullptr, rule.policy.retry.maxAttempts);
    if (rule.policy.limiter != ResiliencePolicy::Limiter::None)
        what << tr("limit");
    if (rule.policy.breakerEnabled)
        what << tr("breaker");
    return (rule.name.isEmpty() ? where : rule.name + u": "_s + where) + u"  —  "_s + what.join(u", "_s);
}

void ResiliencePanel::onSenderCreated(const QString &host, ResilientSender *sender)
{
    // Each host has its own breaker and limiter; the picker lists every host seen so far.
    m_hostSenders.insert(host, sender);
    m_latestHost = host;
    if (m_hostPicker->findData(host) < 0)
        m_hostPicker->addItem(host, host);
    showHost();
}

QString ResiliencePanel::shownHost() const
{
    const QString picked = m_hostPicker->currentData().toString();
    return picked.isEmpty() ? m_latestHost : picked;
}

void ResiliencePanel::showHost()
{
    const QString host = shownHost();
    // The quota line belongs to one host: start it afresh for another (the breaker view does so itself).
    if (host != m_drawnHost) {
        m_rateView->clear();
        m_drawnHost = host;
    }
    ResilientSender *sender = m_hostSenders.value(host);
    m_breakerView->setBreaker(sender ? sender->breaker(host) : nullptr, SystemClock::instance());
    m_rateView->setQueue(sender ? sender->limiterQueue() : nullptr, SystemClock::instance());
}

void ResiliencePanel::replay(const QList<ResilienceEvent> &events)
{
    m_retryView->clear();
    for (const ResilienceEvent &e : events) {
        m_breakerView->addEvent(e);
        m_rateView->addEvent(e);
        m_retryView->addEvent(e);
    }
}

void ResiliencePanel::onEvent(const ResilienceEvent &event)
{
    // The breaker and quota drawings belong to one host; the retry timeline shows every request.
    if (event.host.isEmpty() || event.host == shownHost()) {
        m_breakerView->addEvent(event);
        m_rateView->addEvent(event);
    }
    m_retryView->addEvent(event);
}

void ResiliencePanel::toggleRun()
{
    if (m_runner->isRunning()) {
        m_runner->stop();
        return;
    }
    const QUrl url = QUrl::fromUserInput(m_url->text().trimmed());
    if (!url.isValid() || url.host().isEmpty()) {
        m_status->setText(tr("The scenario needs a URL such as http://127.0.0.1:8080/seq/demo?s=500,200; type one."));
        return;
    }
    applyPolicy();
    m_retryView->clear();
    ScenarioRunner::Scenario scenario;
    scenario.request.url = url.toString();
    scenario.total = m_count->value();
    scenario.ratePerSecond = m_rate->value();
    scenario.concurrency = m_concurrency->value();
    m_runner->start(scenario);
    m_statusTimer.start();
    updateStatus();
}

void ResiliencePanel::updateStatus()
{
    const bool running = m_runner->isRunning();
    m_run->setText(running ? tr("&Stop scenario") : tr("&Run scenario"));
    if (m_runner->sent() == 0) {
        m_status->setText(tr("Pick a policy, type a URL and run a scenario to watch it work."));
        return;
    }
    const double seconds = std::max<qint64>(1, m_runner->elapsedMs()) / 1000.0;
    m_status->setText(tr("%1 sent, %2 done (%3 succeeded), %4 in flight, %5 per second%6")
                          .arg(m_runner->sent())
                          .arg(m_runner->completed())
                          .arg(m_runner->succeeded())
                          .arg(m_runner->inFlight())
                          .arg(m_runner->completed() / seconds, 0, 'f', 1)
                          .arg(running ? QString() : tr("; finished")));
}

} // namespace tanager
