// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SignatureVerifier.h"

namespace tanager {

/// Stripe: Stripe-Signature "t=<unix>,v1=<hex>[,v1=...]", HMAC-SHA256 of "<t>.<body>" under the whole whsec_ secret.
class StripeVerifier : public SignatureVerifier
{
public:
    explicit StripeVerifier(QByteArray secret, qint64 toleranceSeconds = 300)
        : m_secret(std::move(secret))
        , m_tolerance(toleranceSeconds)
    {
    }
    QString scheme() const override { return QStringLiteral("stripe"); }
    SignatureVerdict verify(const CapturedRequest &request, qint64 nowSeconds) const override;
    /// The v1 MAC: HMAC-SHA256 of "<timestamp>.<body>" under @p secret (shared with WebhookSigner).
    static QByteArray mac(const QByteArray &secret, const QByteArray &timestamp, const QByteArray &body);

private:
    QByteArray m_secret;
    qint64 m_tolerance;
};

} // namespace tanager
