// SPDX-License-Identifier: GPL-3.0-or-later
#include "SlackVerifier.h"

#include "WebhookHmac.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace tanager {

QByteArray SlackVerifier::mac(const QByteArray &secret, const QByteArray &timestamp, const QByteArray &body)
{
    return WebhookHmac::mac(WebhookHmac::Algorithm::Sha256, secret, QByteArray("v0:" + timestamp + ':' + body));
}

SignatureVerdict SlackVerifier::verify(const CapturedRequest &request, qint64 nowSeconds) const
{
    if (m_secret.isEmpty())
        return noSecret();
    const QByteArray timestamp = request.header("X-Slack-Request-Timestamp");
    if (timestamp.isNull())
        return missingHeader(u"X-Slack-Request-Timestamp"_s);
    const QByteArray header = request.header("X-Slack-Signature");
    if (header.isNull())
        return missingHeader(u"X-Slack-Signature"_s);
    bool numeric = false;
    const qint64 t = timestamp.toLongLong(&numeric);
    if (!numeric || !header.startsWith("v0="))
        return badSignature(tr("X-Slack-Signature is not v0=<hex> or the timestamp is not a number."));
    const QByteArray expected = mac(m_secret, timestamp, request.body);
    if (!WebhookHmac::equal(expected, QByteArray::fromHex(header.mid(3))))
        return badSignature(tr("X-Slack-Signature does not match the body and the signing secret."));
    // Events API bodies carry an event_id; slash commands have none.
    const QString eventId = QJsonDocument::fromJson(request.body).object().value(u"event_id"_s).toString();
    if (outsideTolerance(t, nowSeconds, m_tolerance))
        return expired(t, nowSeconds, m_tolerance, eventId);
    return valid(eventId);
}

} // namespace tanager
