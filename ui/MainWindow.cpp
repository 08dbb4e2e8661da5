// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "EnvironmentSelector.h"
#include "HistorySidebar.h"
#include "MessageBar.h"
#include "RecordedExchange.h"
#include "RequestController.h"
#include "RequestEditor.h"
#include "RequestTab.h"
#include "ResponsePanel.h"
#include "PreferencesDialog.h"
#include "ShortcutsDialog.h"

#include <BodyView.h>
#include <GraphQlTabState.h>
#include <GraphQlWindow.h>
#include <DeadLetterInspector.h>
#include <DeadLetterStore.h>
#include <HistoryStore.h>
#include <RequestDefaults.h>
#include <AuthEditor.h>
#include <OAuth2ProfilesWindow.h>
#include <PolicyRegistry.h>
#include <ResilienceHistory.h>
#include <ResiliencePanel.h>
#include <WebhookEventStore.h>
#include <WebhookSettings.h>
#include <WebhooksWindow.h>

#include <QApplication>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tanager {

MainWindow::MainWindow(const Services &services, QWidget *parent)
    : QMainWindow(parent), m_services(services), m_messageBar(new MessageBar(this)), m_splitter(new QSplitter(this)),
      m_history(new HistorySidebar(services.history, this)), m_tabs(new QTabWidget(this)),
      m_environment(new EnvironmentSelector(services.environments, services.settings, this))
{
    setWindowTitle(tr("Tanager"));
    resize(1280, 820);

    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    m_tabs->setUsesScrollButtons(true);
    m_tabs->tabBar()->setElideMode(Qt::ElideRight);

    m_splitter->addWidget(m_history);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({320, 960});
    m_splitter->setChildrenCollapsible(true);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_messageBar);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);

    // Dead letters share the history's database and writer thread.
    auto *deadLetters = services.history
                            ? new DeadLetterStore(services.history->database(), services.history->writer(), this)
                            : nullptr;
    // Policies live beside the history database, so a data folder given to the app holds them too.
    m_resilience = services.dataDir.isEmpty()
        ? new ResiliencePanel(services.transport, deadLetters, this)
        : new ResiliencePanel(services.transport, deadLetters, services.dataDir + u"/policies.json"_s, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_resilience);
    m_resilience->hide();
    connect(m_resilience, &ResiliencePanel::tabRegistryChanged, this, [this](PolicyRegistry *registry) {
        for (int i = 0; i < m_tabs->count(); ++i)
            static_cast<RequestTab *>(m_tabs->widget(i))->controller()->setPolicyRegistry(registry);
    });

    auto *toolbar = addToolBar(tr("Workbench"));
    toolbar->setObjectName(u"workbenchToolBar"_s);
    toolbar->setMovable(false);
    createActions();
    QWidget *spacer = new QWidget(toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    toolbar->addWidget(m_environment);

    if (!services.storageNotice.isEmpty())
        m_messageBar->showMessage(services.storageNotice);

    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateActions);
    connect(m_tabs->tabBar(), &QTabBar::tabBarDoubleClicked, this, [this](int index) {
        if (index < 0)
            newTab(); // double-click on the empty part of the bar opens a tab, like a browser
        else
            renameTab(index);
    });
    connect(m_history, &HistorySidebar::openRequested, this, &MainWindow::openHistoryEntry);
    connect(m_environment, &EnvironmentSelector::environmentChanged, this, [this](const Environment &environment) {
        for (int i = 0; i < m_tabs->count(); ++i)
            static_cast<RequestTab *>(m_tabs->widget(i))->setEnvironment(environment);
    });

    newTab();
    statusBar()->showMessage(tr("Ready. Ctrl+L to type a URL, Ctrl+Enter to send."), 8000);
}

QAction *MainWindow::addAction(QMenu *menu, const QString &text, const QList<QKeySequence> &keys)
{
    QAction *action = menu->addAction(text);
    action->setShortcuts(keys);
    if (!keys.isEmpty()) {
        // Shortcuts work with the menu bar hidden too and show in the shortcuts dialog.
        action->setShortcutContext(Qt::WindowShortcut);
        m_shortcutActions.append(action);
    }
    QMainWindow::addAction(action);
    return action;
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    connect(addAction(file, tr("&New tab"), {QKeySequence(Qt::CTRL | Qt::Key_T)}), &QAction::triggered, this,
            &MainWindow::newTab);
    connect(addAction(file, tr("New &GraphQL request"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G)}),
            &QAction::triggered, this, &MainWindow::newGraphQlTab);
    connect(addAction(file, tr("&Close tab"), {QKeySequence(Qt::CTRL | Qt::Key_W)}), &QAction::triggered, this,
            [this] { closeTab(m_tabs->currentIndex()); });
    connect(addAction(file, tr("&Rename tab…"), {QKeySequence(Qt::Key_F2)}), &QAction::triggered, this,
            [this] { renameTab(m_tabs->currentIndex()); });
    file->addSeparator();
    QAction *preferences = addAction(file, tr("&Preferences…"), {QKeySequence(Qt::CTRL | Qt::Key_Comma)});
    preferences->setEnabled(m_services.settings != nullptr);
    connect(preferences, &QAction::triggered, this, [this] {
        auto *dialog = new PreferencesDialog(m_services.settings, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    file->addSeparator();
    connect(addAction(file, tr("&Quit"), {QKeySequence(Qt::CTRL | Qt::Key_Q)}), &QAction::triggered, this,
            &QWidget::close);

    QMenu *request = menuBar()->addMenu(tr("&Request"));
    m_sendAction = addAction(request, tr("&Send"),
                             {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    connect(m_sendAction, &QAction::triggered, this, [this] {
        if (RequestTab *tab = currentTab())
            tab->send();
    });
    m_cancelAction = addAction(request, tr("C&ancel"), {QKeySequence(Qt::Key_Escape)});
    connect(m_cancelAction, &QAction::triggered, this, [this] {
        if (RequestTab *tab = currentTab())
            tab->cancel();
    });
    connect(addAction(request, tr("Focus &URL"), {QKeySequence(Qt::CTRL | Qt::Key_L)}), &QAction::triggered, this,
            [this] {
                if (RequestTab *tab = currentTab())
                    tab->focusUrl();
            });
    connect(addAction(request, tr("Copy as c&URL"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)}),
            &QAction::triggered, this, [this] {
                if (RequestTab *tab = currentTab())
                    tab->copyAsCurl();
            });
    connect(addAction(request, tr("&Find in response"), {QKeySequence::Find}), &QAction::triggered, this, [this] {
        if (RequestTab *tab = currentTab())
            tab->responsePanel()->bodyView()->showFindBar();
    });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    connect(addAction(view, tr("&Next tab"),
                      {QKeySequence(Qt::CTRL | Qt::Key_Tab), QKeySequence(Qt::CTRL | Qt::Key_PageDown)}),
            &QAction::triggered, this, [this] { switchTab(1); });
    connect(addAction(view, tr("&Previous tab"),
                      {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab),
                       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab), QKeySequence(Qt::CTRL | Qt::Key_PageUp)}),
            &QAction::triggered, this, [this] { switchTab(-1); });
    QAction *toggleSidebar = addAction(view, tr("Show &history sidebar"), {QKeySequence(Qt::CTRL | Qt::Key_Backslash)});
    toggleSidebar->setCheckable(true);
    toggleSidebar->setChecked(true);
    connect(toggleSidebar, &QAction::toggled, m_history, &QWidget::setVisible);
    connect(addAction(view, tr("&Search history"), {QKeySequence(Qt::CTRL | Qt::Key_K)}), &QAction::triggered, this,
            [this] {
                m_history->setVisible(true);
                m_history->focusSearch();
            });
    QAction *toggleResilience = m_resilience->toggleViewAction();
    toggleResilience->setText(tr("Show &resilience panel"));
    toggleResilience->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R));
    view->addAction(toggleResilience);
    m_shortcutActions.append(toggleResilience);
    connect(addAction(view, tr("&Dead letters…"), {QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_D)}), &QAction::triggered,
            this, &MainWindow::showDeadLetters);
    connect(addAction(view, tr("&Webhooks…"), {QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_W)}), &QAction::triggered,
            this, &MainWindow::showWebhooks);
    connect(addAction(view, tr("&OAuth2 profiles…"), {QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O)}),
            &QAction::triggered, this, &MainWindow::showOAuth2Profiles);

    QMenu *environments = menuBar()->addMenu(tr("&Environments"));
    connect(addAction(environments, tr("&Edit environments…"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E)}),
            &QAction::triggered, m_environment, &EnvironmentSelector::editEnvironments);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    connect(addAction(help, tr("&Keyboard shortcuts"), {QKeySequence(Qt::CTRL | Qt::Key_Slash)}), &QAction::triggered,
            this, &MainWindow::showShortcuts);
    connect(addAction(help, tr("&About Tanager"), {}), &QAction::triggered, this, &MainWindow::showAbout);
    updateActions();
}

RequestTab *MainWindow::newTab()
{
    auto *tab = new RequestTab(m_services.transport, m_services.history, m_tabs);
    tab->setEnvironment(m_environment->current());
    if (m_services.settings) {
        HttpRequest fresh = tab->request();
        fresh.options = RequestDefaults::options(*m_services.settings);
        tab->setRequest(fresh);
    }
    tab->controller()->setPolicyRegistry(m_resilience->tabRegistry());
    connect(tab->editor()->authEditor(), &AuthEditor::manageOAuth2ProfilesRequested, this,
            &MainWindow::showOAuth2Profiles);
    const int index = m_tabs->addTab(tab, tab->title());
    connect(tab, &RequestTab::titleChanged, this, [this, tab](const QString &title) {
        const int at = m_tabs->indexOf(tab);
        m_tabs->setTabText(at, title);
        m_tabs->setTabToolTip(at, tab->request().url);
    });
    connect(tab, &RequestTab::runningChanged, this, &MainWindow::updateActions);
    connect(tab, &RequestTab::message, this, [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    m_tabs->setCurrentIndex(index);
    tab->focusUrl();
    return tab;
}

GraphQlWindow *MainWindow::newGraphQlTab()
{
    bool restored = false;
    if (!m_graphql) {
        m_graphql = new GraphQlWindow(m_services.transport, nullptr, this);
        connect(m_graphql, &GraphQlWindow::manageOAuth2ProfilesRequested, this, &MainWindow::showOAuth2Profiles);
        if (m_services.history)
            m_graphql->useCache(m_services.history->database(), m_services.history->writer());
        if (!m_services.dataDir.isEmpty())
            restored = m_graphql->useState(m_services.dataDir + u'/' + GraphQlTabState::fileName()) > 0;
    }
    m_graphql->setEnvironment(m_environment->current());
    if (!restored) // the first opening shows the saved tabs as they were; later presses add a tab
        m_graphql->newTab();
    m_graphql->show();
    m_graphql->raise();
    m_graphql->activateWindow();
    return m_graphql;
}

RequestTab *MainWindow::currentTab() const
{
    return static_cast<RequestTab *>(m_tabs->currentWidget());
}

void MainWindow::closeTab(int index)
{
    auto *tab = static_cast<RequestTab *>(m_tabs->widget(index));
    if (!tab)
        return;
    m_tabs->removeTab(index);
    tab->deleteLater(); // its controller cancels a running call
    if (m_tabs->count() == 0)
        newTab(); // an empty window has nothing to type into
}

void MainWindow::switchTab(int delta)
{
    const int count = m_tabs->count();
    if (count > 1)
        m_tabs->setCurrentIndex((m_tabs->currentIndex() + delta + count) % count);
}

void MainWindow::renameTab(int index)
{
    auto *tab = static_cast<RequestTab *>(m_tabs->widget(index));
    if (!tab)
        return;
    // A modal dialog the user asked for by double-clicking: the allowed kind of nested loop.
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename tab"), tr("Name (empty: method and URL):"),
                                               QLineEdit::Normal, tab->request().name, &ok);
    if (ok)
        tab->setName(name);
}

bool MainWindow::openHistoryEntry(qint64 id)
{
    if (!m_services.history)
        return false;
    const Result<ExchangeRecord> record = m_services.history->load(id);
    if (!record) {
        statusBar()->showMessage(record.error().message, 8000);
        return false;
    }
    RequestTab *tab = newTab();
    tab->setRequest(RecordedExchange::request(record.value()));
    tab->responsePanel()->showExchange(RecordedExchange::exchange(record.value()));
    if (const auto events = ResilienceHistory::events(record.value()); !events.isEmpty()) {
        m_resilience->replay(events); // the drawings as they were when it ran
        m_resilience->show();
    }
    statusBar()->showMessage(tr("Reopened from history."), 4000);
    return true;
}

QWidget *MainWindow::showDeadLetters()
{
    if (!m_deadLetters) {
        auto *store = findChild<DeadLetterStore *>(QString(), Qt::FindDirectChildrenOnly);
        m_deadLetters = new DeadLetterInspector(store, m_services.transport, m_resilience->registry(), this);
        m_deadLetters->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_deadLetters->show();
    m_deadLetters->raise();
    m_deadLetters->activateWindow();
    return m_deadLetters;
}

WebhooksWindow *MainWindow::showWebhooks()
{
    if (!m_webhooks) {
        if (!m_services.history) {
            statusBar()->showMessage(tr("Webhooks need the history database, which could not be opened."), 8000);
            return nullptr;
        }
        // Caught events share the history's database and writer thread. The window is kept when closed, so the
        // catcher goes on catching in the background.
        auto *store = new WebhookEventStore(m_services.history->database(), m_services.history->writer(), this);
        auto *deadLetters = findChild<DeadLetterStore *>(QString(), Qt::FindDirectChildrenOnly);
        m_webhooks = new WebhooksWindow(store, m_services.transport, deadLetters, this);
        store->setParent(m_webhooks); // its last child: it goes after the server and the model that use it
        if (!m_services.dataDir.isEmpty())
            m_webhooks->useSettings(m_services.dataDir + u'/' + WebhookSettings::fileName(), m_services.secrets);
    }
    m_webhooks->show();
    m_webhooks->raise();
    m_webhooks->activateWindow();
    return m_webhooks;
}

OAuth2ProfilesWindow *MainWindow::showOAuth2Profiles()
{
    if (!m_oauth2) {
        if (!m_services.oauth2) {
            statusBar()->showMessage(tr("OAuth2 profiles are unavailable: the token store could not be opened."), 8000);
            return nullptr;
        }
        m_oauth2 = new OAuth2ProfilesWindow(m_services.oauth2, m_services.transport, this);
    }
    m_oauth2->show();
    m_oauth2->raise();
    m_oauth2->activateWindow();
    return m_oauth2;
}

void MainWindow::updateActions()
{
    const RequestTab *tab = currentTab();
    const bool running = tab && tab->isRunning();
    // Esc is only taken while a request runs, so it still closes popups and completers otherwise.
    m_cancelAction->setEnabled(running);
}

void MainWindow::showShortcuts()
{
    // The OAuth2 window's keys are listed too, without opening it (its actions are built from one table).
    const QList<QAction *> oauth2 = OAuth2ProfilesWindow::createShortcutActions(nullptr);
    // The Webhooks and GraphQL windows' keys once they exist (each is built on first open), named after the window.
    QList<QAction *> others;
    const auto listKeys = [&others](const QString &prefix, const QList<QAction *> &actions) {
        for (const QAction *action : actions) {
            if (action->shortcuts().isEmpty())
                continue;
            others.append(new QAction(prefix.arg(action->text().remove(u'&')), nullptr));
            others.last()->setShortcuts(action->shortcuts());
        }
    };
    if (m_webhooks)
        listKeys(tr("Webhooks: %1"), m_webhooks->shortcutActions());
    if (m_graphql)
        listKeys(tr("GraphQL: %1"), m_graphql->actions());
    auto *dialog = new ShortcutsDialog(m_shortcutActions + oauth2 + others, this);
    for (QAction *action : oauth2 + others)
        action->setParent(dialog);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Tanager"),
                       tr("<b>Tanager %1</b><br>A native API workbench.").arg(QApplication::applicationVersion()));
}

} // namespace tanager
