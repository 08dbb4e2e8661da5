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

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tanager {

ResiliencePanel::ResiliencePanel(HttpTransport *transport, DeadLetterStore *deadLetters, QWidget *parent)
    : QDockWidget(tr("Resilience"), parent), m_registry(new PolicyRegistry(transport, SystemClock::instance(), this)),
      m_runner(new ScenarioRunner(m_registry, this)), m_editor(new PolicyEditor), m_breakerView(new BreakerView),
      m_rateView(new RateLimitView), m_retryView(new RetryTimelineView),
      m_tabs(new QCheckBox(tr("Send request tabs under this policy"))), m_url(new QLineEdit), m_count(new QSpinBox),
      m_rate(new QDoubleSpinBox), m_concurrency(new QSpinBox), m_run(new QPushButton(tr("&Run scenario"))),
      m_status(new QLabel)
{
    setObjectName(u"resilienceDock"_s);
    m_registry->setDeadLetterStore(deadLetters);

    auto *editorScroll = new QScrollArea;
    editorScroll->setWidgetResizable(true);
    auto *editorBox = new QWidget;
    auto *editorLayout = new QVBoxLayout(editorBox);
    editorLayout->addWidget(m_tabs);
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

    auto *drawings = new QSplitter(Qt::Vertical);
    auto *top = new QSplitter(Qt::Horizontal);
    top->addWidget(m_breakerView);
    top->addWidget(m_rateView);
    drawings->addWidget(top);
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
    connect(m_editor, &PolicyEditor::changed, &m_applyTimer, qOverload<>(&QTimer::start));
    connect(m_tabs, &QCheckBox::toggled, this, [this] { Q_EMIT tabRegistryChanged(tabRegistry()); });

    connect(m_registry, &PolicyRegistry::event, this, &ResiliencePanel::onEvent);
    connect(m_registry, &PolicyRegistry::senderCreated, this, [this](const QString &host, ResilientSender *sender) {
        // The drawings follow the host used last; each host has its own breaker and limiter.
        m_breakerView->setBreaker(sender->breaker(host), SystemClock::instance());
        m_rateView->setQueue(sender->limiterQueue(), SystemClock::instance());
    });
    connect(m_registry, &PolicyRegistry::policiesChanged, this, [this] {
        // The retired senders' breakers and queues go away: unset them before they do.
        m_breakerView->setBreaker(nullptr, SystemClock::instance());
        m_rateView->setQueue(nullptr, SystemClock::instance());
    });
    connect(m_run, &QPushButton::clicked, this, &ResiliencePanel::toggleRun);
    connect(m_runner, &ScenarioRunner::finished, this, &ResiliencePanel::updateStatus);
    // Counters change per request: a 10 Hz label is enough and costs nothing at 1,000 requests/s.
    m_statusTimer.setInterval(100);
    connect(&m_statusTimer, &QTimer::timeout, this, &ResiliencePanel::updateStatus);
    connect(m_runner, &ScenarioRunner::finished, &m_statusTimer, &QTimer::stop);
    applyPolicy();
    updateStatus();
}

PolicyRegistry *ResiliencePanel::tabRegistry() const
{
    return m_tabs->isChecked() ? m_registry : nullptr;
}

void ResiliencePanel::applyPolicy()
{
    m_applyTimer.stop();
    const PolicyRule rule = m_editor->rule();
    if (rule.host.isEmpty() && rule.path.isEmpty()) {
        m_registry->setRules({});
        m_registry->setDefaultPolicy(rule.policy);
    } else {
        // Bound to a host or path: everything else is sent plainly, once.
        m_registry->setDefaultPolicy(ResiliencePolicy{});
        m_registry->setRules({rule});
    }
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
    m_breakerView->addEvent(event);
    m_rateView->addEvent(event);
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
