// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AuthorizationCodeFlow.h"
#include "OAuth2Config.h"
#include "OAuth2ProfileStore.h"
#include "OAuth2TokenSource.h"
#include "OAuth2Tokens.h"

#include <Result.h>

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

namespace tanager {

class HttpTransport;
class OAuth2Flow;
class OAuth2TokenStore;
class SecretStore;

/// The one place that knows a profile's tokens: signs in by running the profile's grant, keeps the
/// tokens (OAuth2TokenStore: keychain + metadata), and hands requests a valid access token,
/// refreshing it shortly before it expires and once more when a server refuses it (401). A refresh
/// that several requests need at once runs once. Client-credentials profiles need no user, so they
/// get a token on first use. Lives on the GUI thread, like the transport.
class OAuth2TokenProvider : public QObject, public OAuth2TokenSource
{
    Q_OBJECT
public:
    /// A token that expires within this many seconds is refreshed before it is used.
    static constexpr int kRefreshMarginSeconds = 60;

    /// @p tokens, @p secrets and @p transport must outlive the provider.
    OAuth2TokenProvider(const OAuth2ProfileStore &profiles, OAuth2TokenStore *tokens, SecretStore *secrets,
                        HttpTransport *transport, QObject *parent = nullptr);
    ~OAuth2TokenProvider() override;

    const OAuth2ProfileStore &profiles() const { return m_profiles; }
    /// Replaces the secret store (the in-memory one when there is no keychain); before any use.
    void setSecretStore(SecretStore *secrets) { m_secrets = secrets; }
    OAuth2TokenStore *tokenStore() const { return m_tokens; }

    void accessToken(const QString &profile, bool forceRefresh, QObject *context,
                     std::function<void(Result<QString>)> done) override;

    /// Saves @p config: its secrets (client secret, password) to the keychain, the rest to the
    /// profiles file. An empty secret removes the stored one only when @p replaceSecrets is true.
    void saveProfile(const OAuth2Config &config, bool replaceSecrets, QObject *context,
                     std::function<void(const Result<bool> &)> done);
    /// @p profile's configuration with its secrets read from the keychain.
    void loadProfile(const QString &profile, QObject *context, std::function<void(const Result<OAuth2Config> &)> done);
    /// Deletes the profile, its secrets and its tokens.
    void removeProfile(const QString &profile, QObject *context, std::function<void(const Result<bool> &)> done);

    /// Runs @p profile's grant. @p ready gets the flow before it starts (to show its progress, device
    /// code and log) or the error that kept it from starting; signInFinished() follows once the tokens
    /// are saved or the flow failed. @p openBrowser is used by the authorization code grant.
    void signIn(const QString &profile, AuthorizationCodeFlow::BrowserOpener openBrowser, QObject *context,
                std::function<void(const Result<OAuth2Flow *> &)> ready);
    /// Deletes @p profile's tokens (keychain and metadata).
    void signOut(const QString &profile, QObject *context, std::function<void(const Result<bool> &)> done);

Q_SIGNALS:
    /// A sign-in ended: the saved tokens, or why there are none.
    void signInFinished(const QString &profile, const tanager::Result<tanager::OAuth2Tokens> &result);
    /// @p profile's tokens changed (signed in, refreshed, signed out).
    void tokensChanged(const QString &profile);

private:
    struct Waiter
    {
        QPointer<QObject> context;
        std::function<void(Result<QString>)> done;
    };

    OAuth2Flow *createFlow(const OAuth2Config &config, const OAuth2Tokens *current,
                           const AuthorizationCodeFlow::BrowserOpener &openBrowser);
    void renew(const QString &profile, const OAuth2Config &config, const OAuth2Tokens &current);
    void answerWaiters(const QString &profile, const Result<QString> &result);
    void readSecrets(OAuth2Config config, QObject *context, std::function<void(const Result<OAuth2Config> &)> done);

    OAuth2ProfileStore m_profiles;
    OAuth2TokenStore *m_tokens;
    SecretStore *m_secrets;
    HttpTransport *m_transport;
    QHash<QString, QList<Waiter>> m_waiting; ///< profiles being renewed, and who waits for them
};

} // namespace tanager
