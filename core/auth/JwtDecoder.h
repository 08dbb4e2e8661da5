// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Result.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>

#include <optional>

namespace tanager {

/// A compact JWT taken apart; nothing here says the signature is valid (JwtVerifier does that).
struct DecodedJwt
{
    QByteArray headerJson; ///< as encoded, so key order is kept for display
    QByteArray claimsJson;
    QJsonObject header;
    QJsonObject claims;
    QByteArray signingInput; ///< header.payload, what the signature covers
    QByteArray signature;
    QString algorithm;
    QString keyId;
    std::optional<QDateTime> issuedAt;
    std::optional<QDateTime> expiresAt;

    bool isExpired(const QDateTime &now = QDateTime::currentDateTimeUtc()) const
    {
        return expiresAt && *expiresAt <= now;
    }
};

/// Splits a compact JWS into header, claims and signature.
class JwtDecoder
{
    Q_DECLARE_TR_FUNCTIONS(tanager::JwtDecoder)

public:
    static Result<DecodedJwt> decode(QByteArrayView token);
};

} // namespace tanager
