// SPDX-License-Identifier: GPL-3.0-or-later
#include "JwtVerifier.h"

#include "OpenSslKey.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace tanager {

Result<DecodedJwt> JwtVerifier::verify(QByteArrayView token, const QByteArray &jwks)
{
    Result<DecodedJwt> decoded = JwtDecoder::decode(token);
    if (!decoded)
        return decoded;
    const DecodedJwt &jwt = decoded.value();
    static const QStringList supported = {u"RS256"_s, u"PS256"_s, u"ES256"_s};
    if (!supported.contains(jwt.algorithm))
        return Error{Error::Code::InvalidInput,
                     tr("The JWT is signed with \"%1\", which cannot be checked against a JWKS here: Tanager "
                        "verifies RS256, PS256 and ES256.")
                         .arg(jwt.algorithm)};
    const QJsonDocument document = QJsonDocument::fromJson(jwks);
    const QJsonArray keys = document.object().value("keys"_L1).toArray();
    if (!document.isObject() || keys.isEmpty())
        return Error{Error::Code::InvalidInput,
                     tr("The JWKS is not a JSON object with a \"keys\" array: check the jwks_uri document.")};
    const QString wantedType = jwt.algorithm.startsWith("ES"_L1) ? u"EC"_s : u"RSA"_s;
    int candidates = 0;
    for (const QJsonValue &value : keys) {
        const QJsonObject jwk = value.toObject();
        if (!jwt.keyId.isEmpty() && jwk.value("kid"_L1).toString() != jwt.keyId)
            continue;
        if (jwk.value("kty"_L1).toString() != wantedType)
            continue;
        if (jwk.contains("use"_L1) && jwk.value("use"_L1).toString() != "sig"_L1)
            continue;
        ++candidates;
        const Result<OpenSslKey> key = OpenSslKey::fromJwk(jwk);
        if (!key)
            return key.error();
        if (key.value().verify(jwt.algorithm, jwt.signingInput, jwt.signature))
            return decoded;
    }
    if (candidates == 0)
        return Error{Error::Code::InvalidInput,
                     jwt.keyId.isEmpty()
                         ? tr("The JWKS has no %1 key for this %2 token: check that it is the issuer's JWKS.")
                               .arg(wantedType, jwt.algorithm)
                         : tr("The JWKS has no %1 key with kid \"%2\": the issuer may have rotated its keys; fetch "
                              "the JWKS again.")
                               .arg(wantedType, jwt.keyId)};
    return Error{Error::Code::InvalidInput,
                 tr("The JWT signature does not match the JWKS key: the token was altered or signed with another "
                    "key.")};
}

} // namespace tanager
