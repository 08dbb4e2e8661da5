// SPDX-License-Identifier: GPL-3.0-or-later
#include "StripeVerifier.h"

#include "WebhookHmac.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace tanager {

QByteArray StripeVerifier::mac(const QByteArray &secret, const QByteArray &timestamp, const QByteArray &body)
{
    return WebhookHmac::mac(WebhookHmac::Algorithm::Sha256, secret, QByteArray(timestamp + '.' + body));
}

SignatureVerdict StripeVerifier::verify(const CapturedRequest &request, qint64 nowSeconds) const
{
    if (m_secret.isEmpty())
        return noSecret();
    const QByteArray header = request.header("Stripe-Signature");
    if (header.isNull())
        return missingHeader(u"Stripe-Signature"_s);
    QByteArray timestamp;
    QList<QByteArray> signatures;
    for (const QByteArray &part : header.split(',')) {
        const qsizetype eq = part.indexOf('=');
        if (eq < 0)
            continue;
        const QByteArray key = part.left(eq).trimmed();
        if (key == "t")
            timestamp = part.mid(eq + 1).trimmed();
        else if (key == "v1")
            signatures.append(QByteArray::fromHex(part.mid(eq + 1).trimmed()));
    }
    bool numeric = false;
    const qint64 t = timestamp.toLongLong(&numeric);
    if (!numeric || signatures.isEmpty())
        return badSignature(tr("Stripe-Signature has no t= timestamp or no v1= signature."));
    const QByteArray expected = mac(m_secret, timestamp, request.body);
    bool match = false;
    for (const QByteArray &signature : std::as_const(signatures))
        match = WebhookHmac::equal(expected, signature) || match; // every candidate compared, no early exit
    if (!match)
        return badSignature(tr("No v1 signature in Stripe-Signature matches the body and the endpoint secret."));
    const QString eventId = QJsonDocument::fromJson(request.body).object().value(u"id"_s).toString();
    if (outsideTolerance(t, nowSeconds, m_tolerance))
        return expired(t, nowSeconds, m_tolerance, eventId);
    return valid(eventId);
}

} // namespace tanager
