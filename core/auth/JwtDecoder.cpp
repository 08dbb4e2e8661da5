// SPDX-License-Identifier: GPL-3.0-or-later
#include "JwtDecoder.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

std::optional<QByteArray> fromBase64Url(QByteArrayView text)
{
    const QByteArray::FromBase64Result result = QByteArray::fromBase64Encoding(
        text.toByteArray(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return result.decoded;
}

std::optional<QDateTime> timeClaim(const QJsonObject &claims, QLatin1StringView name)
{
    const QJsonValue value = claims.value(name);
    if (!value.isDouble())
        return std::nullopt;
    return QDateTime::fromSecsSinceEpoch(qint64(value.toDouble())).toUTC();
}

} // namespace

Result<DecodedJwt> JwtDecoder::decode(QByteArrayView token)
{
    const QByteArray text = token.toByteArray().trimmed();
    const QByteArrayList parts = text.split('.');
    if (parts.size() != 3)
        return Error{Error::Code::InvalidInput,
                     tr("This is not a JWT: it has %1 dot-separated parts instead of 3 (header.claims.signature).")
                         .arg(parts.size())};
    DecodedJwt jwt;
    const std::optional<QByteArray> header = fromBase64Url(parts.at(0));
    const std::optional<QByteArray> claims = fromBase64Url(parts.at(1));
    const std::optional<QByteArray> signature = fromBase64Url(parts.at(2));
    if (!header || !claims || !signature)
        return Error{Error::Code::InvalidInput,
                     tr("The JWT is not base64url-encoded: copy the whole token without spaces or quotes.")};
    const QJsonDocument headerDoc = QJsonDocument::fromJson(*header);
    const QJsonDocument claimsDoc = QJsonDocument::fromJson(*claims);
    if (!headerDoc.isObject())
        return Error{Error::Code::InvalidInput, tr("The JWT header is not a JSON object: the token is damaged.")};
    if (!claimsDoc.isObject())
        return Error{Error::Code::InvalidInput,
                     tr("The JWT claims are not a JSON object: the token is damaged or encrypted (JWE).")};
    jwt.headerJson = *header;
    jwt.claimsJson = *claims;
    jwt.header = headerDoc.object();
    jwt.claims = claimsDoc.object();
    jwt.signingInput = parts.at(0) + '.' + parts.at(1);
    jwt.signature = *signature;
    jwt.algorithm = jwt.header.value("alg"_L1).toString();
    jwt.keyId = jwt.header.value("kid"_L1).toString();
    jwt.issuedAt = timeClaim(jwt.claims, "iat"_L1);
    jwt.expiresAt = timeClaim(jwt.claims, "exp"_L1);
    return jwt;
}

} // namespace tanager
