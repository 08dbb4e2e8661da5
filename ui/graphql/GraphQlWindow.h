// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Environment.h>

#include <QTimer>
#include <QWidget>

class QLabel;
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
    ~GraphQlWindow() override;

    /// Caches schemas in @p database (writes through @p writer) from now on, for tabs opened afterwards.
    void useCache(const Database &database, StorageWriter *writer);
    /// Keeps the tabs in @p filePath (graphql-tabs.json, see GraphQlTabState): opens the tabs saved there with
    /// the one that was in front, then saves half a second after each change, on close and when destroyed.
    /// A damaged file is kept aside and named in notice(). Returns how many tabs were restored.
    int useState(const QString &filePath);
    /// Writes the tabs now (a pending delayed save included); nothing without useState().
    void saveState();
    /// The last problem with graphql-tabs.json, empty when there is none.
    QString notice() const;

    GraphQlTab *newTab();
    GraphQlTab *currentTab() const;
    QTabWidget *tabs() const { return m_tabs; }
    void setEnvironment(const Environment &environment);
    /// Asks for a new name for tab @p index (F2, or a double-click on the tab).
    void renameTab(int index);

Q_SIGNALS:
    /// A tab's Auth "Manage profiles…" was pressed.
    void manageOAuth2ProfilesRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void scheduleSave();
    void showNotice(const QString &text);
    void addShortcut(const QString &text, const QList<QKeySequence> &keys, void (GraphQlTab::*slot)());

    HttpTransport *m_transport;
    GraphQlSchemaCache *m_cache;
    QTabWidget *m_tabs;
    QLabel *m_notice;
    Environment m_environment;
    QString m_statePath;
    QTimer m_saveTimer;
    bool m_restoring = false;
};

} // namespace tanager
