// SPDX-License-Identifier: GPL-3.0-or-later
#include "StandardWebhooksVerifier.h"

#include "WebhookHmac.h"

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

// The spec's webhook-* headers, or Svix's older svix-* names for the same thing.
QByteArray either(const CapturedRequest &request, QByteArrayView standard, QByteArrayView svix)
{
    const QByteArray value = request.header(standard);
    return value.isNull() ? request.header(svix) : value;
}

} // namespace

QByteArray StandardWebhooksVerifier::mac(const QByteArray &secret, const QByteArray &id, const QByteArray &timestamp,
                                         const QByteArray &body)
{
    const QByteArray key = secret.startsWith("whsec_") ? QByteArray::fromBase64(secret.mid(6)) : secret;
    return WebhookHmac::mac(WebhookHmac::Algorithm::Sha256, key, QByteArray(id + '.' + timestamp + '.' + body));
}

SignatureVerdict StandardWebhooksVerifier::verify(const CapturedRequest &request, qint64 nowSeconds) const
{
    if (m_secret.isEmpty())
        return noSecret();
    const QByteArray id = either(request, "webhook-id", "svix-id");
    const QByteArray timestamp = either(request, "webhook-timestamp", "svix-timestamp");
    const QByteArray header = either(request, "webhook-signature", "svix-signature");
    if (id.isNull())
        return missingHeader(u"webhook-id"_s);
    if (timestamp.isNull())
        return missingHeader(u"webhook-timestamp"_s);
    if (header.isNull())
        return missingHeader(u"webhook-signature"_s);
    const QByteArray expected = mac(m_secret, id, timestamp, request.body);
    bool match = false;
    for (const QByteArray &entry : header.split(' ')) {
        if (!entry.startsWith("v1,"))
            continue; // other versions (v1a: asymmetric) are not ours to check
        match = WebhookHmac::equal(expected, QByteArray::fromBase64(entry.mid(3))) || match;
    }
    if (!match)
        return badSignature(tr("No v1 signature in webhook-signature matches the body and the secret."));
    bool numeric = false;
    const qint64 t = timestamp.toLongLong(&numeric);
    const QString key16 = QString::fromLatin1(id);
    if (!numeric || outsideTolerance(t, nowSeconds, m_tolerance))
        return expired(t, nowSeconds, m_tolerance, key16);
    return valid(key16);
}

} // namespace tanager
