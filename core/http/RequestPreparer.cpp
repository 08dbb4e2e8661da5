// SPDX-License-Identifier: GPL-3.0-or-later
#include "RequestPreparer.h"

#include "QueryParams.h"
#include "RequestJson.h"
#include "VariableResolver.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>
#include <QMimeDatabase>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

Error invalid(const QString &message)
{
    return Error{Error::Code::InvalidInput, message};
}

bool hasHeader(const HeaderLines &headers, QByteArrayView name)
{
    for (const HeaderLine &line : headers) {
        if (line.name.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

void addAutomatic(HeaderLines &headers, const QByteArray &name, const QByteArray &value)
{
    if (!hasHeader(headers, name))
        headers.append({name, value, true});
}

QByteArray rawContentType(RawBodyType type)
{
    switch (type) {
    case RawBodyType::Json:
        return "application/json";
    case RawBodyType::Xml:
        return "application/xml";
    case RawBodyType::Html:
        return "text/html; charset=utf-8";
    case RawBodyType::JavaScript:
        return "application/javascript";
    case RawBodyType::Text:
        break;
    }
    return "text/plain; charset=utf-8";
}

QByteArray guessContentType(const QString &path)
{
    const QMimeType type = QMimeDatabase().mimeTypeForFile(path, QMimeDatabase::MatchExtension);
    return type.isDefault() ? QByteArrayLiteral("application/octet-stream") : type.name().toUtf8();
}

QByteArray formEncode(const QString &text)
{
    // application/x-www-form-urlencoded (WHATWG URL): space becomes '+', all but *-._ and
    // alphanumerics are percent-encoded.
    return text.toUtf8().toPercentEncoding(" *-._"_ba).replace(' ', '+');
}

Result<QFileInfo> readableFile(const QString &path, const QString &what)
{
    const QFileInfo info(path);
    if (path.isEmpty())
        return invalid(
            RequestPreparer::tr("No file chosen for %1: choose a file or remove it from the body.").arg(what));
    if (!info.exists())
        return invalid(RequestPreparer::tr("Body file %1 does not exist: choose an existing file.").arg(path));
    if (!info.isFile() || !info.isReadable())
        return invalid(RequestPreparer::tr("Body file %1 cannot be read: check its permissions.").arg(path));
    return info;
}

QByteArray quotedParameter(const QString &value)
{
    QByteArray out = value.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"").replace('\r', "%0D").replace('\n', "%0A");
    return out;
}

// Fills prepared.body and returns the Content-Type the body needs, or an error.
Result<QByteArray> buildBody(const RequestBody &body, PreparedRequest &prepared)
{
    BodySource &source = prepared.body;
    switch (body.kind) {
    case BodyKind::None:
        return QByteArray();
    case BodyKind::Raw:
        source.appendBytes(body.raw.toUtf8());
        prepared.hasBody = true;
        return rawContentType(body.rawType);
    case BodyKind::FormUrlEncoded: {
        QByteArrayList pairs;
        for (const KeyValueRow &row : body.form) {
            if (row.enabled)
                pairs.append(formEncode(row.key) + '=' + formEncode(row.value));
        }
        source.appendBytes(pairs.join('&'));
        prepared.hasBody = true;
        return QByteArrayLiteral("application/x-www-form-urlencoded");
    }
    case BodyKind::Multipart: {
        const QByteArray boundary =
            "----TanagerBoundary" + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
        for (const MultipartField &field : body.multipart) {
            if (!field.enabled)
                continue;
            QByteArray head =
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quotedParameter(field.name) + '"';
            if (field.isFile) {
                const Result<QFileInfo> info =
                    readableFile(field.value, RequestPreparer::tr("field %1").arg(field.name));
                if (!info)
                    return info.error();
                const QByteArray type =
                    field.contentType.isEmpty() ? guessContentType(field.value) : field.contentType.toUtf8();
                head += "; filename=\"" + quotedParameter(info.value().fileName()) + "\"\r\nContent-Type: " + type +
                        "\r\n\r\n";
                source.appendBytes(head);
                source.appendFile(info.value().absoluteFilePath(), info.value().size());
                source.appendBytes("\r\n");
            } else {
                if (!field.contentType.isEmpty())
                    head += "\r\nContent-Type: " + field.contentType.toUtf8();
                source.appendBytes(head + "\r\n\r\n" + field.value.toUtf8() + "\r\n");
            }
        }
        source.appendBytes("--" + boundary + "--\r\n");
        prepared.hasBody = true;
        return QByteArray("multipart/form-data; boundary=" + boundary);
    }
    case BodyKind::BinaryFile: {
        const Result<QFileInfo> info = readableFile(body.filePath, RequestPreparer::tr("the binary body"));
        if (!info)
            return info.error();
        source.appendFile(info.value().absoluteFilePath(), info.value().size());
        prepared.hasBody = true;
        return body.fileContentType.isEmpty() ? guessContentType(body.filePath) : body.fileContentType.toUtf8();
    }
    }
    return QByteArray();
}

Result<QUrl> buildUrl(const QString &text, const RequestAuth &auth, QStringList &warnings)
{
    QString urlText = text.trimmed();
    if (urlText.isEmpty())
        return invalid(RequestPreparer::tr("Enter a URL to send the request to."));
    if (!urlText.contains("://"_L1)) {
        urlText.prepend("http://"_L1);
        warnings.append(RequestPreparer::tr("No scheme given: sent as %1.").arg(urlText));
    }
    if (auth.kind == AuthKind::ApiKeyQuery && !auth.keyName.isEmpty()) {
        QList<QueryParam> params = QueryParams::fromUrl(urlText);
        params.append({auth.keyName, auth.keyValue, true, {}, {}});
        urlText = QueryParams::withParams(urlText, params);
    }
    // Tolerant: a space typed in a query becomes %20, as every HTTP client does it.
    const QUrl url(urlText, QUrl::TolerantMode);
    if (!url.isValid())
        return invalid(RequestPreparer::tr("The URL is not valid (%1): check it for spaces or stray characters.")
                           .arg(url.errorString()));
    const QString scheme = url.scheme().toLower();
    if (scheme != "http"_L1 && scheme != "https"_L1)
        return invalid(
            RequestPreparer::tr("Only http and https URLs can be sent, not %1: start the URL with http:// or https://.")
                .arg(url.scheme()));
    if (url.host().isEmpty())
        return invalid(RequestPreparer::tr("The URL has no host: write it as %1://host/path.").arg(scheme));
    return url;
}

} // namespace

bool RequestPreparer::isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && !QByteArrayView("!#$%&'*+-.^_`|~").contains(c))
            return false;
    }
    return true;
}

QByteArray RequestPreparer::userAgent()
{
    return QByteArrayLiteral("Tanager/" TANAGER_VERSION);
}

Result<PreparedRequest> RequestPreparer::prepare(const HttpRequest &request, const Environment &environment,
                                                 const QNetworkCookieJar *cookies)
{
    VariableResolver resolver(environment);
    const HttpRequest resolved = resolver.resolve(request);
    PreparedRequest prepared;
    prepared.options = request.options;
    prepared.requestModel = RequestJson::toJson(request);

    const QByteArray method = resolved.method.trimmed().toUtf8();
    if (!isToken(method))
        return invalid(
            RequestPreparer::tr("\"%1\" is not a valid HTTP method: use letters such as GET or POST, without spaces.")
                .arg(resolved.method));
    prepared.method = method;

    for (const QString &name : resolver.unresolved()) {
        if (resolved.url.contains(u"{{"_s + name) || resolved.url.contains(u"{{ "_s + name))
            return invalid(
                RequestPreparer::tr("The URL uses {{%1}}, which the active environment does not define: add it there.")
                    .arg(name));
    }
    if (!resolver.unresolved().isEmpty())
        prepared.warnings.append(RequestPreparer::tr("Undefined variables were sent as typed: %1.")
                                     .arg(resolver.unresolved().join(", "_L1)));

    Result<QUrl> url = buildUrl(resolved.url, resolved.auth, prepared.warnings);
    if (!url)
        return url.error();
    prepared.url = url.value();
    prepared.auth = resolved.auth;

    for (const KeyValueRow &row : resolved.headers) {
        if (!row.enabled || (row.key.isEmpty() && row.value.isEmpty()))
            continue;
        const QByteArray name = row.key.trimmed().toUtf8();
        if (!isToken(name))
            return invalid(
                RequestPreparer::tr("Header name \"%1\" is not valid: use letters, digits and - only.").arg(row.key));
        const QByteArray value = row.value.trimmed().toUtf8();
        if (value.contains('\r') || value.contains('\n') || value.contains('\0'))
            return invalid(RequestPreparer::tr("The value of header %1 has a line break: remove it.").arg(row.key));
        prepared.headers.append({name, value, false});
    }

    const RequestAuth &auth = resolved.auth;
    const bool userAuthorization = hasHeader(prepared.headers, "Authorization");
    if ((auth.kind == AuthKind::Basic || auth.kind == AuthKind::Bearer) && userAuthorization)
        prepared.warnings.append(
            RequestPreparer::tr("The Authorization header you typed was sent instead of the auth settings."));
    if (auth.kind == AuthKind::Basic)
        addAutomatic(prepared.headers, "Authorization",
                     "Basic " + (auth.username + u':' + auth.password).toUtf8().toBase64());
    else if (auth.kind == AuthKind::Bearer)
        addAutomatic(prepared.headers, "Authorization", "Bearer " + auth.token.toUtf8());
    else if (auth.kind == AuthKind::ApiKeyHeader && !auth.keyName.isEmpty()) {
        if (!isToken(auth.keyName.toUtf8()))
            return invalid(
                RequestPreparer::tr("API key header name \"%1\" is not valid: use letters, digits and - only.")
                    .arg(auth.keyName));
        addAutomatic(prepared.headers, auth.keyName.toUtf8(), auth.keyValue.toUtf8());
    }

    const Result<QByteArray> contentType = buildBody(resolved.body, prepared);
    if (!contentType)
        return contentType.error();
    if (prepared.hasBody && !contentType.value().isEmpty())
        addAutomatic(prepared.headers, "Content-Type", contentType.value());

    if (!request.options.verifyTls)
        prepared.warnings.append(
            RequestPreparer::tr("TLS certificate verification is off for this request: the server's identity "
                                "was not checked."));
    setAutomaticHeaders(prepared, cookies);
    return prepared;
}

void RequestPreparer::setAutomaticHeaders(PreparedRequest &prepared, const QNetworkCookieJar *cookies)
{
    HeaderLines &headers = prepared.headers;
    headers.removeIf([](const HeaderLine &line) { return line.automatic && line.name == "Host"; });
    headers.removeIf([](const HeaderLine &line) { return line.automatic && line.name == "Cookie"; });
    headers.removeIf([](const HeaderLine &line) { return line.automatic && line.name == "Content-Length"; });

    const QUrl &url = prepared.url;
    QByteArray host = url.host(QUrl::FullyEncoded).toUtf8();
    if (host.contains(':'))
        host = '[' + host + ']';
    const int defaultPort = url.scheme().compare("https"_L1, Qt::CaseInsensitive) == 0 ? 443 : 80;
    if (url.port(defaultPort) != defaultPort)
        host += ':' + QByteArray::number(url.port());
    // Host first, as every client writes it; then the rest in the order QNAM would add them.
    if (!hasHeader(headers, "Host"))
        headers.prepend({"Host", host, true});
    addAutomatic(headers, "User-Agent", userAgent());
    addAutomatic(headers, "Accept", "*/*");
    addAutomatic(headers, "Accept-Encoding", "gzip, deflate");
    // The value QNAM would add on its own; set here so that it is visible and can be overridden.
    const QLocale locale = QLocale::system();
    const QStringList languages = locale.uiLanguages();
    const bool plainC = locale.language() == QLocale::C || languages.isEmpty() || languages.first() == "C"_L1;
    addAutomatic(headers, "Accept-Language", (plainC ? u"en"_s : languages.first()).toUtf8() + ",*");
    addAutomatic(headers, "Connection", "Keep-Alive");
    if (cookies && !hasHeader(headers, "Cookie")) {
        QByteArrayList pairs;
        const QList<QNetworkCookie> matching = cookies->cookiesForUrl(url);
        for (const QNetworkCookie &cookie : matching)
            pairs.append(cookie.toRawForm(QNetworkCookie::NameAndValueOnly));
        if (!pairs.isEmpty())
            headers.append({"Cookie", pairs.join("; "), true});
    }
    if (prepared.hasBody && !hasHeader(headers, "Content-Length"))
        headers.append({"Content-Length", QByteArray::number(prepared.body.size()), true});
}

} // namespace tanager
