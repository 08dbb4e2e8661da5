// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PreparedRequest.h"

#include <QHash>
#include <QObject>

class QNetworkAccessManager;
class QNetworkCookieJar;

namespace tanager {

class HttpCall;
class RequestAuthenticator;

/// Sends prepared requests on an injected QNetworkAccessManager (tests pass their own).
class HttpTransport : public QObject
{
    Q_OBJECT
public:
    explicit HttpTransport(QNetworkAccessManager *manager, QObject *parent = nullptr);

    /// A started call; it deletes itself after emitting finished().
    HttpCall *send(const PreparedRequest &request);

    /// Applies Digest, JWT and OAuth2 auth in every call sent from now on; not owned, may be null.
    void setAuthenticator(RequestAuthenticator *authenticator) { m_authenticator = authenticator; }
    RequestAuthenticator *authenticator() const { return m_authenticator; }

    QNetworkCookieJar *cookieJar() const;
    QNetworkAccessManager *manager() const { return m_manager; }

private:
    QNetworkAccessManager *managerFor(const TransportOptions &options);

    QNetworkAccessManager *m_manager;
    RequestAuthenticator *m_authenticator = nullptr;
    /// One manager per TLS profile (verification, CA bundle, client certificate), sharing the cookie jar.
    QHash<QString, QNetworkAccessManager *> m_tlsManagers;
};

} // namespace tanager
