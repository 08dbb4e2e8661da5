// SPDX-License-Identifier: GPL-3.0-or-later
#include "OAuth2TokenResponse.h"

#include <QJsonDocument>
#include <QJsonValue>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

QByteArray contentTypeOf(const HttpExchange &exchange)
{
    for (const auto &h : exchange.response.headers) {
        if (h.name.compare("content-type", Qt::CaseInsensitive) == 0)
            return h.value;
    }
    return {};
}

} // namespace

Result<QJsonObject> OAuth2TokenResponse::jsonObject(const HttpExchange &exchange, const QString &what)
{
    if (exchange.error && !exchange.hasResponse()) {
        Error e = *exchange.error;
        if (e.code != Error::Code::Canceled)
            //: %1 is "token endpoint", "discovery endpoint" or "device authorization endpoint"
            e.message = tr("The %1 at %2 cannot be reached: %3")
                            .arg(what, exchange.request.url.toString(QUrl::RemoveQuery), exchange.error->message);
        return e;
    }
    auto result = jsonObject(exchange.response.status, exchange.response.body, what);
    if (!result && contentTypeOf(exchange).contains("html") && exchange.response.status < 400)
        //: %1 is "token endpoint", "discovery endpoint" or "device authorization endpoint"
        return Error{Error::Code::Protocol, tr("The %1 answered HTTP %2 with an HTML page instead of JSON: check "
                                               "the endpoint URL.")
                                                .arg(what)
                                                .arg(exchange.response.status)};
    return result;
}

Result<QJsonObject> OAuth2TokenResponse::jsonObject(int status, const QByteArray &body, const QString &what)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        const QByteArray trimmed = body.trimmed();
        if (trimmed.isEmpty())
            return Error{Error::Code::Protocol,
                         //: %1 is "token endpoint", "discovery endpoint" or "device authorization endpoint"
                         tr("The %1 answered HTTP %2 with an empty body instead of JSON: check the endpoint URL.")
                             .arg(what)
                             .arg(status)};
        if (!trimmed.startsWith('{') && !trimmed.startsWith('['))
            return Error{Error::Code::Protocol,
                         //: %1 is "token endpoint", "discovery endpoint" or "device authorization endpoint"
                         tr("The %1 answered HTTP %2 with something that is not JSON (\"%3\"): check the endpoint URL.")
                             .arg(what)
                             .arg(status)
                             .arg(QString::fromUtf8(trimmed.left(40)).simplified())};
        if (parseError.error != QJsonParseError::NoError)
            //: %1 is "token endpoint", "discovery endpoint" or "device authorization endpoint"
            return Error{Error::Code::Protocol, tr("The %1 answered HTTP %2 with malformed JSON (%3 at offset %4): the "
                                                   "provider is misbehaving, try again or report it.")
                                                    .arg(what)
                                                    .arg(status)
                                                    .arg(parseError.errorString())
                                                    .arg(parseError.offset)};
        return Error{Error::Code::Protocol,
                     //: %1 is "token endpoint", "discovery endpoint" or "device authorization endpoint"
                     tr("The %1 answered HTTP %2 with a JSON array instead of an object: the provider is misbehaving.")
                         .arg(what)
                         .arg(status)};
    }
    const QJsonObject object = document.object();
    if (const auto error = errorIn(object))
        return Error{Error::Code::Protocol, errorMessage(*error, what)};
    if (status >= 400)
        return Error{Error::Code::Protocol,
                     //: %1 is "token endpoint", "discovery endpoint" or "device authorization endpoint"
                     tr("The %1 answered HTTP %2 without an OAuth2 error object: check the endpoint URL and the "
                        "client settings.")
                         .arg(what)
                         .arg(status)};
    return object;
}

std::optional<OAuth2ErrorResponse> OAuth2TokenResponse::errorIn(const QJsonObject &object)
{
    const QJsonValue error = object.value(u"error"_s);
    if (error.isUndefined() || error.isNull())
        return std::nullopt;
    OAuth2ErrorResponse e;
    // Some providers send a non-string error; show it rather than lose it.
    e.error = error.isString() ? error.toString() : error.toVariant().toString();
    e.description = object.value(u"error_description"_s).toString();
    e.uri = object.value(u"error_uri"_s).toString();
    return e;
}

QString OAuth2TokenResponse::errorMessage(const OAuth2ErrorResponse &error, const QString &what)
{
    QString detail = error.error;
    if (!error.description.isEmpty())
        detail += u": "_s + error.description;
    if (!error.uri.isEmpty())
        detail += u' ' + tr("(see %1)").arg(error.uri);
    //: %1 is "token endpoint", "discovery endpoint" or "device authorization endpoint"
    return tr("The %1 refused the request: %2").arg(what, detail);
}

QString OAuth2TokenResponse::errorCode(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return {};
    const auto error = errorIn(document.object());
    return error ? error->error : QString();
}

Result<OAuth2Tokens> OAuth2TokenResponse::parse(const HttpExchange &exchange, const QStringList &requestedScopes,
                                                const QDateTime &now)
{
    //: the endpoint's name inside "The %1 answered ..." sentences
    auto object = jsonObject(exchange, tr("token endpoint"));
    if (!object)
        return object.error();
    return parse(exchange.response.status, exchange.response.body, requestedScopes, now);
}

Result<OAuth2Tokens> OAuth2TokenResponse::parse(int status, const QByteArray &body, const QStringList &requestedScopes,
                                                const QDateTime &now, const QString &endpoint)
{
    //: the endpoint's name inside "The %1 answered ..." sentences
    const QString what = endpoint.isEmpty() ? tr("token endpoint") : endpoint;
    auto parsed = jsonObject(status, body, what);
    if (!parsed)
        return parsed.error();
    const QJsonObject &object = parsed.value();
    OAuth2Tokens tokens;
    tokens.accessToken = object.value(u"access_token"_s).toString();
    if (tokens.accessToken.isEmpty())
        return Error{Error::Code::Protocol,
                     //: %1 is "token endpoint", "discovery endpoint" or "device authorization endpoint"
                     tr("The %1 answered without an access_token: the provider is misbehaving.").arg(what)};
    // token_type is required by 5.1, but some providers omit it; Bearer is what they all mean then.
    tokens.tokenType = object.value(u"token_type"_s).toString(u"Bearer"_s);
    tokens.refreshToken = object.value(u"refresh_token"_s).toString();
    tokens.idToken = object.value(u"id_token"_s).toString();
    const QJsonValue scope = object.value(u"scope"_s);
    tokens.scopes = scope.isString() ? scope.toString().split(u' ', Qt::SkipEmptyParts) : requestedScopes;
    tokens.obtainedAt = now.toUTC();
    const QJsonValue expiresIn = object.value(u"expires_in"_s);
    // Some providers send the number as a string; anything else means no known expiry.
    qint64 seconds = -1;
    if (expiresIn.isDouble())
        seconds = qint64(expiresIn.toDouble());
    else if (expiresIn.isString()) {
        bool ok = false;
        seconds = expiresIn.toString().toLongLong(&ok);
        if (!ok)
            return Error{Error::Code::Protocol,
                         //: %1 is "token endpoint", "discovery endpoint" or "device authorization endpoint"
                         tr("The %1 sent expires_in \"%2\", which is not a number: the provider is misbehaving.")
                             .arg(what, expiresIn.toString())};
    }
    if (seconds >= 0)
        tokens.expiresAt = tokens.obtainedAt.addSecs(seconds);
    return tokens;
}

} // namespace tanager
