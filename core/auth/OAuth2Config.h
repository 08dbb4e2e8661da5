// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <utility>

namespace tanager {

/// The grants a native app may run. The implicit grant is deliberately absent (RFC 9700 2.1.2);
/// Password is offered but labelled deprecated (RFC 9700 2.4).
enum class OAuth2Grant { AuthorizationCode, ClientCredentials, DeviceCode, Password };

/// How the client proves itself at the token endpoint (RFC 6749 2.3.1).
enum class OAuth2ClientAuth { Basic, Post, None };

/// Everything one OAuth2 profile needs to run its flow. Secrets (clientSecret, password) are
/// held here only in memory; on disk a profile keeps references to the keychain instead.
struct OAuth2Config
{
    QString name; ///< the profile's name, e.g. "github-dev"
    OAuth2Grant grant = OAuth2Grant::AuthorizationCode;
    QUrl issuer; ///< when set, /.well-known/openid-configuration fills the empty endpoints
    QUrl authorizationEndpoint;
    QUrl tokenEndpoint;
    QUrl deviceAuthorizationEndpoint;
    QUrl jwksUri;
    QString clientId;
    QString clientSecret;
    OAuth2ClientAuth clientAuth = OAuth2ClientAuth::Basic;
    QStringList scopes;
    bool usePkce = true;   ///< S256; always on for public clients
    int redirectPort = 0;  ///< loopback port for the authorization code redirect; 0 picks a free one
    QString username;      ///< Password grant only
    QString password;      ///< Password grant only
    /// Extra parameters sent with the authorization and token requests (audience, resource, prompt).
    QList<std::pair<QString, QString>> extraParameters;

    bool isOpenIdConnect() const { return scopes.contains(QStringLiteral("openid")); }

    friend bool operator==(const OAuth2Config &, const OAuth2Config &) = default;
};

} // namespace tanager
