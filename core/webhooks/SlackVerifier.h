// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SignatureVerifier.h"

namespace tanager {

/// Slack: X-Slack-Signature "v0=<hex>", HMAC-SHA256 of "v0:<X-Slack-Request-Timestamp>:<body>".
class SlackVerifier : public SignatureVerifier
{
public:
    explicit SlackVerifier(QByteArray secret, qint64 toleranceSeconds = 300)
        : m_secret(std::move(secret))
        , m_tolerance(toleranceSeconds)
    {
    }
    QString scheme() const override { return QStringLiteral("slack"); }
    SignatureVerdict verify(const CapturedRequest &request, qint64 nowSeconds) const override;
    /// The v0 MAC: HMAC-SHA256 of "v0:<timestamp>:<body>" under @p secret (shared with WebhookSigner).
    static QByteArray mac(const QByteArray &secret, const QByteArray &timestamp, const QByteArray &body);

private:
    QByteArray m_secret;
    qint64 m_tolerance;
};

} // namespace tanager
