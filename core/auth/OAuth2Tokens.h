// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace tanager {

/// What a token endpoint granted (RFC 6749 5.1). The token strings are secrets: they are kept in
/// the keychain, and only the rest (type, scopes, times) may be written to SQLite.
struct OAuth2Tokens
{
    QString accessToken;
    QString tokenType; ///< usually "Bearer"
    QString refreshToken;
    QString idToken;      ///< OpenID Connect only
    QStringList scopes;   ///< as granted; the requested ones when the response omits scope
    QDateTime obtainedAt; ///< UTC
    QDateTime expiresAt;  ///< UTC; invalid when the server sent no expires_in

    bool isValid() const { return !accessToken.isEmpty(); }
    bool hasExpiry() const { return expiresAt.isValid(); }
    /// True when the access token expires within @p marginSeconds of @p now (refresh "shortly before").
    bool expiresWithin(const QDateTime &now, int marginSeconds) const
    {
        return hasExpiry() && now.secsTo(expiresAt) <= marginSeconds;
    }

    friend bool operator==(const OAuth2Tokens &, const OAuth2Tokens &) = default;
};

} // namespace tanager
