// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>
#include <QPointer>

#include <functional>

class QAction;
class QSplitter;
class QTabWidget;

namespace tanager {

class EnvironmentSelector;
class EnvironmentStore;
class GraphQlWindow;
class HistorySidebar;
class HistoryStore;
class HttpTransport;
class MessageBar;
class OAuth2ProfilesWindow;
class OAuth2TokenProvider;
class ResiliencePanel;
class SecretStore;
class WebhooksWindow;
class RequestTab;
class Settings;

/// The HTTP workbench: history sidebar, environment picker, request tabs, menus and shortcuts.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    /// What the window works with; everything but the transport may be null.
    struct Services
    {
        HttpTransport *transport = nullptr;
        HistoryStore *history = nullptr;
        EnvironmentStore *environments = nullptr;
        Settings *settings = nullptr;
        OAuth2TokenProvider *oauth2 = nullptr; ///< OAuth2 profiles and tokens; null: the OAuth2 window is unavailable
        QString storageNotice; ///< shown in the message bar when not empty
        QString dataDir;       ///< where per-user files (policies.json) live; empty: the platform default
        /// The secret store in use (asked at each use: the app swaps in memory when no keychain runs); null:
        /// the Webhooks window keeps its signing secrets in memory.
        std::function<SecretStore *()> secrets;
    };

    explicit MainWindow(const Services &services, QWidget *parent = nullptr);

    RequestTab *newTab();
    RequestTab *currentTab() const;
    void closeTab(int index);
    /// Reopens history exchange @p id (request and its recorded response) in a new tab.
    bool openHistoryEntry(qint64 id);

    QTabWidget *tabs() const { return m_tabs; }
    /// Opens (or raises) the GraphQL window with a new request tab (Ctrl+Shift+G); the first time, with the tabs
    /// saved in graphql-tabs.json instead when there are any.
    GraphQlWindow *newGraphQlTab();
    HistorySidebar *historySidebar() const { return m_history; }
    EnvironmentSelector *environmentSelector() const { return m_environment; }
    MessageBar *messageBar() const { return m_messageBar; }
    ResiliencePanel *resiliencePanel() const { return m_resilience; }
    /// Opens (or raises) the dead-letter inspector window.
    QWidget *showDeadLetters();
    /// Opens (or raises) the webhook catcher's window (Ctrl+Alt+W); null without a database.
    WebhooksWindow *showWebhooks();
    /// Opens (or raises) the OAuth2 profiles window (Ctrl+Alt+O); null without an OAuth2TokenProvider.
    OAuth2ProfilesWindow *showOAuth2Profiles();
    /// Every action with a shortcut, in menu order (for the shortcuts dialog and tests).
    QList<QAction *> shortcutActions() const { return m_shortcutActions; }

private:
    void createActions();
    QAction *addAction(QMenu *menu, const QString &text, const QList<QKeySequence> &keys);
    void updateActions();
    void renameTab(int index);
    void switchTab(int delta);
    void showShortcuts();
    void showAbout();

    Services m_services;
    MessageBar *m_messageBar;
    QSplitter *m_splitter;
    HistorySidebar *m_history;
    QTabWidget *m_tabs;
    EnvironmentSelector *m_environment;
    QList<QAction *> m_shortcutActions;
    QAction *m_sendAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QPointer<GraphQlWindow> m_graphql;
    ResiliencePanel *m_resilience = nullptr;
    QPointer<QWidget> m_deadLetters;
    QPointer<WebhooksWindow> m_webhooks;
    QPointer<OAuth2ProfilesWindow> m_oauth2;
};

} // namespace tanager
