// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebhookSigner.h"

#include "GitHubVerifier.h"
#include "ShopifyVerifier.h"
#include "SignatureVerifierFactory.h"
#include "SlackVerifier.h"
#include "StandardWebhooksVerifier.h"
#include "StripeVerifier.h"
#include "TwilioVerifier.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

using Headers = WebhookSigner::Headers;

qsizetype indexOf(const Headers &headers, QByteArrayView name)
{
    for (qsizetype i = 0; i < headers.size(); ++i) {
        if (QByteArrayView(headers.at(i).first).compare(name, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

QByteArray value(const Headers &headers, QByteArrayView name)
{
    const qsizetype i = indexOf(headers, name);
    return i < 0 ? QByteArray() : headers.at(i).second;
}

// The first header of that name gets the value (its spelling kept); repeats go, so no stale copy is left.
void put(Headers &headers, const QByteArray &name, const QByteArray &value)
{
    const qsizetype first = indexOf(headers, name);
    if (first < 0) {
        headers.append({name, value});
        return;
    }
    headers[first].second = value;
    for (qsizetype i = headers.size() - 1; i > first; --i) {
        if (QByteArrayView(headers.at(i).first).compare(name, Qt::CaseInsensitive) == 0)
            headers.removeAt(i);
    }
}

} // namespace

WebhookSigner::WebhookSigner(QString scheme, QByteArray secret, HmacVerifier::Options hmac)
    : m_scheme(std::move(scheme))
    , m_secret(std::move(secret))
    , m_hmac(std::move(hmac))
{
}

QStringList WebhookSigner::schemes()
{
    return SignatureVerifierFactory::schemes();
}

std::shared_ptr<const WebhookSigner> WebhookSigner::create(const QString &scheme, const QByteArray &secret,
                                                           const HmacVerifier::Options &hmac)
{
    QString s = scheme.toLower();
    if (s == u"svix"_s)
        s = u"standard"_s;
    if (!schemes().contains(s))
        return nullptr;
    return std::make_shared<const WebhookSigner>(s, secret, hmac);
}

void WebhookSigner::sign(Headers &headers, const QByteArray &body, const QByteArray &url, qint64 nowSeconds) const
{
    const QByteArray now = QByteArray::number(nowSeconds);
    if (m_scheme == u"stripe"_s) {
        put(headers, "Stripe-Signature"_ba, "t=" + now + ",v1=" + StripeVerifier::mac(m_secret, now, body).toHex());
    } else if (m_scheme == u"slack"_s) {
        put(headers, "X-Slack-Request-Timestamp"_ba, now);
        put(headers, "X-Slack-Signature"_ba, "v0=" + SlackVerifier::mac(m_secret, now, body).toHex());
    } else if (m_scheme == u"standard"_s) {
        // Svix's older names when the request came with them, so the target sees one consistent set.
        const bool svix = indexOf(headers, "webhook-id") < 0 && indexOf(headers, "svix-id") >= 0;
        const QByteArray prefix = svix ? "svix-"_ba : "webhook-"_ba;
        QByteArray id = value(headers, QByteArray(prefix + "id"));
        if (id.isEmpty()) {
            // The id is part of what is signed and the target's duplicate key: a request without one gets one.
            id = "msg_" + QUuid::createUuid().toByteArray(QUuid::Id128);
            put(headers, QByteArray(prefix + "id"), id);
        }
        put(headers, QByteArray(prefix + "timestamp"), now);
        put(headers, QByteArray(prefix + "signature"),
            "v1," + StandardWebhooksVerifier::mac(m_secret, id, now, body).toBase64());
    } else if (m_scheme == u"github"_s) {
        put(headers, "X-Hub-Signature-256"_ba, "sha256=" + GitHubVerifier::mac(m_secret, body).toHex());
        // GitHub still sends the SHA-1 header too; a stale one under the old secret would contradict the new one.
        if (indexOf(headers, "X-Hub-Signature") >= 0)
            put(headers, "X-Hub-Signature"_ba,
                "sha1=" + GitHubVerifier::mac(m_secret, body, WebhookHmac::Algorithm::Sha1).toHex());
    } else if (m_scheme == u"shopify"_s) {
        put(headers, "X-Shopify-Hmac-Sha256"_ba, ShopifyVerifier::mac(m_secret, body).toBase64());
    } else if (m_scheme == u"twilio"_s) {
        put(headers, "X-Twilio-Signature"_ba, TwilioVerifier::mac(m_secret, url, body).toBase64());
    } else if (m_scheme == u"hmac"_s) {
        QByteArray timestamp;
        if (!m_hmac.timestampHeader.isEmpty()) {
            timestamp = now;
            put(headers, m_hmac.timestampHeader, timestamp);
        }
        const QByteArray id = m_hmac.idHeader.isEmpty() ? QByteArray() : value(headers, m_hmac.idHeader);
        const QByteArray mac = HmacVerifier::mac(m_secret, m_hmac, body, timestamp, id);
        put(headers, m_hmac.header, m_hmac.prefix + (m_hmac.base64 ? mac.toBase64() : mac.toHex()));
    }
}

QString WebhookSigner::secretProblem(const QString &scheme, const QByteArray &secret)
{
    if (secret.isEmpty())
        return tr("The %1 signing secret is empty.").arg(scheme);
    if ((scheme == u"standard"_s || scheme == u"svix"_s) && secret.startsWith("whsec_")) {
        const auto key = QByteArray::fromBase64Encoding(secret.sliced(6), QByteArray::AbortOnBase64DecodingErrors);
        if (!key || key.decoded.isEmpty())
            return tr("A %1 secret written whsec_... is whsec_ followed by base64, as the provider shows it; paste it "
                      "whole.")
                .arg(scheme);
    }
    return {};
}

QJsonObject WebhookSigner::description() const
{
    QJsonObject object{{u"scheme"_s, m_scheme}};
    if (m_scheme == u"hmac"_s)
        object.insert(u"hmac"_s, m_hmac.toJson());
    return object;
}

std::shared_ptr<const WebhookSigner> WebhookSigner::fromDescription(const QJsonObject &description,
                                                                    const QByteArray &secret)
{
    const HmacVerifier::Options hmac = HmacVerifier::Options::fromJson(description.value("hmac"_L1).toObject());
    return create(description.value("scheme"_L1).toString(), secret, hmac);
}

} // namespace tanager
