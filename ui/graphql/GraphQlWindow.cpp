// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlWindow.h"

#include "GraphQlEditor.h"
#include "GraphQlSchemaExplorer.h"
#include "GraphQlTab.h"

#include <GraphQlSchemaCache.h>

#include <QAction>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tanager {

GraphQlWindow::GraphQlWindow(HttpTransport *transport, GraphQlSchemaCache *cache, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_transport(transport)
    , m_cache(cache)
    , m_tabs(new QTabWidget(this))
{
    setWindowTitle(tr("GraphQL — Tanager"));
    m_tabs->setTabsClosable(true);
    m_tabs->setDocumentMode(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        QWidget *tab = m_tabs->widget(index);
        m_tabs->removeTab(index);
        tab->deleteLater();
        if (m_tabs->count() == 0)
            close();
    });

    addShortcut(tr("Run"), QKeySequence(Qt::CTRL | Qt::Key_Return), &GraphQlTab::run);
    addShortcut(tr("Run"), QKeySequence(Qt::CTRL | Qt::Key_Enter), &GraphQlTab::run);
    addShortcut(tr("Stop"), QKeySequence(Qt::Key_Escape), &GraphQlTab::stop);
    addShortcut(tr("Fetch schema"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), &GraphQlTab::fetchSchema);
    addShortcut(tr("Load schema file"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), &GraphQlTab::chooseSchemaFile);
    addShortcut(tr("Prettify"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), &GraphQlTab::prettify);
    addShortcut(tr("Go to type"), QKeySequence(Qt::Key_F12), &GraphQlTab::goToTypeAtCursor);
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
    resize(1280, 800);
}

void GraphQlWindow::addShortcut(const QString &text, const QKeySequence &key, void (GraphQlTab::*slot)())
{
    auto *action = new QAction(text, this);
    action->setShortcut(key);
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
    m_tabs->setCurrentIndex(index);
    tab->editor()->setFocus();
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
