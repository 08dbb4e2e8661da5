// SPDX-License-Identifier: GPL-3.0-or-later
#include "GitHubVerifier.h"

#include "WebhookHmac.h"

using namespace Qt::StringLiterals;

namespace tanager {

QByteArray GitHubVerifier::mac(const QByteArray &secret, const QByteArray &body, WebhookHmac::Algorithm algorithm)
{
    return WebhookHmac::mac(algorithm, secret, body);
}

SignatureVerdict GitHubVerifier::verify(const CapturedRequest &request, qint64) const
{
    if (m_secret.isEmpty())
        return noSecret();
    const QByteArray header = request.header("X-Hub-Signature-256");
    if (header.isNull())
        return missingHeader(u"X-Hub-Signature-256"_s);
    if (!header.startsWith("sha256="))
        return badSignature(tr("X-Hub-Signature-256 does not start with sha256=."));
    const QByteArray expected = mac(m_secret, request.body);
    if (!WebhookHmac::equal(expected, QByteArray::fromHex(header.mid(7))))
        return badSignature(tr("X-Hub-Signature-256 does not match the body and the webhook secret."));
    return valid(QString::fromLatin1(request.header("X-GitHub-Delivery")));
}

} // namespace tanager
