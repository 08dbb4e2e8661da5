// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SignatureVerifier.h"

namespace tanager {

/// Standard Webhooks / Svix: webhook-id, webhook-timestamp, webhook-signature "v1,<base64> ..." (svix-* names too), HMAC-SHA256 of "<id>.<timestamp>.<body>"; a whsec_ secret is base64.
class StandardWebhooksVerifier : public SignatureVerifier
{
public:
    explicit StandardWebhooksVerifier(QByteArray secret, qint64 toleranceSeconds = 300)
        : m_secret(std::move(secret))
        , m_tolerance(toleranceSeconds)
    {
    }
    QString scheme() const override { return QStringLiteral("standard"); }
    SignatureVerdict verify(const CapturedRequest &request, qint64 nowSeconds) const override;
    /// The v1 MAC: HMAC-SHA256 of "<id>.<timestamp>.<body>" under @p secret, base64-decoded after its whsec_
    /// prefix when it has one (shared with WebhookSigner).
    static QByteArray mac(const QByteArray &secret, const QByteArray &id, const QByteArray &timestamp,
                          const QByteArray &body);

private:
    QByteArray m_secret;
    qint64 m_tolerance;
};

} // namespace tanager
