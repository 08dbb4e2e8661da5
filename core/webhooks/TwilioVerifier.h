// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SignatureVerifier.h"

namespace tanager {

/// Twilio: X-Twilio-Signature, base64 HMAC-SHA1 under the auth token of the URL Twilio called followed by
/// the form parameters sorted by name (name+value, no separators). For JSON bodies the URL carries
/// bodySHA256=<hex SHA-256 of the body> and only the URL is signed.
class TwilioVerifier : public SignatureVerifier
{
public:
    /// @p publicBaseUrl is what Twilio was told (e.g. "https://abc.ngrok.io"); empty: from X-Forwarded-Proto and
    /// X-Forwarded-Host (a tunnel sets them), else http://<Host>.
    explicit TwilioVerifier(QByteArray authToken, QByteArray publicBaseUrl = {})
        : m_secret(std::move(authToken))
        , m_baseUrl(std::move(publicBaseUrl))
    {
    }
    QString scheme() const override { return QStringLiteral("twilio"); }
    SignatureVerdict verify(const CapturedRequest &request, qint64 nowSeconds) const override;

    /// The string Twilio signs for @p url and form @p body (exposed for tests).
    static QByteArray signedPayload(const QByteArray &url, const QByteArray &body);
    /// True when @p url carries bodySHA256 in its query: then only the URL is signed.
    static bool signsOnlyUrl(const QByteArray &url);
    /// The MAC in X-Twilio-Signature (before base64) for a request to @p url with @p body (shared with WebhookSigner).
    static QByteArray mac(const QByteArray &authToken, const QByteArray &url, const QByteArray &body);

private:
    QByteArray m_secret;
    QByteArray m_baseUrl;
};

} // namespace tanager
