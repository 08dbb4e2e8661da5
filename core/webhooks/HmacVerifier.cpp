// SPDX-License-Identifier: GPL-3.0-or-later
#include "HmacVerifier.h"

using namespace Qt::StringLiterals;

namespace tanager {

QByteArray HmacVerifier::mac(const QByteArray &secret, const Options &options, const QByteArray &body,
                             const QByteArray &timestamp, const QByteArray &id)
{
    // Substituted in one pass over the template so a body containing "{id}" is not rewritten.
    QByteArray payload;
    const QByteArray &t = options.signedTemplate;
    for (qsizetype i = 0; i < t.size();) {
        if (t.sliced(i).startsWith("{body}")) {
            payload += body;
            i += 6;
        } else if (t.sliced(i).startsWith("{timestamp}")) {
            payload += timestamp;
            i += 11;
        } else if (t.sliced(i).startsWith("{id}")) {
            payload += id;
            i += 4;
        } else {
            payload += t.at(i++);
        }
    }
    return WebhookHmac::mac(options.algorithm, secret, payload);
}

SignatureVerdict HmacVerifier::verify(const CapturedRequest &request, qint64 nowSeconds) const
{
    if (m_secret.isEmpty())
        return noSecret();
    const QByteArray header = request.header(m_options.header);
    if (header.isNull())
        return missingHeader(QString::fromLatin1(m_options.header));
    QByteArray timestamp;
    if (!m_options.timestampHeader.isEmpty()) {
        timestamp = request.header(m_options.timestampHeader);
        if (timestamp.isNull())
            return missingHeader(QString::fromLatin1(m_options.timestampHeader));
    }
    const QByteArray id = m_options.idHeader.isEmpty() ? QByteArray() : request.header(m_options.idHeader);
    if (!header.startsWith(m_options.prefix))
        return badSignature(tr("%1 does not start with %2.").arg(QString::fromLatin1(m_options.header),
                                                                QString::fromLatin1(m_options.prefix)));
    const QByteArray given = header.mid(m_options.prefix.size()).trimmed();
    const QByteArray decoded = m_options.base64 ? QByteArray::fromBase64(given) : QByteArray::fromHex(given);
    if (!WebhookHmac::equal(mac(m_secret, m_options, request.body, timestamp, id), decoded))
        return badSignature(tr("%1 does not match the signed content and the secret.").arg(QString::fromLatin1(m_options.header)));
    const QString key = QString::fromLatin1(id);
    if (!timestamp.isNull()) {
        bool numeric = false;
        const qint64 ts = timestamp.toLongLong(&numeric);
        if (!numeric || outsideTolerance(ts, nowSeconds, m_options.toleranceSeconds))
            return expired(ts, nowSeconds, m_options.toleranceSeconds, key);
    }
    return valid(key);
}

QJsonObject HmacVerifier::Options::toJson() const
{
    return {{u"algorithm"_s, WebhookHmac::algorithmName(algorithm)},
            {u"encoding"_s, base64 ? u"base64"_s : u"hex"_s},
            {u"header"_s, QString::fromLatin1(header)},
            {u"prefix"_s, QString::fromUtf8(prefix)},
            {u"signed"_s, QString::fromUtf8(signedTemplate)},
            {u"timestampHeader"_s, QString::fromLatin1(timestampHeader)},
            {u"idHeader"_s, QString::fromLatin1(idHeader)}};
}

HmacVerifier::Options HmacVerifier::Options::fromJson(const QJsonObject &object)
{
    Options options;
    WebhookHmac::parseAlgorithm(object.value("algorithm"_L1).toString(), &options.algorithm);
    options.base64 = object.value("encoding"_L1).toString() == "base64"_L1;
    const QString headerName = object.value("header"_L1).toString().trimmed();
    if (!headerName.isEmpty())
        options.header = headerName.toLatin1();
    options.prefix = object.value("prefix"_L1).toString().toUtf8();
    const QString signedText = object.value("signed"_L1).toString();
    if (!signedText.isEmpty())
        options.signedTemplate = signedText.toUtf8();
    options.timestampHeader = object.value("timestampHeader"_L1).toString().trimmed().toLatin1();
    options.idHeader = object.value("idHeader"_L1).toString().trimmed().toLatin1();
    return options;
}

} // namespace tanager
