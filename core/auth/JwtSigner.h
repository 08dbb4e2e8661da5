// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Result.h>

#include <QCoreApplication>
#include <QStringList>

namespace tanager {

/// Builds and signs a JWT (RFC 7519, compact JWS) with HS256/384/512, RS256, PS256 or ES256
/// through OpenSSL 3.
class JwtSigner
{
    Q_DECLARE_TR_FUNCTIONS(tanager::JwtSigner)

public:
    struct Input
    {
        QString algorithm = QStringLiteral("HS256");
        QString
            headerJson; ///< extra header fields as a JSON object (may be empty); alg is always set, typ defaults to JWT
        QString claimsJson;       ///< the claims as a JSON object (may be empty)
        QByteArray secret;        ///< HS*: the secret; RS/PS/ES: a pasted PEM private key (wins over keyPath)
        QString keyPath;          ///< RS/PS/ES: a PEM private key file
        bool addIssuedAt = false; ///< set iat to now unless the claims have it
        int expiresInSeconds = 0; ///< > 0: set exp to now + this unless the claims have it
    };

    static QStringList algorithms();
    static bool isHmac(const QString &algorithm);
    /// The compact token, or a one-line error naming the field that is wrong.
    static Result<QByteArray> sign(const Input &input);
};

} // namespace tanager
