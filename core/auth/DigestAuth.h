// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Result.h>

#include <QByteArrayList>
#include <QCoreApplication>
#include <QList>
#include <QPair>

namespace tanager {

/// HTTP Digest access authentication (RFC 7616) for one origin and user: keeps the server's
/// current challenge and counts nonce uses, so a request can be answered again without another 401.
/// Supports MD5, MD5-sess, SHA-256 and SHA-256-sess with qop=auth (or no qop, RFC 2069), opaque,
/// and stale nonces; userhash is not used (userhash=false).
class DigestAuth
{
    Q_DECLARE_TR_FUNCTIONS(tanager::DigestAuth)

public:
    /// One challenge of a WWW-Authenticate header (RFC 9110 11.6.1): a scheme and its parameters,
    /// quoted strings unescaped; token68 is set for schemes that carry one instead.
    struct Challenge
    {
        QByteArray scheme;
        QList<QPair<QByteArray, QByteArray>> params;
        QByteArray token68;

        /// The value of \a name (case-insensitive), or a null array.
        QByteArray param(QByteArrayView name) const;
    };

    /// Every challenge in \a headerValues (each WWW-Authenticate line may hold several).
    static QList<Challenge> parseChallenges(const QByteArrayList &headerValues);

    /// The hex response of RFC 7616 3.4.1 for \a algorithm ("MD5", "SHA-256", with or without
    /// "-sess"); \a qop empty means the RFC 2069 form without nc and cnonce.
    static QByteArray response(QByteArrayView algorithm, const QString &username, const QString &password,
                               QByteArrayView realm, QByteArrayView method, QByteArrayView uri, QByteArrayView nonce,
                               QByteArrayView nc, QByteArrayView cnonce, QByteArrayView qop);

    /// Takes the first Digest challenge it supports from a 401's WWW-Authenticate values. A new
    /// nonce (also one sent with stale=true) restarts the nonce count. An error says why none fits.
    Result<bool> setChallenge(const QByteArrayList &wwwAuthenticate);
    bool hasChallenge() const { return !m_nonce.isEmpty(); }
    /// Whether the last challenge said stale=true: the credentials were right, only the nonce expired.
    bool wasStale() const { return m_stale; }
    QByteArray algorithm() const { return m_algorithm; }

    /// The Authorization header value for one request, counting the nonce's use; \a cnonce empty:
    /// a random one.
    QByteArray authorization(const QString &username, const QString &password, QByteArrayView method,
                             QByteArrayView uri, QByteArray cnonce = {});

private:
    QByteArray m_realm;
    QByteArray m_nonce;
    QByteArray m_opaque;
    QByteArray m_algorithm;
    QByteArray m_algorithmParam; ///< as the server wrote it (empty when absent: MD5)
    QByteArray m_qop;            ///< "auth" or empty
    bool m_stale = false;
    bool m_userhashOffered = false; ///< then the answer says userhash=false: the name is sent as is
    quint32 m_nonceCount = 0;
};

} // namespace tanager
