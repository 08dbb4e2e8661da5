// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SignatureVerifier.h"

namespace tanager {

/// Shopify: X-Shopify-Hmac-Sha256, base64 HMAC-SHA256 of the body; X-Shopify-Webhook-Id is the event key. No timestamp.
class ShopifyVerifier : public SignatureVerifier
{
public:
    explicit ShopifyVerifier(QByteArray secret, qint64 toleranceSeconds = 300)
        : m_secret(std::move(secret))
        , m_tolerance(toleranceSeconds)
    {
    }
    QString scheme() const override { return QStringLiteral("shopify"); }
    SignatureVerdict verify(const CapturedRequest &request, qint64 nowSeconds) const override;
    /// The MAC in X-Shopify-Hmac-Sha256 (before base64): HMAC-SHA256 of the body (shared with WebhookSigner).
    static QByteArray mac(const QByteArray &secret, const QByteArray &body);

private:
    QByteArray m_secret;
    qint64 m_tolerance;
};

} // namespace tanager
