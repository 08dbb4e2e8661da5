// SPDX-License-Identifier: GPL-3.0-or-later
#include "ShopifyVerifier.h"

#include "WebhookHmac.h"

using namespace Qt::StringLiterals;

namespace tanager {

QByteArray ShopifyVerifier::mac(const QByteArray &secret, const QByteArray &body)
{
    return WebhookHmac::mac(WebhookHmac::Algorithm::Sha256, secret, body);
}

SignatureVerdict ShopifyVerifier::verify(const CapturedRequest &request, qint64) const
{
    if (m_secret.isEmpty())
        return noSecret();
    const QByteArray header = request.header("X-Shopify-Hmac-Sha256");
    if (header.isNull())
        return missingHeader(u"X-Shopify-Hmac-Sha256"_s);
    const QByteArray expected = mac(m_secret, request.body);
    if (!WebhookHmac::equal(expected, QByteArray::fromBase64(header.trimmed())))
        return badSignature(tr("X-Shopify-Hmac-Sha256 does not match the body and the app's client secret."));
    QByteArray id = request.header("X-Shopify-Webhook-Id");
    if (id.isNull())
        id = request.header("X-Shopify-Event-Id");
    return valid(QString::fromLatin1(id));
}

} // namespace tanager
