// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlResponseParser.h"

#include <JsonFormatter.h>

#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

qsizetype skipSpace(QByteArrayView json, qsizetype i)
{
    while (i < json.size() && (json[i] == ' ' || json[i] == '\n' || json[i] == '\r' || json[i] == '\t'))
        ++i;
    return i;
}

// Index one past the string that starts at the quote at @p i.
qsizetype skipString(QByteArrayView json, qsizetype i)
{
    for (++i; i < json.size(); ++i) {
        if (json[i] == '\\')
            ++i;
        else if (json[i] == '"')
            return i + 1;
    }
    return json.size();
}

// Index one past the value that starts at @p i (valid JSON assumed: QJsonDocument checked it already).
qsizetype skipValue(QByteArrayView json, qsizetype i)
{
    if (i >= json.size())
        return i;
    if (json[i] == '"')
        return skipString(json, i);
    if (json[i] == '{' || json[i] == '[') {
        int depth = 0;
        while (i < json.size()) {
            const char c = json[i];
            if (c == '"') {
                i = skipString(json, i);
                continue;
            }
            if (c == '{' || c == '[')
                ++depth;
            else if ((c == '}' || c == ']') && --depth == 0)
                return i + 1;
            ++i;
        }
        return i;
    }
    while (i < json.size() && json[i] != ',' && json[i] != '}' && json[i] != ']' && json[i] != ' ' && json[i] != '\n'
           && json[i] != '\r' && json[i] != '\t')
        ++i;
    return i;
}

GraphQlError errorFrom(const QJsonObject &o)
{
    GraphQlError error;
    error.message = o.value(u"message"_s).toString();
    error.path = o.value(u"path"_s).toArray();
    for (const QJsonValue &location : o.value(u"locations"_s).toArray()) {
        const QJsonObject l = location.toObject();
        error.locations.append({l.value(u"line"_s).toInt(), l.value(u"column"_s).toInt()});
    }
    error.extensions = o.value(u"extensions"_s).toObject();
    return error;
}

QByteArray headerValue(const HeaderLines &headers, QByteArrayView name)
{
    for (const HeaderLine &line : headers) {
        if (QByteArrayView(line.name).compare(name, Qt::CaseInsensitive) == 0)
            return line.value;
    }
    return {};
}

} // namespace

QByteArrayView GraphQlResponseParser::memberBytes(QByteArrayView json, QByteArrayView key)
{
    qsizetype i = skipSpace(json, 0);
    if (i >= json.size() || json[i] != '{')
        return {};
    i = skipSpace(json, i + 1);
    while (i < json.size() && json[i] == '"') {
        const qsizetype keyEnd = skipString(json, i);
        const QByteArrayView name = json.sliced(i + 1, qMax<qsizetype>(0, keyEnd - i - 2));
        i = skipSpace(json, keyEnd);
        if (i >= json.size() || json[i] != ':')
            return {};
        const qsizetype valueStart = skipSpace(json, i + 1);
        const qsizetype valueEnd = skipValue(json, valueStart);
        if (name == key)
            return json.sliced(valueStart, valueEnd - valueStart);
        i = skipSpace(json, valueEnd);
        if (i < json.size() && json[i] == ',')
            i = skipSpace(json, i + 1);
    }
    return {};
}

QList<GraphQlError> GraphQlResponseParser::parseErrors(QByteArrayView json)
{
    QList<GraphQlError> errors;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray());
    for (const QJsonValue &e : doc.array())
        errors.append(errorFrom(e.toObject()));
    return errors;
}

bool GraphQlResponseParser::parse(QByteArrayView json, GraphQlResponse &response)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        response.error = Error{Error::Code::Protocol,
                               tr("The response is not valid JSON (%1 at byte %2 of %3): it was cut off, or the server "
                                  "is not GraphQL.")
                                   .arg(parseError.errorString())
                                   .arg(parseError.offset)
                                   .arg(json.size())};
        return false;
    }
    const QJsonObject object = doc.object();
    if (!doc.isObject() || (!object.contains(u"data"_s) && !object.contains(u"errors"_s))) {
        response.error = Error{Error::Code::Protocol,
                               tr("The response is JSON but not a GraphQL result (it has neither \"data\" nor "
                                  "\"errors\"): check that the URL is the GraphQL endpoint.")};
        return false;
    }
    response.dataValue = object.value(u"data"_s);
    if (object.contains(u"data"_s))
        response.data = memberBytes(json, "data").toByteArray();
    if (object.contains(u"extensions"_s))
        response.extensions = memberBytes(json, "extensions").toByteArray();
    const QJsonValue errors = object.value(u"errors"_s);
    for (const QJsonValue &e : errors.toArray())
        response.errors.append(errorFrom(e.toObject()));
    return true;
}

GraphQlResponse GraphQlResponseParser::fromExchange(const HttpExchange &exchange)
{
    GraphQlResponse response;
    response.exchange = exchange;
    if (exchange.error) {
        response.error = exchange.error;
        return response;
    }
    const QByteArray &body = exchange.response.body;
    const QByteArray contentType = headerValue(exchange.response.headers, "Content-Type");
    const bool json = JsonFormatter::isJsonContentType(contentType) || JsonFormatter::looksLikeJson(body);
    if (!json) {
        const QString type = contentType.isEmpty() ? tr("no Content-Type") : QString::fromUtf8(contentType);
        response.error = Error{Error::Code::Protocol,
                               tr("The server answered HTTP %1 with %2, not a GraphQL response: check that the URL is "
                                  "the GraphQL endpoint (it often ends in /graphql).")
                                   .arg(exchange.response.status)
                                   .arg(type)};
        return response;
    }
    parse(body, response);
    return response;
}

} // namespace tanager
