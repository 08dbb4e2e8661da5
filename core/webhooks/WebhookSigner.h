// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HmacVerifier.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <memory>

namespace tanager {

/// Signs a webhook request again as its provider would, with a fresh timestamp: for forwarding or replaying to a
/// target that checks signatures with its own secret (which may differ from the inbox's). What each scheme signs
/// comes from its verifier's static mac(), so the verifier and the signer cannot drift apart.
/// Signers are immutable and thread-safe.
///
///     auto signer = WebhookSigner::create(u"stripe"_s, targetSecret);
///     forwarder->setResigner(signer); // every attempt is signed again with the time of that attempt
class WebhookSigner
{
    Q_DECLARE_TR_FUNCTIONS(tanager::WebhookSigner)

public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    /// The same names as SignatureVerifierFactory::schemes(): stripe, github, slack, standard (svix), shopify,
    /// twilio, hmac.
    static QStringList schemes();
    /// Null for an unknown scheme. hmac signs as @p hmac says (header, algorithm, encoding, prefix, signed
    /// template, timestamp and id headers); the others ignore it.
    static std::shared_ptr<const WebhookSigner> create(const QString &scheme, const QByteArray &secret,
                                                       const HmacVerifier::Options &hmac = {});

    /// Why @p secret cannot sign as @p scheme, in one line; empty when it can. A Standard Webhooks secret may be
    /// raw bytes, as the verifier takes it, but one written whsec_... must be followed by base64.
    static QString secretProblem(const QString &scheme, const QByteArray &secret);

    /// "stripe", "github", ... ("standard" for svix too).
    QString scheme() const { return m_scheme; }

    /// Replaces the scheme's signature and timestamp headers in @p headers (matched case-insensitively, keeping
    /// the name's case; appended when absent) for @p body sent to @p url at @p nowSeconds (Unix time). Everything
    /// else is kept, the event id included (webhook-id, X-GitHub-Delivery). Stripe: Stripe-Signature t=,v1=;
    /// Slack: X-Slack-Request-Timestamp and v0=; Standard Webhooks: webhook-timestamp and v1,<base64> (svix-*
    /// when the request used those names; a webhook-id is made when there is none); GitHub: X-Hub-Signature-256
    /// (and X-Hub-Signature when present), no timestamp; Shopify: X-Shopify-Hmac-Sha256; Twilio:
    /// X-Twilio-Signature over @p url; hmac: its header, and its timestamp header when it has one.
    void sign(Headers &headers, const QByteArray &body, const QByteArray &url, qint64 nowSeconds) const;

    /// The scheme and its options without the secret, e.g. kept with a dead letter so that a re-drive can
    /// sign again once it is given the secret.
    QJsonObject description() const;
    /// The signer @p description names, with @p secret; null when it names no known scheme.
    static std::shared_ptr<const WebhookSigner> fromDescription(const QJsonObject &description,
                                                                const QByteArray &secret);

    WebhookSigner(QString scheme, QByteArray secret, HmacVerifier::Options hmac);

private:
    QString m_scheme;
    QByteArray m_secret;
    HmacVerifier::Options m_hmac;
};

} // namespace tanager
