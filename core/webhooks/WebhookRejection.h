// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace tanager {

/// Why the catcher refused a request without storing it.
enum class WebhookRejection {
    BodyTooLarge,       ///< 413
    HeaderTooLarge,     ///< 431
    HeaderTimeout,      ///< 408: the header did not arrive in time
    BodyTimeout,        ///< 408: the body stalled
    BadChunkedEncoding, ///< 400
    Malformed,          ///< 400: not a valid HTTP/1.x request
    Incomplete,         ///< 400: the client closed its side before the request was complete
    TooManyConnections, ///< 503 (over HTTPS: closed without an answer, before any handshake)
    PlainHttpOnTls,     ///< 400 in plain text: an http:// request sent to the HTTPS port
    TlsHandshakeFailed, ///< no answer possible: not TLS, or the handshake failed (untrusted certificate, garbage)
};

/// A stable machine name, e.g. "body-too-large" (used in JSON output and counters).
QString webhookRejectionName(WebhookRejection reason);
/// The status the catcher answers with for @p reason.
int webhookRejectionStatus(WebhookRejection reason);

} // namespace tanager
