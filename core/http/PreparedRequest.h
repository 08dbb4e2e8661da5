// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BodySource.h"
#include "HttpRequest.h"

#include <QByteArray>
#include <QList>
#include <QStringList>
#include <QUrl>

namespace tanager {

struct HeaderLine
{
    QByteArray name;
    QByteArray value;
    bool automatic = false; ///< added by Tanager (User-Agent, Host, ...), not typed by the user

    friend bool operator==(const HeaderLine &, const HeaderLine &) = default;
};

using HeaderLines = QList<HeaderLine>;

/// A request ready for the wire: variables resolved, validated, auth applied, and every header
/// that will be sent listed explicitly, so what Tanager shows is what goes out.
struct PreparedRequest
{
    QByteArray method;
    QUrl url;
    HeaderLines headers;
    BodySource body;
    bool hasBody = false;
    TransportOptions options;
    QStringList warnings;    ///< shown beside the response, e.g. TLS verification off
    QByteArray requestModel; ///< the editable request as JSON, for history
    /// The auth settings with variables resolved, for a RequestAuthenticator; kept in memory only.
    RequestAuth auth;
};

} // namespace tanager
