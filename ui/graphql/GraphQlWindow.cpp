// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlWindow.h"

#include "GraphQlEditor.h"
#include "GraphQlSchemaExplorer.h"
#include "GraphQlTab.h"

#include <GraphQlSchemaCache.h>
#include <GraphQlTabState.h>

#include <QAction>
#include <QCloseEvent>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tanager {

GraphQlWindow::GraphQlWindow(HttpTransport *transport, GraphQlSchemaCache *cache, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_transport(transport)
    , m_cache(cache)
    , m_tabs(new QTabWidget(this))
    , m_notice(new QLabel(this))
{
    setWindowTitle(tr("GraphQL — Tanager"));
    m_tabs->setTabsClosable(true);
    m_tabs->setDocumentMode(true);
    m_tabs->setMovable(true);
    m_notice->setWordWrap(true);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->setStyleSheet(u"color:#b71c1c; padding:4px;"_s);
    m_notice->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_notice);
    layout->addWidget(m_tabs);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        QWidget *tab = m_tabs->widget(index);
        if (!tab)
            return;
        m_tabs->removeTab(index);
        tab->deleteLater();
        scheduleSave();
        if (m_tabs->count() == 0)
            close();
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, &GraphQlWindow::scheduleSave);
    connect(m_tabs->tabBar(), &QTabBar::tabMoved, this, &GraphQlWindow::scheduleSave);
    connect(m_tabs->tabBar(), &QTabBar::tabBarDoubleClicked, this, [this](int index) {
        if (index < 0)
            newTab(); // double-click on the empty part of the bar opens a tab, as in the main window
        else
            renameTab(index);
    });
    // Typing saves once it pauses, not at each key.
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(500);
    connect(&m_saveTimer, &QTimer::timeout, this, &GraphQlWindow::saveState);

    addShortcut(tr("Run"), {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)},
                &GraphQlTab::run);
    addShortcut(tr("Stop"), {QKeySequence(Qt::Key_Escape)}, &GraphQlTab::stop);
    addShortcut(tr("Fetch schema"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)}, &GraphQlTab::fetchSchema);
    addShortcut(tr("Load schema file"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O)}, &GraphQlTab::chooseSchemaFile);
    addShortcut(tr("Prettify"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)}, &GraphQlTab::prettify);
    addShortcut(tr("Go to type"), {QKeySequence(Qt::Key_F12)}, &GraphQlTab::goToTypeAtCursor);
    auto *search = new QAction(tr("Search the schema"), this);
    search->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    connect(search, &QAction::triggered, this, [this] {
        if (GraphQlTab *tab = currentTab())
            tab->explorer()->focusSearch();
    });
    addAction(search);
    auto *newTabAction = new QAction(tr("New GraphQL tab"), this);
    newTabAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(newTabAction, &QAction::triggered, this, &GraphQlWindow::newTab);
    addAction(newTabAction);
    auto *closeTab = new QAction(tr("Close tab"), this);
    closeTab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    connect(closeTab, &QAction::triggered, this, [this] { Q_EMIT m_tabs->tabCloseRequested(m_tabs->currentIndex()); });
    addAction(closeTab);
    auto *rename = new QAction(tr("Rename tab"), this);
    rename->setShortcut(QKeySequence(Qt::Key_F2));
    connect(rename, &QAction::triggered, this, [this] { renameTab(m_tabs->currentIndex()); });
    addAction(rename);
    resize(1280, 800);
}

GraphQlWindow::~GraphQlWindow()
{
    // The tabs are still alive here (QWidget deletes its children after this body): keep the last edits.
    if (m_saveTimer.isActive())
        saveState();
}

void GraphQlWindow::closeEvent(QCloseEvent *event)
{
    saveState();
    QWidget::closeEvent(event);
}

int GraphQlWindow::useState(const QString &filePath)
{
    m_statePath = filePath;
    const Result<GraphQlTabState::Values> loaded = GraphQlTabState(filePath).load();
    if (!loaded) {
        showNotice(loaded.error().message);
        return 0;
    }
    const GraphQlTabState::Values &values = loaded.value();
    m_restoring = true;
    for (const GraphQlTabState::Tab &saved : values.tabs)
        newTab()->restore(saved);
    m_restoring = false;
    if (!values.tabs.isEmpty()) {
        m_tabs->setCurrentIndex(values.current);
        if (GraphQlTab *tab = currentTab())
            tab->editor()->setFocus();
    }
    m_saveTimer.stop(); // restoring is not an edit
    return int(values.tabs.size());
}

void GraphQlWindow::scheduleSave()
{
    if (!m_statePath.isEmpty() && !m_restoring)
        m_saveTimer.start();
}

void GraphQlWindow::saveState()
{
    m_saveTimer.stop();
    if (m_statePath.isEmpty() || m_restoring)
        return;
    GraphQlTabState::Values values;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *tab = qobject_cast<GraphQlTab *>(m_tabs->widget(i)))
            values.tabs.append(tab->state());
    }
    values.current = qMax(0, m_tabs->currentIndex());
    if (const Result<bool> saved = GraphQlTabState(m_statePath).save(values); !saved)
        showNotice(saved.error().message);
}

QString GraphQlWindow::notice() const
{
    return m_notice->text();
}

void GraphQlWindow::showNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

void GraphQlWindow::renameTab(int index)
{
    auto *tab = qobject_cast<GraphQlTab *>(m_tabs->widget(index));
    if (!tab)
        return;
    // A modal dialog the user asked for by F2 or a double-click: the allowed kind of nested loop.
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename tab"), tr("Name (empty: the endpoint's host):"),
                                               QLineEdit::Normal, tab->state().title, &ok);
    if (ok)
        tab->setTitle(name);
}

void GraphQlWindow::addShortcut(const QString &text, const QList<QKeySequence> &keys, void (GraphQlTab::*slot)())
{
    auto *action = new QAction(text, this);
    action->setShortcuts(keys);
    action->setShortcutContext(Qt::WindowShortcut);
    connect(action, &QAction::triggered, this, [this, slot] {
        if (GraphQlTab *tab = currentTab()) {
            // Esc first closes the completion popup, as in every editor.
            if (slot == &GraphQlTab::stop && tab->editor()->isCompletionVisible()) {
                tab->editor()->hideCompletions();
                return;
            }
            (tab->*slot)();
        }
    });
    addAction(action);
}

void GraphQlWindow::useCache(const Database &database, StorageWriter *writer)
{
    m_cache = new GraphQlSchemaCache(database, writer, this);
}

GraphQlTab *GraphQlWindow::newTab()
{
    auto *tab = new GraphQlTab(m_transport, m_cache, m_tabs);
    tab->setEnvironment(m_environment);
    const int index = m_tabs->addTab(tab, tab->title());
    connect(tab, &GraphQlTab::titleChanged, this, [this, tab](const QString &title) {
        m_tabs->setTabText(m_tabs->indexOf(tab), title);
    });
    connect(tab, &GraphQlTab::manageOAuth2ProfilesRequested, this, &GraphQlWindow::manageOAuth2ProfilesRequested);
    connect(tab, &GraphQlTab::edited, this, &GraphQlWindow::scheduleSave);
    m_tabs->setCurrentIndex(index);
    tab->editor()->setFocus();
    scheduleSave();
    return tab;
}

GraphQlTab *GraphQlWindow::currentTab() const
{
    return qobject_cast<GraphQlTab *>(m_tabs->currentWidget());
}

void GraphQlWindow::setEnvironment(const Environment &environment)
{
    m_environment = environment;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *tab = qobject_cast<GraphQlTab *>(m_tabs->widget(i)))
            tab->setEnvironment(environment);
    }
}

} // namespace tanager
