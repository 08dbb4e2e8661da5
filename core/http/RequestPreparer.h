// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include "Environment.h"
#include "HttpRequest.h"
#include "PreparedRequest.h"

#include <Result.h>

class QNetworkCookieJar;

namespace tanager {

/// Turns what the user composed into what goes on the wire, or a one-line error saying which
/// field is wrong. Used for sending and for the live preview alike.
class RequestPreparer
{
    Q_DECLARE_TR_FUNCTIONS(tanager::RequestPreparer)

public:
    static Result<PreparedRequest> prepare(const HttpRequest &request, const Environment &environment,
                                           const QNetworkCookieJar *cookies = nullptr);

    /// The Cookie, Host and other automatic headers for \a url; reused for each redirect hop.
    static void setAutomaticHeaders(PreparedRequest &prepared, const QNetworkCookieJar *cookies);

    static bool isToken(QByteArrayView text);
    static QByteArray userAgent();
};

} // namespace tanager
