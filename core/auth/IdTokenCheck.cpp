// SPDX-License-Identifier: GPL-3.0-or-later
#include "IdTokenCheck.h"

#include "JwtDecoder.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

QString withoutTrailingSlash(QString text)
{
    while (text.endsWith(u'/'))
        text.chop(1);
    return text;
}

} // namespace

std::optional<Error> IdTokenCheck::check(const QString &idToken, const QString &nonce, const QUrl &issuer,
                                         const QString &clientId, const QDateTime &now)
{
    const auto problem = [](const QString &message) { return Error{Error::Code::Protocol, message}; };
    const Result<DecodedJwt> decoded = JwtDecoder::decode(idToken.toUtf8());
    if (!decoded)
        return problem(tr("The ID token cannot be read: %1").arg(decoded.error().message));
    const QJsonObject &claims = decoded.value().claims;

    const QJsonValue sentNonce = claims.value("nonce"_L1);
    if (!sentNonce.isString())
        return problem(tr("The ID token has no nonce claim although Tanager sent one: the provider ignored it."));
    if (sentNonce.toString() != nonce)
        return problem(tr("The ID token's nonce does not match the one Tanager sent, so the token may be replayed: "
                          "sign in again."));

    const QString iss = claims.value("iss"_L1).toString();
    if (!issuer.isEmpty() && withoutTrailingSlash(iss) != withoutTrailingSlash(issuer.toString()))
        return problem(tr("The ID token was issued by \"%1\", not by the profile's issuer %2: check the issuer URL.")
                           .arg(iss, issuer.toString()));

    const QJsonValue aud = claims.value("aud"_L1);
    const bool forThisClient =
        aud.isString() ? aud.toString() == clientId : aud.toArray().contains(QJsonValue(clientId));
    if (!forThisClient)
        return problem(
            tr("The ID token is not meant for client \"%1\" (its audience is %2): check the client id.")
                .arg(clientId, aud.isString()
                                   ? aud.toString()
                                   : QString::fromUtf8(QJsonDocument(aud.toArray()).toJson(QJsonDocument::Compact))));

    const auto &expiresAt = decoded.value().expiresAt;
    if (!expiresAt)
        return problem(tr("The ID token has no exp claim: the provider must say until when it is valid."));
    if (expiresAt->addSecs(kLeewaySeconds) < now)
        return problem(tr("The ID token expired at %1 (UTC), before it arrived: check this computer's clock, or "
                          "the provider's.")
                           .arg(expiresAt->toString(Qt::ISODate)));
    const auto &issuedAt = decoded.value().issuedAt;
    if (issuedAt && now.addSecs(kLeewaySeconds) < *issuedAt)
        return problem(tr("The ID token was issued at %1 (UTC), in the future by this computer's clock: the clocks "
                          "differ by more than %2 minutes; set this computer's time.")
                           .arg(issuedAt->toString(Qt::ISODate))
                           .arg(kLeewaySeconds / 60));
    return std::nullopt;
}

} // namespace tanager
