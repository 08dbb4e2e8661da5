// SPDX-License-Identifier: GPL-3.0-or-later
#include "TwilioVerifier.h"

#include "WebhookHmac.h"

#include <QCryptographicHash>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

QByteArray formDecode(QByteArray text)
{
    text.replace('+', ' ');
    return QByteArray::fromPercentEncoding(text);
}

} // namespace

QByteArray TwilioVerifier::signedPayload(const QByteArray &url, const QByteArray &body)
{
    QList<QPair<QByteArray, QByteArray>> params;
    if (!body.isEmpty()) {
        for (const QByteArray &pair : body.split('&')) {
            const qsizetype eq = pair.indexOf('=');
            params.append({formDecode(eq < 0 ? pair : pair.left(eq)), eq < 0 ? QByteArray() : formDecode(pair.mid(eq + 1))});
        }
    }
    std::stable_sort(params.begin(), params.end());
    QByteArray payload = url;
    for (const auto &p : std::as_const(params))
        payload += p.first + p.second;
    return payload;
}

bool TwilioVerifier::signsOnlyUrl(const QByteArray &url)
{
    const qsizetype q = url.indexOf('?');
    return q >= 0 && QUrlQuery(QString::fromUtf8(url.mid(q + 1))).hasQueryItem(u"bodySHA256"_s);
}

QByteArray TwilioVerifier::mac(const QByteArray &authToken, const QByteArray &url, const QByteArray &body)
{
    return WebhookHmac::mac(WebhookHmac::Algorithm::Sha1, authToken, signsOnlyUrl(url) ? url : signedPayload(url, body));
}

SignatureVerdict TwilioVerifier::verify(const CapturedRequest &request, qint64) const
{
    if (m_secret.isEmpty())
        return noSecret();
    const QByteArray header = request.header("X-Twilio-Signature");
    if (header.isNull())
        return missingHeader(u"X-Twilio-Signature"_s);
    // Behind a tunnel (ngrok and the like) Twilio called the tunnel's URL, which the forwarded headers name.
    const QByteArray proto = request.header("X-Forwarded-Proto");
    const QByteArray host = request.header("X-Forwarded-Host");
    const QByteArray base = !m_baseUrl.isEmpty()
                                ? m_baseUrl
                                : QByteArray((proto.isEmpty() ? "http"_ba : proto) + "://"
                                             + (host.isEmpty() ? request.header("Host") : host));
    const QByteArray url = (base.endsWith('/') ? base.chopped(1) : base) + request.target;
    const QUrlQuery query(QString::fromUtf8(request.target.mid(request.target.indexOf('?') + 1)));
    const bool bodyHashed = signsOnlyUrl(request.target);
    const QByteArray expected = mac(m_secret, url, request.body);
    if (!WebhookHmac::equal(expected, QByteArray::fromBase64(header.trimmed())))
        return badSignature(tr("X-Twilio-Signature does not match the URL %1, the parameters and the auth token.")
                                .arg(QString::fromUtf8(url)));
    if (bodyHashed) {
        const QByteArray digest = QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex();
        if (!WebhookHmac::equal(digest, query.queryItemValue(u"bodySHA256"_s).toLatin1().toLower()))
            return badSignature(tr("The body's SHA-256 does not match the bodySHA256 in the URL."));
    }
    return valid(QString::fromLatin1(request.header("I-Twilio-Idempotency-Token")));
}

} // namespace tanager
