// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "OAuth2Tokens.h"

#include <HttpExchange.h>
#include <Result.h>

#include <QCoreApplication>
#include <QJsonObject>

#include <optional>

namespace tanager {

/// An error response from an OAuth2 endpoint (RFC 6749 5.2, RFC 8628 3.5).
struct OAuth2ErrorResponse
{
    QString error; ///< e.g. "invalid_client"
    QString description;
    QString uri;
};

/// Reads what an OAuth2 endpoint answered: a token response (RFC 6749 5.1), an error (5.2), or
/// something that is neither, each turned into tokens or a one-line message.
class OAuth2TokenResponse
{
    Q_DECLARE_TR_FUNCTIONS(tanager::OAuth2TokenResponse)

public:
    /// Tokens from a token endpoint's answer. A missing expires_in gives tokens without expiry, a
    /// missing scope the @p requestedScopes (5.1). An error object becomes an Error whose message
    /// shows error, error_description and error_uri.
    static Result<OAuth2Tokens> parse(const HttpExchange &exchange, const QStringList &requestedScopes,
                                      const QDateTime &now);
    static Result<OAuth2Tokens> parse(int status, const QByteArray &body, const QStringList &requestedScopes,
                                      const QDateTime &now, const QString &endpoint = {});

    /// The JSON object an endpoint answered with; transport failures, non-JSON, malformed JSON and
    /// RFC 6749 5.2 error objects become errors. @p what names the endpoint in messages.
    static Result<QJsonObject> jsonObject(const HttpExchange &exchange, const QString &what);
    static Result<QJsonObject> jsonObject(int status, const QByteArray &body, const QString &what);

    /// The error object in @p object, if it has an "error" member.
    static std::optional<OAuth2ErrorResponse> errorIn(const QJsonObject &object);
    /// "invalid_client: client authentication failed (see https://...)", prefixed with the endpoint.
    static QString errorMessage(const OAuth2ErrorResponse &error, const QString &what);

    /// The error code of an error answer (e.g. authorization_pending), empty when there is none.
    static QString errorCode(const QByteArray &body);
};

} // namespace tanager
