// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Result.h>

#include <QCoreApplication>
#include <QJsonObject>

#include <memory>

typedef struct evp_pkey_st EVP_PKEY;

namespace tanager {

/// An OpenSSL 3 key (EVP_PKEY) for JWT signatures: a private key from PEM, or a public key from a
/// JWK (RSA n/e, EC P-256 x/y). Signs and verifies RS256, PS256 and ES256 (JOSE r||s form).
/// Private to core/auth.
class OpenSslKey
{
    Q_DECLARE_TR_FUNCTIONS(tanager::OpenSslKey)

public:
    /// \a what names the key in errors ("The JWT key file x.pem").
    static Result<OpenSslKey> fromPrivatePem(const QByteArray &pem, const QString &what);
    static Result<OpenSslKey> fromJwk(const QJsonObject &jwk);

    bool isRsa() const;
    bool isP256() const;

    /// \a algorithm is RS256, PS256 or ES256.
    Result<QByteArray> sign(const QString &algorithm, const QByteArray &data) const;
    bool verify(const QString &algorithm, const QByteArray &data, const QByteArray &signature) const;

private:
    std::shared_ptr<EVP_PKEY> m_key;
};

} // namespace tanager
