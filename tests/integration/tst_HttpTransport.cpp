// SPDX-License-Identifier: GPL-3.0-or-later
// The http core against real servers: httpbin under gunicorn, and raw sockets where the test
// must see or shape the exact bytes on the wire.
#include "ExchangeWaiter.h"

#include <ChildProcess.h>
#include <HttpbinServer.h>
#include <TcpPorts.h>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace tanager;
using tanager::test::exchange;
using tanager::test::header;

namespace {
QJsonObject json(const HttpExchange &e)
{
    return QJsonDocument::fromJson(e.response.body).object();
}
} // namespace

class tst_HttpTransport : public QObject
{
    Q_OBJECT
private:
    HttpbinServer m_httpbin;
    QNetworkAccessManager *m_manager = nullptr;
    HttpTransport *m_transport = nullptr;

    HttpRequest request(const QString &method, const QString &path)
    {
        HttpRequest r;
        r.method = method;
        r.url = m_httpbin.baseUrl().toString() + path; // path may carry a query string
        return r;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_httpbin.start(), qPrintable(m_httpbin.errorString())); }

    void init()
    {
        // A fresh manager per test: no cookies or pooled connections carried over.
        m_manager = new QNetworkAccessManager(this);
        m_transport = new HttpTransport(m_manager, this);
    }

    void cleanup()
    {
        delete m_transport;
        delete m_manager;
    }

    void methods_data()
    {
        QTest::addColumn<QString>("method");
        for (const char *method : {"GET", "POST", "PUT", "PATCH", "DELETE"})
            QTest::addRow("%s", method) << QString::fromLatin1(method);
    }
    void methods()
    {
        QFETCH(QString, method);
        HttpRequest r = request(method, u"/anything/x"_s);
        if (method != "GET"_L1) {
            r.body.kind = BodyKind::Raw;
            r.body.raw = u"{\"n\": 1}"_s;
        }
        const auto e = exchange(*m_transport, r);
        QVERIFY(e && !e->error);
        QCOMPARE(e->response.status, 200);
        QCOMPARE(json(*e).value("method"_L1).toString(), method);
        if (method != "GET"_L1)
            QCOMPARE(json(*e).value("data"_L1).toString(), u"{\"n\": 1}"_s);
    }

    void shownHeadersAreTheOnesThatArrived()
    {
        HttpRequest r = request(u"GET"_s, u"/headers"_s);
        r.headers = {{u"X-Custom"_s, u"one"_s, true}, {u"X-Custom"_s, u"two"_s, true}};
        const auto e = exchange(*m_transport, r);
        QVERIFY(e && !e->error);
        const QJsonObject received = json(*e).value("headers"_L1).toObject();
        // Everything httpbin saw, Tanager listed, and the other way round.
        QCOMPARE(received.size(), e->request.headers.size());
        for (const HeaderLine &line : e->request.headers) {
            const QString name = QString::fromLatin1(line.name);
            bool found = false;
            for (auto it = received.begin(); it != received.end(); ++it) {
                if (it.key().compare(name, Qt::CaseInsensitive) == 0) {
                    QCOMPARE(it.value().toString(), QString::fromUtf8(line.value));
                    found = true;
                }
            }
            QVERIFY2(found, line.name.constData());
        }
        QCOMPARE(received.value("X-Custom"_L1).toString(), u"one, two"_s);
    }

    void wireBytesMatchTheRecord()
    {
        // A bare socket reads the request head exactly as QNAM wrote it.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QByteArray head;
        connect(&server, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *socket = server.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [&head, socket] {
                head += socket->readAll();
                if (head.contains("\r\n\r\n") && head.endsWith("body!")) {
                    socket->write("HTTP/1.1 201 Created\r\nX-Reply: yes\r\nContent-Length: 2\r\n\r\nok");
                    socket->disconnectFromHost();
                }
            });
        });
        HttpRequest r;
        r.method = u"POST"_s;
        r.url = u"http://127.0.0.1:%1/raw?x=1"_s.arg(server.serverPort());
        r.headers = {{u"X-First"_s, u"1"_s, true}, {u"Cookie"_s, u"a=b"_s, true}};
        r.body.kind = BodyKind::Raw;
        r.body.rawType = RawBodyType::Text;
        r.body.raw = u"body!"_s;
        const auto e = exchange(*m_transport, r);
        QVERIFY(e && !e->error);
        QCOMPARE(e->response.status, 201);
        QCOMPARE(e->response.reason, "Created"_ba);
        QCOMPARE(header(e->response.headers, "X-Reply"), "yes"_ba);

        const QByteArray wireHead = head.left(head.indexOf("\r\n\r\n"));
        QByteArrayList lines = wireHead.split('\n');
        QCOMPARE(lines.takeFirst(), "POST /raw?x=1 HTTP/1.1\r"_ba);
        HeaderLines onWire;
        for (QByteArray line : lines) {
            if (line.endsWith('\r'))
                line.chop(1);
            const qsizetype colon = line.indexOf(':');
            onWire.append({line.left(colon), line.mid(colon + 1).trimmed(), false});
        }
        HeaderLines recorded = e->request.headers;
        for (HeaderLine &line : recorded)
            line.automatic = false;
        auto byName = [](const HeaderLine &a, const HeaderLine &b) { return a.name.toLower() < b.name.toLower(); };
        std::sort(onWire.begin(), onWire.end(), byName);
        std::sort(recorded.begin(), recorded.end(), byName);
        const auto text = [](const HeaderLines &headers) {
            QByteArrayList lines;
            for (const HeaderLine &line : headers)
                lines.append(line.name + ": " + line.value);
            return lines.join(" | ");
        };
        QCOMPARE(text(onWire), text(recorded));
        QCOMPARE(e->sentBodyPreview, "body!"_ba);
    }

    void redirectsAreFollowedAndRecorded()
    {
        const auto e = exchange(*m_transport, request(u"GET"_s, u"/redirect/3"_s));
        QVERIFY(e && !e->error);
        QCOMPARE(e->response.status, 200);
        QCOMPARE(e->redirects.size(), 3);
        QCOMPARE(e->redirects.first().status, 302);
        QCOMPARE(e->redirects.first().url.path(), u"/redirect/3"_s);
        QCOMPARE(e->request.url.path(), u"/get"_s);
    }

    void redirectLimitAndOff()
    {
        HttpRequest r = request(u"GET"_s, u"/redirect/3"_s);
        r.options.maxRedirects = 2;
        auto e = exchange(*m_transport, r);
        QVERIFY(e && e->error);
        QVERIFY(e->error->message.contains(u"Stopped after 2 redirects"_s));
        QCOMPARE(e->redirects.size(), 2);

        r.options.followRedirects = false;
        e = exchange(*m_transport, r);
        QVERIFY(e && !e->error);
        QCOMPARE(e->response.status, 302);
        QVERIFY(e->redirects.isEmpty());
        QVERIFY(!header(e->response.headers, "Location").isEmpty());
    }

    void redirectMethodRules_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("finalMethod");
        QTest::addRow("303 becomes GET") << 303 << u"/anything/after"_s << u"GET"_s;
        QTest::addRow("302 POST becomes GET") << 302 << u"/anything/after"_s << u"GET"_s;
        QTest::addRow("307 keeps POST and body") << 307 << u"/anything/after"_s << u"POST"_s;
        QTest::addRow("308 keeps POST and body") << 308 << u"/anything/after"_s << u"POST"_s;
    }
    void redirectMethodRules()
    {
        QFETCH(int, status);
        QFETCH(QString, target);
        QFETCH(QString, finalMethod);
        HttpRequest r = request(u"POST"_s, u"/redirect-to"_s);
        r.url += u"?url="_s + target + u"&status_code="_s + QString::number(status);
        r.body.kind = BodyKind::Raw;
        r.body.raw = u"{\"keep\": true}"_s;
        const auto e = exchange(*m_transport, r);
        QVERIFY(e && !e->error);
        QCOMPARE(json(*e).value("method"_L1).toString(), finalMethod);
        QCOMPARE(json(*e).value("data"_L1).toString(), finalMethod == "POST"_L1 ? r.body.raw : QString());
    }

    void compressedBodiesAreDecoded_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("encoding");
        QTest::addRow("gzip") << u"/gzip"_s << "gzip"_ba;
        QTest::addRow("deflate") << u"/deflate"_s << "deflate"_ba;
    }
    void compressedBodiesAreDecoded()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, encoding);
        const auto e = exchange(*m_transport, request(u"GET"_s, path));
        QVERIFY(e && !e->error);
        QCOMPARE(header(e->response.headers, "Content-Encoding"), encoding);
        QVERIFY(json(*e).contains(encoding == "gzip" ? "gzipped"_L1 : "deflated"_L1));
        QCOMPARE(e->response.bodySize, qint64(e->response.body.size()));
        QCOMPARE(e->response.wireSize, header(e->response.headers, "Content-Length").toLongLong());
        QVERIFY(e->response.wireSize != e->response.bodySize);
    }

    void errorStatusesAreAnswersNotFailures_data()
    {
        QTest::addColumn<int>("status");
        for (int status : {201, 204, 400, 404, 418, 500, 503})
            QTest::addRow("%d", status) << status;
    }
    void errorStatusesAreAnswersNotFailures()
    {
        QFETCH(int, status);
        const auto e = exchange(*m_transport, request(u"GET"_s, u"/status/"_s + QString::number(status)));
        QVERIFY(e);
        QVERIFY2(!e->error, e->error ? qPrintable(e->error->message) : "");
        QCOMPARE(e->response.status, status);
    }

    void transferTimeout()
    {
        HttpRequest r = request(u"GET"_s, u"/delay/5"_s);
        r.options.transferTimeoutMs = 700;
        const auto e = exchange(*m_transport, r);
        QVERIFY(e && e->error);
        QCOMPARE(e->error->code, Error::Code::Timeout);
        QVERIFY(e->error->message.contains(u"sent nothing for 0.7 s"_s));
        QVERIFY(e->timings.doneUs < 4'000'000);
    }

    void totalTimeout()
    {
        HttpRequest r = request(u"GET"_s, u"/drip?duration=4&numbytes=8&delay=0"_s);
        r.options.totalTimeoutMs = 1000;
        const auto e = exchange(*m_transport, r);
        QVERIFY(e && e->error);
        QCOMPARE(e->error->code, Error::Code::Timeout);
        QVERIFY(e->error->message.contains(u"longer than the 1 s allowed"_s));
    }

    void cancel()
    {
        const Result<PreparedRequest> prepared =
            RequestPreparer::prepare(request(u"GET"_s, u"/delay/5"_s), {}, m_transport->cookieJar());
        HttpCall *call = m_transport->send(prepared.value());
        std::optional<HttpExchange> result;
        connect(call, &HttpCall::finished, this, [&result](const HttpExchange &e) { result = e; });
        QTimer::singleShot(200, call, &HttpCall::cancel);
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 4000);
        QCOMPARE(result->error->code, Error::Code::Canceled);
    }

    void cookiesAreKeptAcrossRedirects()
    {
        // /cookies/set answers with Set-Cookie and a redirect to /cookies, which echoes what it got.
        const auto e = exchange(*m_transport, request(u"GET"_s, u"/cookies/set?flavor=oatmeal"_s));
        QVERIFY(e && !e->error);
        QCOMPARE(e->redirects.size(), 1);
        QCOMPARE(json(*e).value("cookies"_L1).toObject().value("flavor"_L1).toString(), u"oatmeal"_s);
        QCOMPARE(header(e->request.headers, "Cookie"), "flavor=oatmeal"_ba);
        // And the next request carries it too.
        const auto again = exchange(*m_transport, request(u"GET"_s, u"/cookies"_s));
        QCOMPARE(json(*again).value("cookies"_L1).toObject().value("flavor"_L1).toString(), u"oatmeal"_s);
    }

    void basicAuth_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<int>("status");
        QTest::addRow("right") << u"s3cret"_s << 200;
        QTest::addRow("wrong") << u"guess"_s << 401;
    }
    void basicAuth()
    {
        QFETCH(QString, password);
        QFETCH(int, status);
        HttpRequest r = request(u"GET"_s, u"/basic-auth/ada/s3cret"_s);
        r.auth.kind = AuthKind::Basic;
        r.auth.username = u"ada"_s;
        r.auth.password = password;
        const auto e = exchange(*m_transport, r);
        QVERIFY(e && !e->error);
        QCOMPARE(e->response.status, status);
    }

    void multipartAsHttpbinParsesIt()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(u"notes.txt"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("line one\nline two\n");
        file.close();
        HttpRequest r = request(u"POST"_s, u"/post"_s);
        r.body.kind = BodyKind::Multipart;
        r.body.multipart = {{u"title"_s, u"Grüße"_s, false, {}, true}, {u"upload"_s, file.fileName(), true, {}, true}};
        const auto e = exchange(*m_transport, r);
        QVERIFY(e && !e->error);
        const QJsonObject body = json(*e);
        QCOMPARE(body.value("form"_L1).toObject().value("title"_L1).toString(), u"Grüße"_s);
        QCOMPARE(body.value("files"_L1).toObject().value("upload"_L1).toString(), u"line one\nline two\n"_s);
    }

    void largeFileIsStreamedUp()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(u"big.txt"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QByteArray line = "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz012345678\n";
        QCryptographicHash hash(QCryptographicHash::Sha256);
        for (int i = 0; i < 64 * 1024; ++i) { // 5.25 MiB
            file.write(line);
            hash.addData(line);
        }
        file.close();
        HttpRequest r = request(u"PUT"_s, u"/put"_s);
        r.body.kind = BodyKind::BinaryFile;
        r.body.filePath = file.fileName();
        r.body.fileContentType = u"text/plain"_s;
        const auto e = exchange(*m_transport, r, {}, 60000);
        QVERIFY(e && !e->error);
        const QJsonObject body = json(*e);
        QCOMPARE(body.value("headers"_L1).toObject().value("Content-Length"_L1).toString().toLongLong(), file.size());
        QCOMPARE(QCryptographicHash::hash(body.value("data"_L1).toString().toUtf8(), QCryptographicHash::Sha256),
                 hash.result());
    }

    void downloadGoesToAFile()
    {
        QTemporaryDir dir;
        HttpRequest r = request(u"GET"_s, u"/bytes/100000?seed=7"_s);
        r.options.downloadPath = dir.filePath(u"out.bin"_s);
        const auto e = exchange(*m_transport, r);
        QVERIFY(e && !e->error);
        QVERIFY(e->response.body.isEmpty());
        QCOMPARE(e->response.bodySize, 100000);
        QCOMPARE(e->response.savedTo, r.options.downloadPath);
        QCOMPARE(QFileInfo(r.options.downloadPath).size(), 100000);

        // The same seed in memory gives the same bytes: nothing was lost or re-encoded.
        r.options.downloadPath.clear();
        const auto inMemory = exchange(*m_transport, r);
        QFile saved(dir.filePath(u"out.bin"_s));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), inMemory->response.body);
    }

    void unwritableDownloadIsAClearError()
    {
        HttpRequest r = request(u"GET"_s, u"/bytes/10"_s);
        r.options.downloadPath = u"/nonexistent-dir/out.bin"_s;
        const auto e = exchange(*m_transport, r);
        QVERIFY(e && e->error);
        QCOMPARE(e->error->code, Error::Code::FileError);
        QVERIFY(e->error->message.contains(u"/nonexistent-dir/out.bin"_s));
    }

    void serverClosingMidBody()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        connect(&server, &QTcpServer::newConnection, this, [&server] {
            QTcpSocket *socket = server.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->readAll();
                socket->write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly ten!!");
                socket->flush();
                socket->disconnectFromHost();
            });
        });
        HttpRequest r;
        r.url = u"http://127.0.0.1:%1/"_s.arg(server.serverPort());
        const auto e = exchange(*m_transport, r);
        QVERIFY(e && e->error);
        QVERIFY2(e->error->message.contains(u"cut off after 10 bytes"_s), qPrintable(e->error->message));
        QCOMPARE(e->response.status, 200);
        QCOMPARE(e->response.body, "only ten!!"_ba); // what did arrive is kept
    }

    void connectionRefused()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        HttpRequest r;
        r.url = u"http://127.0.0.1:%1/"_s.arg(port);
        const auto e = exchange(*m_transport, r);
        QVERIFY(e && e->error);
        QCOMPARE(e->error->code, Error::Code::Network);
        QVERIFY(e->error->message.startsWith(u"Connection refused by 127.0.0.1:"_s));
    }

    void timingsAreOrdered()
    {
        const auto e = exchange(*m_transport, request(u"GET"_s, u"/delay/1"_s));
        QVERIFY(e && !e->error);
        QVERIFY(e->timings.sentUs > 0);
        QVERIFY(e->timings.firstByteUs >= e->timings.sentUs + 900'000);
        QVERIFY(e->timings.doneUs >= e->timings.firstByteUs);
    }

    void proxies_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("envProxy");
        QTest::addColumn<bool>("proxied");
        QTest::addRow("custom") << int(ProxyMode::Custom) << false << true;
        QTest::addRow("none, though http_proxy is set") << int(ProxyMode::None) << true << false;
    }
    void proxies()
    {
        QFETCH(int, mode);
        QFETCH(bool, envProxy);
        QFETCH(bool, proxied);
        // A real forward proxy: tinyproxy, marking what it forwards.
        QTemporaryDir dir;
        const quint16 port = TcpPorts::freePort();
        QFile config(dir.filePath(u"tinyproxy.conf"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("Port " + QByteArray::number(port)
                     + "\nListen 127.0.0.1\nTimeout 30\nAllow 127.0.0.1\nLogLevel Error\n"
                       "User nobody\nGroup nogroup\nAddHeader \"X-Proxied-By\" \"tinyproxy\"\n");
        config.close();
        ChildProcess tinyproxy;
        QVERIFY2(tinyproxy.start(u"tinyproxy"_s, {u"-d"_s, u"-c"_s, config.fileName()}), qPrintable(tinyproxy.errorString()));
        QVERIFY(TcpPorts::waitUntilAccepting(port, std::chrono::seconds(10), &tinyproxy));

        const QByteArray proxyUrl = "http://127.0.0.1:" + QByteArray::number(port);
        if (envProxy)
            qputenv("http_proxy", proxyUrl);
        HttpRequest r = request(u"GET"_s, u"/headers"_s);
        r.options.proxyMode = ProxyMode(mode);
        r.options.proxyUrl = QString::fromLatin1(proxyUrl);
        const auto e = exchange(*m_transport, r);
        qunsetenv("http_proxy");
        QVERIFY(e);
        QVERIFY2(!e->error, e->error ? qPrintable(e->error->message) : "");
        const QJsonObject headers = json(*e).value("headers"_L1).toObject();
        QCOMPARE(headers.value("X-Proxied-By"_L1).toString(), proxied ? u"tinyproxy"_s : QString());
    }

    void deadProxyIsAClearError()
    {
        HttpRequest r = request(u"GET"_s, u"/get"_s);
        r.options.proxyMode = ProxyMode::Custom;
        r.options.proxyUrl = u"http://127.0.0.1:%1"_s.arg(TcpPorts::freePort());
        const auto e = exchange(*m_transport, r);
        QVERIFY(e && e->error);
        QVERIFY2(e->error->message.startsWith(u"The proxy http://127.0.0.1:"_s), qPrintable(e->error->message));
        QVERIFY(e->error->message.contains(u"proxy settings"_s));
    }
};

QTEST_GUILESS_MAIN(tst_HttpTransport)
#include "tst_HttpTransport.moc"
