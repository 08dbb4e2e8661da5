// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Environment.h>

#include <QWidget>

class QTabWidget;

namespace tanager {

class Database;
class GraphQlSchemaCache;
class GraphQlTab;
class HttpTransport;
class StorageWriter;

/// The window that holds GraphQL request tabs, opened from the main window (Ctrl+Shift+G). Its own window so
/// the editor, response and schema explorer have room side by side; its shortcuts are the ones GraphiQL users
/// know: Ctrl+Enter runs, Ctrl+Space completes, Ctrl+Shift+P prettifies, Ctrl+/ comments, F12 goes to a type.
class GraphQlWindow : public QWidget
{
    Q_OBJECT
public:
    GraphQlWindow(HttpTransport *transport, GraphQlSchemaCache *cache, QWidget *parent = nullptr);

    /// Caches schemas in @p database (writes through @p writer) from now on, for tabs opened afterwards.
    void useCache(const Database &database, StorageWriter *writer);

    GraphQlTab *newTab();
    GraphQlTab *currentTab() const;
    QTabWidget *tabs() const { return m_tabs; }
    void setEnvironment(const Environment &environment);

Q_SIGNALS:
    /// A tab's Auth "Manage profiles…" was pressed.
    void manageOAuth2ProfilesRequested();

private:
    void addShortcut(const QString &text, const QKeySequence &key, void (GraphQlTab::*slot)());

    HttpTransport *m_transport;
    GraphQlSchemaCache *m_cache;
    QTabWidget *m_tabs;
    Environment m_environment;
};

} // namespace tanager
