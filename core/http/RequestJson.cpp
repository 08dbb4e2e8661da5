// SPDX-License-Identifier: GPL-3.0-or-later
#include "RequestJson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

// Enum names written to files; the index is the enum value, so append only.
const QStringList bodyKinds = {u"none"_s, u"raw"_s, u"form"_s, u"multipart"_s, u"file"_s};
const QStringList rawTypes = {u"text"_s, u"json"_s, u"xml"_s, u"html"_s, u"javascript"_s};
const QStringList authKinds = {u"none"_s, u"basic"_s, u"bearer"_s, u"apikey-header"_s, u"apikey-query"_s,
                                 u"digest"_s, u"jwt"_s, u"oauth2"_s};
const QStringList proxyModes = {u"system"_s, u"none"_s, u"custom"_s};

template <typename E> E fromName(const QStringList &names, const QJsonValue &value, E fallback)
{
    const qsizetype index = names.indexOf(value.toString());
    return index < 0 ? fallback : E(index);
}

QJsonArray rowsToJson(const KeyValueRows &rows)
{
    QJsonArray array;
    for (const KeyValueRow &row : rows)
        array.append(QJsonObject{{u"key"_s, row.key}, {u"value"_s, row.value}, {u"enabled"_s, row.enabled}});
    return array;
}

KeyValueRows rowsFromJson(const QJsonValue &value)
{
    KeyValueRows rows;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        const QJsonObject object = item.toObject();
        rows.append({object.value("key"_L1).toString(), object.value("value"_L1).toString(),
                     object.value("enabled"_L1).toBool(true)});
    }
    return rows;
}

Result<QJsonObject> parseObject(const QByteArray &json, const char *what)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return Error{Error::Code::InvalidInput,
                     QCoreApplication::translate("tanager::RequestJson", "The saved %1 is not valid JSON (%2): fix or "
                                                                         "remove the file.")
                         .arg(QString::fromLatin1(what), error.errorString())};
    return document.object();
}

} // namespace

QByteArray RequestJson::toJson(const HttpRequest &request)
{
    QJsonArray multipart;
    for (const MultipartField &field : request.body.multipart)
        multipart.append(QJsonObject{{u"name"_s, field.name},
                                     {u"value"_s, field.value},
                                     {u"isFile"_s, field.isFile},
                                     {u"contentType"_s, field.contentType},
                                     {u"enabled"_s, field.enabled}});
    const RequestBody &body = request.body;
    const RequestAuth &auth = request.auth;
    const TransportOptions &options = request.options;
    // Secrets of the auth settings are not written: they belong to the keychain.
    const QJsonObject object{
        {u"name"_s, request.name},
        {u"method"_s, request.method},
        {u"url"_s, request.url},
        {u"headers"_s, rowsToJson(request.headers)},
        {u"body"_s, QJsonObject{{u"kind"_s, bodyKinds.at(int(body.kind))},
                                {u"rawType"_s, rawTypes.at(int(body.rawType))},
                                {u"raw"_s, body.raw},
                                {u"form"_s, rowsToJson(body.form)},
                                {u"multipart"_s, multipart},
                                {u"filePath"_s, body.filePath},
                                {u"fileContentType"_s, body.fileContentType}}},
        {u"auth"_s, QJsonObject{{u"kind"_s, authKinds.at(int(auth.kind))},
                                {u"username"_s, auth.username},
                                {u"keyName"_s, auth.keyName},
                                {u"jwtAlgorithm"_s, auth.jwtAlgorithm},
                                {u"jwtKeyPath"_s, auth.jwtKeyPath},
                                {u"jwtHeader"_s, auth.jwtHeader},
                                {u"jwtClaims"_s, auth.jwtClaims},
                                {u"jwtHeaderName"_s, auth.jwtHeaderName},
                                {u"jwtPrefix"_s, auth.jwtPrefix},
                                {u"oauth2Profile"_s, auth.oauth2Profile}}},
        {u"options"_s, QJsonObject{{u"connectTimeoutMs"_s, options.connectTimeoutMs},
                                   {u"transferTimeoutMs"_s, options.transferTimeoutMs},
                                   {u"totalTimeoutMs"_s, options.totalTimeoutMs},
                                   {u"followRedirects"_s, options.followRedirects},
                                   {u"maxRedirects"_s, options.maxRedirects},
                                   {u"verifyTls"_s, options.verifyTls},
                                   {u"caBundlePath"_s, options.caBundlePath},
                                   {u"clientCertPath"_s, options.clientCertPath},
                                   {u"clientKeyPath"_s, options.clientKeyPath},
                                   {u"allowHttp2"_s, options.allowHttp2},
                                   {u"proxyMode"_s, proxyModes.at(int(options.proxyMode))},
                                   {u"proxyUrl"_s, options.proxyUrl}}},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

Result<HttpRequest> RequestJson::fromJson(const QByteArray &json)
{
    const Result<QJsonObject> parsed = parseObject(json, "request");
    if (!parsed)
        return parsed.error();
    const QJsonObject &object = parsed.value();
    HttpRequest request;
    const TransportOptions defaults;
    request.name = object.value("name"_L1).toString();
    request.method = object.value("method"_L1).toString(u"GET"_s);
    request.url = object.value("url"_L1).toString();
    request.headers = rowsFromJson(object.value("headers"_L1));

    const QJsonObject body = object.value("body"_L1).toObject();
    request.body.kind = fromName(bodyKinds, body.value("kind"_L1), BodyKind::None);
    request.body.rawType = fromName(rawTypes, body.value("rawType"_L1), RawBodyType::Json);
    request.body.raw = body.value("raw"_L1).toString();
    request.body.form = rowsFromJson(body.value("form"_L1));
    const QJsonArray multipart = body.value("multipart"_L1).toArray();
    for (const QJsonValue &item : multipart) {
        const QJsonObject field = item.toObject();
        request.body.multipart.append({field.value("name"_L1).toString(), field.value("value"_L1).toString(),
                                       field.value("isFile"_L1).toBool(), field.value("contentType"_L1).toString(),
                                       field.value("enabled"_L1).toBool(true)});
    }
    request.body.filePath = body.value("filePath"_L1).toString();
    request.body.fileContentType = body.value("fileContentType"_L1).toString();

    const QJsonObject auth = object.value("auth"_L1).toObject();
    request.auth.kind = fromName(authKinds, auth.value("kind"_L1), AuthKind::None);
    request.auth.username = auth.value("username"_L1).toString();
    request.auth.keyName = auth.value("keyName"_L1).toString();
    const RequestAuth authDefaults;
    request.auth.jwtAlgorithm = auth.value("jwtAlgorithm"_L1).toString(authDefaults.jwtAlgorithm);
    request.auth.jwtKeyPath = auth.value("jwtKeyPath"_L1).toString();
    request.auth.jwtHeader = auth.value("jwtHeader"_L1).toString();
    request.auth.jwtClaims = auth.value("jwtClaims"_L1).toString();
    request.auth.jwtHeaderName = auth.value("jwtHeaderName"_L1).toString(authDefaults.jwtHeaderName);
    request.auth.jwtPrefix = auth.value("jwtPrefix"_L1).toString(authDefaults.jwtPrefix);
    request.auth.oauth2Profile = auth.value("oauth2Profile"_L1).toString();

    const QJsonObject options = object.value("options"_L1).toObject();
    TransportOptions &o = request.options;
    o.connectTimeoutMs = options.value("connectTimeoutMs"_L1).toInt(defaults.connectTimeoutMs);
    o.transferTimeoutMs = options.value("transferTimeoutMs"_L1).toInt(defaults.transferTimeoutMs);
    o.totalTimeoutMs = options.value("totalTimeoutMs"_L1).toInt(defaults.totalTimeoutMs);
    o.followRedirects = options.value("followRedirects"_L1).toBool(defaults.followRedirects);
    o.maxRedirects = options.value("maxRedirects"_L1).toInt(defaults.maxRedirects);
    o.verifyTls = options.value("verifyTls"_L1).toBool(defaults.verifyTls);
    o.caBundlePath = options.value("caBundlePath"_L1).toString();
    o.clientCertPath = options.value("clientCertPath"_L1).toString();
    o.clientKeyPath = options.value("clientKeyPath"_L1).toString();
    o.allowHttp2 = options.value("allowHttp2"_L1).toBool(defaults.allowHttp2);
    o.proxyMode = fromName(proxyModes, options.value("proxyMode"_L1), defaults.proxyMode);
    o.proxyUrl = options.value("proxyUrl"_L1).toString();
    return request;
}

QByteArray RequestJson::toJson(const Environment &environment)
{
    return QJsonDocument(
               QJsonObject{{u"name"_s, environment.name}, {u"variables"_s, rowsToJson(environment.variables)}})
        .toJson(QJsonDocument::Indented);
}

Result<Environment> RequestJson::environmentFromJson(const QByteArray &json)
{
    const Result<QJsonObject> parsed = parseObject(json, "environment");
    if (!parsed)
        return parsed.error();
    return Environment{parsed.value().value("name"_L1).toString(), rowsFromJson(parsed.value().value("variables"_L1))};
}

} // namespace tanager
