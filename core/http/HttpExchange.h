// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PreparedRequest.h"

#include <Error.h>

#include <QDateTime>
#include <optional>

namespace tanager {

struct CertificateInfo
{
    QString subject;
    QString issuer;
    QDateTime notBefore;
    QDateTime notAfter;
    QString sha256Fingerprint;
};

struct TlsInfo
{
    QString protocol; ///< "TLSv1.3"
    QString cipher;
    QList<CertificateInfo> chain; ///< the peer's chain, leaf first
    bool verified = true;         ///< false when verification was off and errors were ignored
    QStringList ignoredErrors;
};

/// Offsets from the start of the exchange, in microseconds; -1 when the phase never happened.
struct Timings
{
    qint64 sentUs = -1;      ///< request fully written
    qint64 firstByteUs = -1; ///< response headers arrived
    qint64 doneUs = -1;      ///< response complete (or failed)
};

struct RedirectHop
{
    int status = 0;
    QByteArray method;
    QUrl url;      ///< the URL that answered with the redirect
    QUrl location; ///< where it pointed
};

struct HttpResponse
{
    int status = 0;
    QByteArray reason;
    QString httpVersion; ///< "1.1" or "2"
    HeaderLines headers; ///< in received order
    QByteArray body;     ///< decoded; empty when it went to a file
    qint64 bodySize = 0; ///< decoded size
    qint64 wireSize = 0; ///< body bytes as received (compressed when encoded)
    QString savedTo;     ///< the file the body was streamed to
    std::optional<TlsInfo> tls;
};

/// The 401 that a RequestAuthenticator answered, and the request that got it; the exchange then
/// holds the resent request and its response. At most one per exchange.
struct AuthRetry
{
    QByteArray method;
    QUrl url;
    HeaderLines requestHeaders;  ///< as sent the first time
    HeaderLines responseHeaders; ///< of the 401, with its WWW-Authenticate challenge
    QByteArray reason;
};

/// One finished exchange: what was sent, what came back, how long each phase took, and the error
/// if the exchange did not complete.
struct HttpExchange
{
    QDateTime startedAt;
    PreparedRequest request; ///< the last hop as sent; headers exactly as written on the wire
    QByteArray sentBodyPreview;
    HttpResponse response;
    Timings timings;
    QList<RedirectHop> redirects;
    std::optional<AuthRetry> authRetry; ///< set when a 401 was answered and the request resent
    QStringList warnings;
    std::optional<Error> error;

    bool hasResponse() const { return response.status > 0; }
};

} // namespace tanager
