// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebhookRejection.h"

using namespace Qt::StringLiterals;

namespace tanager {

QString webhookRejectionName(WebhookRejection reason)
{
    switch (reason) {
    case WebhookRejection::BodyTooLarge:
        return u"body-too-large"_s;
    case WebhookRejection::HeaderTooLarge:
        return u"header-too-large"_s;
    case WebhookRejection::HeaderTimeout:
        return u"header-timeout"_s;
    case WebhookRejection::BodyTimeout:
        return u"body-timeout"_s;
    case WebhookRejection::BadChunkedEncoding:
        return u"bad-chunked-encoding"_s;
    case WebhookRejection::Malformed:
        return u"malformed"_s;
    case WebhookRejection::Incomplete:
        return u"incomplete"_s;
    case WebhookRejection::TooManyConnections:
        return u"too-many-connections"_s;
    case WebhookRejection::PlainHttpOnTls:
        return u"plain-http-on-https"_s;
    case WebhookRejection::TlsHandshakeFailed:
        return u"tls-handshake-failed"_s;
    }
    return u"unknown"_s;
}

int webhookRejectionStatus(WebhookRejection reason)
{
    switch (reason) {
    case WebhookRejection::BodyTooLarge:
        return 413;
    case WebhookRejection::HeaderTooLarge:
        return 431;
    case WebhookRejection::HeaderTimeout:
    case WebhookRejection::BodyTimeout:
        return 408;
    case WebhookRejection::TooManyConnections:
        return 503;
    case WebhookRejection::BadChunkedEncoding:
    case WebhookRejection::Malformed:
    case WebhookRejection::Incomplete:
    case WebhookRejection::PlainHttpOnTls:
        return 400;
    case WebhookRejection::TlsHandshakeFailed:
        return 0; // nothing can be answered without a TLS channel
    }
    return 400;
}

} // namespace tanager
