// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace tanager {

/// HMAC and constant-time comparison over OpenSSL, shared by the signature verifiers.
class WebhookHmac
{
public:
    enum class Algorithm { Sha1, Sha256, Sha512 };
    /// The raw MAC of @p data under @p key.
    static QByteArray mac(Algorithm algorithm, QByteArrayView key, QByteArrayView data);
    /// Equal length and equal bytes, in time that does not depend on where they differ (CRYPTO_memcmp).
    static bool equal(QByteArrayView a, QByteArrayView b);
    /// "sha1", "sha256", "sha512" (case-insensitive); false for anything else.
    static bool parseAlgorithm(const QString &name, Algorithm *algorithm);
    /// "sha1", "sha256" or "sha512": what parseAlgorithm() reads back.
    static QString algorithmName(Algorithm algorithm);
};

} // namespace tanager
