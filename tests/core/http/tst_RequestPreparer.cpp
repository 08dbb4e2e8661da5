// SPDX-License-Identifier: GPL-3.0-or-later
#include <RequestPreparer.h>

#include <QBuffer>
#include <QIODevice>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

namespace {
QByteArray headerValue(const PreparedRequest &prepared, QByteArrayView name)
{
    for (const HeaderLine &line : prepared.headers) {
        if (line.name.compare(name, Qt::CaseInsensitive) == 0)
            return line.value;
    }
    return {};
}

QByteArray bodyBytes(const PreparedRequest &prepared)
{
    QObject owner;
    QIODevice *device = prepared.body.createDevice(&owner);
    return device->readAll();
}

HttpRequest get(const QString &url)
{
    HttpRequest request;
    request.url = url;
    return request;
}
} // namespace

class tst_RequestPreparer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void badInputIsRejected_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("headerName");
        QTest::addColumn<QString>("expected");
        QTest::addRow("empty url") << u"GET"_s << u""_s << QString() << u"Enter a URL"_s;
        QTest::addRow("method with space") << u"GE T"_s << u"http://x"_s << QString() << u"not a valid HTTP method"_s;
        QTest::addRow("ftp scheme") << u"GET"_s << u"ftp://x.org/f"_s << QString() << u"Only http and https"_s;
        QTest::addRow("no host") << u"GET"_s << u"http:///path"_s << QString() << u"no host"_s;
        QTest::addRow("bad characters") << u"GET"_s << u"http://exa mple.org/"_s << QString() << u"not valid"_s;
        QTest::addRow("undefined url variable") << u"GET"_s << u"{{base}}/x"_s << QString() << u"{{base}}"_s;
        QTest::addRow("header with space") << u"GET"_s << u"http://x.org"_s << u"X Bad"_s << u"Header name"_s;
        QTest::addRow("header with colon") << u"GET"_s << u"http://x.org"_s << u"X:Bad"_s << u"Header name"_s;
    }
    void badInputIsRejected()
    {
        QFETCH(QString, method);
        QFETCH(QString, url);
        QFETCH(QString, headerName);
        QFETCH(QString, expected);
        HttpRequest request = get(url);
        request.method = method;
        if (!headerName.isEmpty())
            request.headers.append({headerName, u"v"_s, true});
        const Result<PreparedRequest> prepared = RequestPreparer::prepare(request, {});
        QVERIFY(!prepared.ok());
        QVERIFY2(prepared.error().message.contains(expected), qPrintable(prepared.error().message));
        QCOMPARE(prepared.error().code, Error::Code::InvalidInput);
    }

    void automaticHeadersAreExplicit()
    {
        const Result<PreparedRequest> prepared = RequestPreparer::prepare(get(u"http://127.0.0.1:8080/x"_s), {});
        QVERIFY(prepared.ok());
        const PreparedRequest &p = prepared.value();
        QCOMPARE(p.headers.first().name, "Host"_ba);
        QCOMPARE(headerValue(p, "Host"), "127.0.0.1:8080"_ba);
        QVERIFY(headerValue(p, "User-Agent").startsWith("Tanager/"));
        QCOMPARE(headerValue(p, "Accept-Encoding"), "gzip, deflate"_ba);
        QCOMPARE(headerValue(p, "Accept"), "*/*"_ba);
        QVERIFY(!headerValue(p, "Accept-Language").isEmpty());
        QVERIFY(headerValue(p, "Content-Length").isEmpty());
        for (const HeaderLine &line : p.headers)
            QVERIFY2(line.automatic, line.name.constData());
    }

    void userHeadersWinAndKeepOrder()
    {
        HttpRequest request = get(u"https://example.org"_s);
        request.headers = {{u"Accept"_s, u"application/json"_s, true},
                           {u"X-Trace"_s, u"1"_s, true},
                           {u"X-Trace"_s, u"2"_s, true},
                           {u"X-Off"_s, u"no"_s, false},
                           {u"User-Agent"_s, u"mine/1"_s, true}};
        const PreparedRequest p = RequestPreparer::prepare(request, {}).value();
        QCOMPARE(headerValue(p, "Accept"), "application/json"_ba);
        QCOMPARE(headerValue(p, "User-Agent"), "mine/1"_ba);
        QCOMPARE(headerValue(p, "X-Off"), QByteArray());
        QCOMPARE(headerValue(p, "Host"), "example.org"_ba); // default port is not written
        QByteArrayList traces;
        for (const HeaderLine &line : p.headers) {
            if (line.name == "X-Trace")
                traces.append(line.value);
        }
        QCOMPARE(traces, (QByteArrayList{"1", "2"}));
    }

    void rawBodiesGetTheirContentType_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addRow("json") << int(RawBodyType::Json) << "application/json"_ba;
        QTest::addRow("xml") << int(RawBodyType::Xml) << "application/xml"_ba;
        QTest::addRow("text") << int(RawBodyType::Text) << "text/plain; charset=utf-8"_ba;
        QTest::addRow("html") << int(RawBodyType::Html) << "text/html; charset=utf-8"_ba;
    }
    void rawBodiesGetTheirContentType()
    {
        QFETCH(int, type);
        QFETCH(QByteArray, contentType);
        HttpRequest request = get(u"http://x.org"_s);
        request.method = u"POST"_s;
        request.body.kind = BodyKind::Raw;
        request.body.rawType = RawBodyType(type);
        request.body.raw = u"{\"é\": 1}"_s;
        const PreparedRequest p = RequestPreparer::prepare(request, {}).value();
        QCOMPARE(headerValue(p, "Content-Type"), contentType);
        QCOMPARE(bodyBytes(p), u"{\"é\": 1}"_s.toUtf8());
        QCOMPARE(headerValue(p, "Content-Length"), QByteArray::number(u"{\"é\": 1}"_s.toUtf8().size()));
    }

    void formBodyIsUrlEncoded()
    {
        HttpRequest request = get(u"http://x.org"_s);
        request.method = u"POST"_s;
        request.body.kind = BodyKind::FormUrlEncoded;
        request.body.form = {{u"name"_s, u"Ada Lovelace"_s, true},
                             {u"math"_s, u"1+1=2 & more"_s, true},
                             {u"off"_s, u"x"_s, false},
                             {u"city"_s, u"Köln"_s, true}};
        const PreparedRequest p = RequestPreparer::prepare(request, {}).value();
        QCOMPARE(headerValue(p, "Content-Type"), "application/x-www-form-urlencoded"_ba);
        QCOMPARE(bodyBytes(p), "name=Ada+Lovelace&math=1%2B1%3D2+%26+more&city=K%C3%B6ln"_ba);
    }

    void multipartStreamsFiles()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(u"report.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"ok\":true}");
        file.close();
        HttpRequest request = get(u"http://x.org"_s);
        request.method = u"POST"_s;
        request.body.kind = BodyKind::Multipart;
        request.body.multipart = {{u"title"_s, u"Q3 \"final\""_s, false, {}, true},
                                  {u"upload"_s, file.fileName(), true, {}, true},
                                  {u"skipped"_s, u"x"_s, false, {}, false}};
        const PreparedRequest p = RequestPreparer::prepare(request, {}).value();
        const QByteArray contentType = headerValue(p, "Content-Type");
        QVERIFY(contentType.startsWith("multipart/form-data; boundary="));
        const QByteArray boundary = contentType.mid(contentType.indexOf('=') + 1);
        const QByteArray body = bodyBytes(p);
        QCOMPARE(qint64(body.size()), p.body.size());
        QCOMPARE(headerValue(p, "Content-Length"), QByteArray::number(body.size()));
        QVERIFY(body.startsWith(QByteArray("--" + boundary + "\r\n")));
        QVERIFY(body.endsWith(QByteArray("--" + boundary + "--\r\n")));
        QVERIFY(body.contains("Content-Disposition: form-data; name=\"title\"\r\n\r\nQ3 \"final\"\r\n") ||
                body.contains("name=\"title\"\r\n\r\nQ3 \"final\"\r\n"));
        QVERIFY(body.contains("name=\"upload\"; filename=\"report.json\"\r\nContent-Type: application/json\r\n\r\n"
                              "{\"ok\":true}\r\n"));
        QVERIFY(!body.contains("skipped"));
        // The preview names the file instead of reading it.
        QVERIFY(p.body.preview(4096).contains("<contents of "));
    }

    void missingBodyFileIsAnError()
    {
        HttpRequest request = get(u"http://x.org"_s);
        request.method = u"PUT"_s;
        request.body.kind = BodyKind::BinaryFile;
        request.body.filePath = u"/nonexistent/upload.bin"_s;
        const Result<PreparedRequest> prepared = RequestPreparer::prepare(request, {});
        QVERIFY(!prepared.ok());
        QVERIFY(prepared.error().message.contains(u"/nonexistent/upload.bin does not exist"_s));
    }

    void authIsApplied_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("urlPart");
        QTest::addRow("basic") << int(AuthKind::Basic) << "Authorization"_ba
                               << "Basic dXNlcjpww6Rzcw=="_ba << QString();
        QTest::addRow("bearer") << int(AuthKind::Bearer) << "Authorization"_ba
                                << "Bearer tok"_ba << QString();
        QTest::addRow("api key header") << int(AuthKind::ApiKeyHeader) << "X-Api-Key"_ba
                                        << "k123"_ba << QString();
        QTest::addRow("api key query") << int(AuthKind::ApiKeyQuery) << QByteArray() << QByteArray()
                                       << u"?page=1&X-Api-Key=k123"_s;
    }
    void authIsApplied()
    {
        QFETCH(int, kind);
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, value);
        QFETCH(QString, urlPart);
        HttpRequest request = get(u"https://x.org/a?page=1"_s);
        request.auth = {AuthKind(kind), u"user"_s, u"päss"_s, u"tok"_s, u"X-Api-Key"_s, u"k123"_s};
        const PreparedRequest p = RequestPreparer::prepare(request, {}).value();
        if (!header.isEmpty())
            QCOMPARE(headerValue(p, header), value);
        if (!urlPart.isEmpty())
            QVERIFY2(p.url.toString().endsWith(urlPart), qPrintable(p.url.toString()));
    }

    void authenticatorSchemesAddNothing_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("digest") << int(AuthKind::Digest);
        QTest::newRow("jwt") << int(AuthKind::Jwt);
        QTest::newRow("oauth2") << int(AuthKind::OAuth2);
    }

    void authenticatorSchemesAddNothing()
    {
        // Digest, JWT and OAuth2 are applied by the RequestAuthenticator while the exchange runs;
        // the preparer only resolves their variables for it.
        QFETCH(int, kind);
        HttpRequest request = get(u"https://x.org/a"_s);
        request.auth.kind = AuthKind(kind);
        request.auth.username = u"{{user}}"_s;
        request.auth.password = u"{{pw}}"_s;
        request.auth.jwtSecret = u"{{pw}}"_s;
        request.auth.jwtClaims = u"{\"sub\":\"{{user}}\"}"_s;
        request.auth.oauth2Profile = u"{{profile}}"_s;
        const Environment env{u"e"_s,
                              {{u"user"_s, u"ada"_s, true}, {u"pw"_s, u"s3"_s, true}, {u"profile"_s, u"gh"_s, true}}};
        const PreparedRequest p = RequestPreparer::prepare(request, env).value();
        QVERIFY(headerValue(p, "Authorization").isNull());
        QCOMPARE(p.auth.kind, AuthKind(kind));
        QCOMPARE(p.auth.username, u"ada"_s);
        QCOMPARE(p.auth.password, u"s3"_s);
        QCOMPARE(p.auth.jwtSecret, u"s3"_s);
        QCOMPARE(p.auth.jwtClaims, u"{\"sub\":\"ada\"}"_s);
        QCOMPARE(p.auth.oauth2Profile, u"gh"_s);
    }

    void cookiesFromTheJarAreListed()
    {
        QNetworkCookieJar jar;
        QNetworkCookie session("sid"_ba, "abc"_ba);
        session.setDomain(u"x.org"_s);
        session.setPath(u"/"_s);
        jar.insertCookie(session);
        const PreparedRequest p = RequestPreparer::prepare(get(u"http://x.org/"_s), {}, &jar).value();
        QCOMPARE(headerValue(p, "Cookie"), "sid=abc"_ba);
    }

    void warnings()
    {
        HttpRequest request = get(u"example.org/{{missing}}"_s);
        request.headers = {{u"X-A"_s, u"{{nope}}"_s, true}};
        request.options.verifyTls = false;
        const Result<PreparedRequest> prepared = RequestPreparer::prepare(request, {});
        QVERIFY(!prepared.ok()); // an undefined variable in the URL stops the request
        request.url = u"example.org/x"_s;
        const PreparedRequest p = RequestPreparer::prepare(request, {}).value();
        QCOMPARE(p.url.toString(), u"http://example.org/x"_s);
        QCOMPARE(p.warnings.size(), 3); // no scheme, undefined header variable, TLS off
    }
};

QTEST_GUILESS_MAIN(tst_RequestPreparer)
#include "tst_RequestPreparer.moc"
