// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SignatureVerifier.h"

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

private:
    QByteArray m_secret;
    qint64 m_tolerance;
};

} // namespace tanager
