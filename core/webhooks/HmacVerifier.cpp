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

} // namespace tanager
