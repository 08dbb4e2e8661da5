// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SignatureVerifier.h"
#include "WebhookHmac.h"

#include <QJsonObject>

namespace tanager {

/// Any provider that signs with an HMAC: algorithm, hex or base64, header name, prefix, and what is signed.
class HmacVerifier : public SignatureVerifier
{
public:
    struct Options
    {
        WebhookHmac::Algorithm algorithm = WebhookHmac::Algorithm::Sha256;
        bool base64 = false;                              ///< else hex
        QByteArray header = QByteArrayLiteral("X-Signature");
        QByteArray prefix;                                ///< e.g. "sha256=", stripped before decoding
        /// What is signed: "{body}", "{timestamp}", "{id}" are replaced, e.g. "{timestamp}.{body}".
        QByteArray signedTemplate = QByteArrayLiteral("{body}");
        QByteArray timestampHeader; ///< when set, the timestamp is checked against the tolerance
        QByteArray idHeader;        ///< when set, its value is the event key
        qint64 toleranceSeconds = 300;

        /// As kept in webhooks.json and in a re-signed dead letter's description (the tolerance is not kept).
        QJsonObject toJson() const;
        /// Reads toJson()'s form; missing or empty members keep their defaults (an empty header could never match).
        static Options fromJson(const QJsonObject &object);
    };

    HmacVerifier(QByteArray secret, Options options)
        : m_secret(std::move(secret))
        , m_options(std::move(options))
    {
    }
    QString scheme() const override { return QStringLiteral("hmac"); }
    SignatureVerdict verify(const CapturedRequest &request, qint64 nowSeconds) const override;
    /// The raw MAC of @p options' signed template filled with @p body, @p timestamp and @p id (shared with
    /// WebhookSigner, which adds the prefix and the encoding).
    static QByteArray mac(const QByteArray &secret, const Options &options, const QByteArray &body,
                          const QByteArray &timestamp, const QByteArray &id);

private:
    QByteArray m_secret;
    Options m_options;
};

} // namespace tanager
