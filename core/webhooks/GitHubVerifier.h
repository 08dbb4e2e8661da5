// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SignatureVerifier.h"
#include "WebhookHmac.h"

namespace tanager {

/// GitHub: X-Hub-Signature-256 "sha256=<hex>", HMAC-SHA256 of the body; X-GitHub-Delivery is the event key. No timestamp.
class GitHubVerifier : public SignatureVerifier
{
public:
    explicit GitHubVerifier(QByteArray secret, qint64 toleranceSeconds = 300)
        : m_secret(std::move(secret))
        , m_tolerance(toleranceSeconds)
    {
    }
    QString scheme() const override { return QStringLiteral("github"); }
    SignatureVerdict verify(const CapturedRequest &request, qint64 nowSeconds) const override;
    /// The MAC of X-Hub-Signature-256 (@p algorithm Sha256) or of the legacy X-Hub-Signature (Sha1): over the body.
    static QByteArray mac(const QByteArray &secret, const QByteArray &body,
                          WebhookHmac::Algorithm algorithm = WebhookHmac::Algorithm::Sha256);

private:
    QByteArray m_secret;
    qint64 m_tolerance;
};

} // namespace tanager
