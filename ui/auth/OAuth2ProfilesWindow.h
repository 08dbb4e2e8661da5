// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <OAuth2FlowLog.h>

#include <Result.h>

#include <QHash>
#include <QPointer>
#include <QUrl>
#include <QWidget>

#include <functional>

class QAction;
class QLabel;
class QListWidget;
class QPushButton;
class QTabWidget;

namespace tanager {

class HttpTransport;
class OAuth2DeviceCodePanel;
class OAuth2Flow;
class OAuth2FlowLogView;
class OAuth2ProfileForm;
class OAuth2TokenProvider;
class OAuth2TokenView;
struct OAuth2Config;
struct OAuth2Tokens;

/// The OAuth2 window: the profiles (add, duplicate, remove, edit, save; secrets go to the keychain
/// through OAuth2TokenProvider), "Get new token" with its progress, device code and Cancel, "Sign
/// out", the token view and the log of the last flow. Errors are one line in the window, never a dialog.
class OAuth2ProfilesWindow : public QWidget
{
    Q_OBJECT
public:
    /// What the window's keys do, in the order the shortcuts dialog lists them.
    enum class Shortcut { NewProfile, Duplicate, Remove, Save, GetToken, Cancel, SignOut, Discover, Verify, Reveal };

    /// @p provider and @p transport must outlive the window.
    OAuth2ProfilesWindow(OAuth2TokenProvider *provider, HttpTransport *transport, QWidget *parent = nullptr);
    ~OAuth2ProfilesWindow() override;

    /// One action per Shortcut with its text and keys, unconnected: the window connects its own, and the
    /// main window's shortcuts dialog lists them without opening this window.
    static QList<QAction *> createShortcutActions(QObject *parent);

    /// Reloads the list of profiles and selects @p select (or keeps the current one).
    void reloadProfiles(const QString &select = {});
    QString currentProfile() const { return m_current; }
    void selectProfile(const QString &name);

    void addProfile();
    void duplicateProfile();
    void removeProfile();
    /// Saves the form; @p then runs once it is saved (not on failure).
    void saveProfile(std::function<void()> then = {});
    void getNewToken();
    void cancelFlow();
    void signOut();
    bool isFlowRunning() const { return !m_flow.isNull(); }
    /// Opens a URL for the authorization code grant; QDesktopServices::openUrl unless a test sets another.
    void setBrowserOpener(std::function<void(const QUrl &)> opener) { m_openBrowser = std::move(opener); }

    /// The one-line error or notice shown at the top (empty when none).
    QString message() const;
    QString progressText() const;

    QListWidget *profileList() const { return m_list; }
    OAuth2ProfileForm *form() const { return m_form; }
    OAuth2TokenView *tokenView() const { return m_tokenView; }
    OAuth2FlowLogView *logView() const { return m_logView; }
    OAuth2DeviceCodePanel *deviceCodePanel() const { return m_deviceCode; }
    QTabWidget *tabs() const { return m_tabs; }
    QAction *action(Shortcut which) const { return m_actions.value(int(which)); }

Q_SIGNALS:
    /// The profile shown was loaded (after selection, save or sign-in), with its tokens.
    void profileLoaded(const QString &name);
    /// A message (error or notice) was shown.
    void messageShown(const QString &text);

private:
    void onSelectionChanged();
    void loadProfile(const QString &name);
    void loadTokens(const QString &name, const OAuth2Config &config);
    void onFlowReady(const QString &profile, const Result<OAuth2Flow *> &flow);
    void onSignInFinished(const QString &profile, const Result<OAuth2Tokens> &result);
    void showError(const QString &text);
    void showNotice(const QString &text);
    void setProgress(const QString &text);
    void updateActions();
    QString uniqueName(const QString &base) const;
    QUrl jwksFor(const QString &profile, const OAuth2Config &config) const;

    OAuth2TokenProvider *m_provider;
    HttpTransport *m_transport;
    std::function<void(const QUrl &)> m_openBrowser;
    QString m_current; ///< the profile in the form, as saved (a rename is saved under the new name)
    bool m_dirty = false;
    bool m_selecting = false;
    QPointer<OAuth2Flow> m_flow;
    QString m_flowProfile;
    QHash<QString, OAuth2FlowLog> m_logs;  ///< the last flow's log per profile, for this session
    QHash<QString, QUrl> m_discoveredJwks; ///< JWKS URLs the flows discovered for profiles that name none

    QLabel *m_message;
    QListWidget *m_list;
    OAuth2ProfileForm *m_form;
    OAuth2TokenView *m_tokenView;
    OAuth2FlowLogView *m_logView;
    QTabWidget *m_tabs;
    QLabel *m_progress;
    OAuth2DeviceCodePanel *m_deviceCode;
    QPushButton *m_save;
    QPushButton *m_getToken;
    QPushButton *m_cancel;
    QPushButton *m_signOut;
    QList<QAction *> m_actions;
};

} // namespace tanager
