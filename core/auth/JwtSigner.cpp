// SPDX-License-Identifier: GPL-3.0-or-later
#include "JwtSigner.h"

#include "OpenSslKey.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

Result<QJsonObject> parseObject(const QString &json, const QString &what)
{
    if (json.trimmed().isEmpty())
        return QJsonObject();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        return Error{Error::Code::InvalidInput, JwtSigner::tr("The JWT %1 JSON is not valid at offset %2 (%3): fix it.")
                                                    .arg(what)
                                                    .arg(error.offset)
                                                    .arg(error.errorString())};
    if (!document.isObject())
        return Error{Error::Code::InvalidInput,
                     JwtSigner::tr("The JWT %1 must be a JSON object ({...}): wrap the fields in braces.").arg(what)};
    return document.object();
}

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

QStringList JwtSigner::algorithms()
{
    return {u"HS256"_s, u"HS384"_s, u"HS512"_s, u"RS256"_s, u"PS256"_s, u"ES256"_s};
}

bool JwtSigner::isHmac(const QString &algorithm)
{
    return algorithm.startsWith("HS"_L1);
}

Result<QByteArray> JwtSigner::sign(const Input &input)
{
    const QString &algorithm = input.algorithm;
    if (!algorithms().contains(algorithm))
        return Error{
            Error::Code::InvalidInput,
            tr("JWT algorithm \"%1\" is not supported: choose one of %2.").arg(algorithm, algorithms().join(u", "_s))};
    Result<QJsonObject> header = parseObject(input.headerJson, tr("header"));
    if (!header)
        return header.error();
    Result<QJsonObject> claims = parseObject(input.claimsJson, tr("claims"));
    if (!claims)
        return claims.error();
    QJsonObject &headerObject = header.value();
    headerObject.insert(u"alg"_s, algorithm);
    if (!headerObject.contains("typ"_L1))
        headerObject.insert(u"typ"_s, u"JWT"_s);
    QJsonObject &claimsObject = claims.value();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (input.addIssuedAt && !claimsObject.contains("iat"_L1))
        claimsObject.insert(u"iat"_s, now);
    if (input.expiresInSeconds > 0 && !claimsObject.contains("exp"_L1))
        claimsObject.insert(u"exp"_s, now + input.expiresInSeconds);

    const QByteArray signingInput = base64Url(QJsonDocument(headerObject).toJson(QJsonDocument::Compact)) + '.' +
                                    base64Url(QJsonDocument(claimsObject).toJson(QJsonDocument::Compact));
    QByteArray signature;
    if (isHmac(algorithm)) {
        if (input.secret.isEmpty())
            return Error{Error::Code::InvalidInput, tr("The JWT secret is empty: enter the secret shared with the "
                                                       "server.")};
        const QCryptographicHash::Algorithm hash = algorithm == "HS384"_L1   ? QCryptographicHash::Sha384
                                                   : algorithm == "HS512"_L1 ? QCryptographicHash::Sha512
                                                                             : QCryptographicHash::Sha256;
        signature = QMessageAuthenticationCode::hash(signingInput, input.secret, hash);
    } else {
        QByteArray pem = input.secret;
        QString what = tr("The pasted JWT key");
        if (pem.trimmed().isEmpty()) {
            if (input.keyPath.isEmpty())
                return Error{Error::Code::InvalidInput,
                             tr("%1 needs a private key: choose a PEM key file or paste the key.").arg(algorithm)};
            QFile file(input.keyPath);
            if (!file.open(QIODevice::ReadOnly))
                return Error{Error::Code::FileError,
                             tr("Cannot read the JWT key file %1: %2. Choose a readable PEM file.")
                                 .arg(input.keyPath, file.errorString())};
            pem = file.readAll();
            what = tr("The JWT key file %1").arg(input.keyPath);
        }
        const Result<OpenSslKey> key = OpenSslKey::fromPrivatePem(pem, what);
        if (!key)
            return key.error();
        Result<QByteArray> signed_ = key.value().sign(algorithm, signingInput);
        if (!signed_)
            return signed_.error();
        signature = std::move(signed_).value();
    }
    return QByteArray(signingInput + '.' + base64Url(signature));
}

} // namespace tanager
