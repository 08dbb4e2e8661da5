// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "LoopbackListener.h"
#include "OAuth2Flow.h"
#include "Pkce.h"

#include <functional>

namespace tanager {

/// The authorization code grant as a native app runs it (RFC 8252): PKCE S256 (RFC 7636), a random
/// state, a nonce for OpenID Connect checked against the ID token, and the browser's redirect
/// received on a loopback listener (http://127.0.0.1:PORT/callback) that is open only while the
/// flow runs. The browser is opened through the caller's function: the window passes
/// QDesktopServices::openUrl, the command line prints the URL.
class AuthorizationCodeFlow : public OAuth2Flow
{
    Q_OBJECT
public:
    using BrowserOpener = std::function<void(const QUrl &)>;

    AuthorizationCodeFlow(OAuth2Config config, HttpTransport *transport, QObject *parent = nullptr);
    QString displayName() const override { return tr("Authorization code"); }

    void setBrowserOpener(BrowserOpener opener) { m_openBrowser = std::move(opener); }

    /// The URL the browser was sent to; empty before the flow got that far.
    QUrl authorizationUrl() const { return m_authorizationUrl; }
    /// http://127.0.0.1:PORT/callback while listening.
    QUrl redirectUri() const { return m_redirectUri; }
    bool isListening() const { return m_listener.isListening(); }


protected:
    void begin() override;
    void end() override;

private:
    LoopbackListener::Page onRedirect(const QUrl &url);
    void exchangeCode(const QString &code);

    LoopbackListener m_listener;
    BrowserOpener m_openBrowser;
    Pkce m_pkce;
    QString m_state;
    QString m_nonce;
    QUrl m_authorizationUrl;
    QUrl m_redirectUri;
    bool m_redirectSeen = false;
};

} // namespace tanager
