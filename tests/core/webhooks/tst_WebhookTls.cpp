// SPDX-License-Identifier: GPL-3.0-or-later
#include "CatcherFixture.h"
#include "WebhookCertificate.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace tanager;

// The catcher over HTTPS: the certificate it makes, real clients (curl, QNetworkAccessManager, openssl
// s_client) trusting it, and the same limits and rejections as plain HTTP.
class tst_WebhookTls : public QObject, private test::CatcherFixture
{
    Q_OBJECT

private:
    std::optional<WebhookCertificate> m_certificate;

    struct Tool
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    // Runs a command-line client while this thread's event loop runs (the server answers from it).
    static Tool run(const QString &program, const QStringList &arguments, const QByteArray &input = {})
    {
        QProcess process;
        process.start(program, arguments);
        if (!process.waitForStarted())
            return {};
        process.write(input);
        process.closeWriteChannel();
        (void)QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 30000);
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
                process.readAllStandardError()};
    }

    QString certPath() const { return m_certificate->certificatePath(); }

    QList<QSslCertificate> trusted() const { return QSslCertificate::fromData(m_certificate->certificatePem()); }

    // Sends @p bytes over TLS (trusting the catcher's certificate) and returns what came back until the
    // server closed or a whole answer arrived.
    QByteArray exchangeTls(const QByteArray &bytes, bool halfClose = false)
    {
        QSslSocket socket;
        QSslConfiguration configuration = socket.sslConfiguration();
        configuration.setCaCertificates(trusted());
        socket.setSslConfiguration(configuration);
        socket.connectToHostEncrypted(u"127.0.0.1"_s, server->port());
        if (!socket.waitForEncrypted(10000))
            return "not encrypted: "_ba + socket.errorString().toUtf8();
        return talk(socket, bytes, halfClose);
    }

    // Plain TCP: what a client that does not speak TLS gets.
    QByteArray exchangePlain(const QByteArray &bytes)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server->port());
        if (!socket.waitForConnected(5000))
            return "not connected"_ba;
        return talk(socket, bytes, false, false);
    }

    // Proves the server still serves HTTPS after whatever the test threw at it.
    void verifyStillServes()
    {
        const Tool curl = run(u"curl"_s, {u"-s"_s, u"--cacert"_s, certPath(), u"-o"_s, u"/dev/null"_s, u"-w"_s,
                                          u"%{http_code}"_s, u"https://127.0.0.1:%1/after"_s.arg(server->port())});
        QCOMPARE(curl.out, "200"_ba);
    }

    static QByteArray binaryBody()
    {
        QByteArray body = "{\"id\":\"evt_1\",\"amount\":12.50}\r\n"_ba;
        body.append('\0').append("\xff\xfe tail"_ba);
        return body;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(create(1000, 500, 0));
        auto certificate = WebhookCertificate::loadOrCreate(dir->filePath(u"app-data"_s));
        QVERIFY2(certificate, qPrintable(certificate ? QString() : certificate.error().message));
        m_certificate = certificate.value();
        server->setCertificate(m_certificate);
        QVERIFY(server->start(0));
        QCOMPARE(server->scheme(), u"https"_s);
    }

    void cleanup()
    {
        destroy();
        m_certificate.reset();
    }

    void certificateFilesAndFingerprint()
    {
        QVERIFY(m_certificate->wasCreated());
        struct stat key = {};
        QCOMPARE(::stat(QFile::encodeName(m_certificate->keyPath()).constData(), &key), 0);
        QCOMPARE(key.st_mode & 0777, mode_t(0600));
        // The fingerprint shown is the one openssl computes from the file.
        const Tool fingerprint =
            run(u"openssl"_s, {u"x509"_s, u"-noout"_s, u"-fingerprint"_s, u"-sha256"_s, u"-in"_s, certPath()});
        QCOMPARE(fingerprint.exitCode, 0);
        QCOMPARE(QString::fromLatin1(fingerprint.out.trimmed().split('=').last()), m_certificate->sha256Fingerprint());
        QCOMPARE(server->certificateFingerprint(), m_certificate->sha256Fingerprint());
        const Tool text = run(u"openssl"_s, {u"x509"_s, u"-noout"_s, u"-text"_s, u"-in"_s, certPath()});
        QVERIFY(text.out.contains("DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1"));
        QVERIFY(text.out.contains("ASN1 OID: prime256v1"));
        QVERIFY(text.out.contains("CA:FALSE"));
        const qint64 days = m_certificate->notBefore().daysTo(m_certificate->notAfter());
        QVERIFY2(days >= 365 && days <= 366, qPrintable(QString::number(days)));
        // The key is the certificate's and is unencrypted PEM (what openssl and curl read).
        QVERIFY(run(u"openssl"_s, {u"pkey"_s, u"-in"_s, m_certificate->keyPath(), u"-noout"_s}).exitCode == 0);
    }

    void reusedOrRemade_data()
    {
        QTest::addColumn<int>("change");
        QTest::addColumn<bool>("remade");
        QTest::addRow("reused on a later start") << 0 << false;
        QTest::addRow("remade when it expires within a day") << 1 << true;
        QTest::addRow("remade when the key file is damaged") << 2 << true;
        QTest::addRow("remade when the key is another's") << 3 << true;
        QTest::addRow("remade when the certificate file is gone") << 4 << true;
    }

    void reusedOrRemade()
    {
        QFETCH(int, change);
        QFETCH(bool, remade);
        const QString folder = CatcherFixture::dir->filePath(u"app-data"_s);
        QDateTime now = QDateTime::currentDateTimeUtc();
        if (change == 1)
            now = m_certificate->notAfter().addSecs(-3600);
        if (change == 2) {
            QFile key(m_certificate->keyPath());
            QVERIFY(key.open(QIODevice::WriteOnly | QIODevice::Truncate));
            key.write("-----BEGIN PRIVATE KEY-----\nbroken\n");
        }
        if (change == 3) {
            auto other = WebhookCertificate::generate(now, now.addDays(30));
            QVERIFY(other);
            QFile key(m_certificate->keyPath());
            QVERIFY(key.open(QIODevice::WriteOnly | QIODevice::Truncate));
            key.write(other.value().privateKeyPem());
        }
        if (change == 4)
            QVERIFY(QFile::remove(m_certificate->certificatePath()));
        auto again = WebhookCertificate::loadOrCreate(folder, now);
        QVERIFY(again);
        QCOMPARE(again.value().wasCreated(), remade);
        QCOMPARE(again.value().sha256Fingerprint() != m_certificate->sha256Fingerprint(), remade);
        QVERIFY(again.value().notAfter() > now.addDays(300));
        QCOMPARE(WebhookCertificate::loadOrCreate(folder, now).value().sha256Fingerprint(),
                 again.value().sha256Fingerprint());
    }

    void expiredCertificateIsRemade()
    {
        const QString folder = CatcherFixture::dir->filePath(u"old"_s);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto expired = WebhookCertificate::generate(now.addDays(-400), now.addDays(-35));
        QVERIFY(expired);
        QVERIFY(expired.value().save(folder));
        auto loaded = WebhookCertificate::loadOrCreate(folder, now);
        QVERIFY(loaded);
        QVERIFY(loaded.value().wasCreated());
        QVERIFY(loaded.value().notAfter() > now.addDays(364));
        QVERIFY(run(u"openssl"_s,
                    {u"x509"_s, u"-checkend"_s, u"86400"_s, u"-noout"_s, u"-in"_s, loaded.value().certificatePath()})
                    .exitCode == 0);
    }

    void curlPostsOverHttps_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addRow("127.0.0.1") << u"127.0.0.1"_s;
        QTest::addRow("localhost") << u"localhost"_s;
        QTest::addRow("::1") << u"[::1]"_s;
    }

    void curlPostsOverHttps()
    {
        QFETCH(QString, host);
        const QByteArray body = binaryBody();
        const Tool curl = run(u"curl"_s,
                              {u"-sS"_s, u"--cacert"_s, certPath(), u"-o"_s, u"/dev/null"_s, u"-w"_s, u"%{http_code}"_s,
                               u"-H"_s, u"Content-Type: application/json"_s, u"--data-binary"_s, u"@-"_s,
                               u"https://%1:%2/stripe/hook"_s.arg(host).arg(server->port())},
                              body);
        QVERIFY2(curl.out == "202", curl.err.constData());
        auto events = store->list(10, 0, true);
        QVERIFY(events);
        QCOMPARE(events.value().size(), 1);
        QCOMPARE(events.value().first().inbox, u"/stripe"_s);
        QCOMPARE(events.value().first().body, body);
        QCOMPARE(server->rejectionCounts().size(), 0);
    }

    void qnamPostsOverHttps()
    {
        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(u"https://127.0.0.1:%1/stripe/q"_s.arg(server->port())));
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setCaCertificates(trusted());
        request.setSslConfiguration(configuration);
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/octet-stream"_s);
        const QByteArray body = binaryBody();
        QNetworkReply *reply = network.post(request, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 202);
        const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
        QCOMPARE(QString::fromLatin1(peer.digest(QCryptographicHash::Sha256).toHex(':').toUpper()),
                 server->certificateFingerprint());
        reply->deleteLater();
        auto events = store->list(10, 0, true);
        QVERIFY(events);
        QCOMPARE(events.value().size(), 1);
        QCOMPARE(events.value().first().body, body);
    }

    void plainHttpIsRefusedCleanly()
    {
        const Tool curl = run(u"curl"_s, {u"-sS"_s, u"-w"_s, u"\n%{http_code}"_s, u"--data-binary"_s, u"x"_s,
                                          u"http://127.0.0.1:%1/stripe/plain"_s.arg(server->port())});
        QCOMPARE(curl.exitCode, 0);
        QVERIFY2(curl.out.endsWith("\n400"), curl.out.constData());
        QVERIFY(curl.out.startsWith("This port speaks HTTPS"));
        QTRY_COMPARE(server->rejectionCount(WebhookRejection::PlainHttpOnTls), 1);
        QCOMPARE(store->count().value(), 0);
        verifyStillServes();
    }

    void wrongClients_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<WebhookRejection>("reason");
        QTest::addRow("garbage instead of a ClientHello")
            << "\x01\x02\x03 not tls at all \xff\xfe"_ba << WebhookRejection::TlsHandshakeFailed;
        QTest::addRow("a TLS record that is no ClientHello")
            << "\x16\x03\x01\x00\x05hello"_ba << WebhookRejection::TlsHandshakeFailed;
        // The rest of the hello never comes: the header deadline (which covers the handshake) closes it.
        QTest::addRow("a truncated ClientHello")
            << "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"_ba << WebhookRejection::HeaderTimeout;
        QTest::addRow("a NUL byte") << QByteArray(1, '\0') << WebhookRejection::TlsHandshakeFailed;
    }

    // Garbage where a TLS handshake belongs: at most a TLS alert comes back, never an HTTP answer; the
    // connection is closed and counted.
    void wrongClients()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(WebhookRejection, reason);
        QSignalSpy rejected(server.get(), &WebhookServer::requestRejected);
        const QByteArray answer = exchangePlain(bytes);
        QVERIFY(answer.isEmpty() || answer.startsWith('\x15')); // 21: a TLS alert record
        QTRY_COMPARE(server->rejectionCount(reason), 1);
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(store->count().value(), 0);
        verifyStillServes();
    }

    // A client that does not trust the certificate aborts the handshake with an alert.
    void untrustingClientIsCounted()
    {
        const Tool curl =
            run(u"curl"_s, {u"-sS"_s, u"-o"_s, u"/dev/null"_s, u"https://127.0.0.1:%1/stripe/x"_s.arg(server->port())});
        QVERIFY(curl.exitCode != 0);
        QVERIFY2(curl.err.contains("certificate"), curl.err.constData());
        QTRY_COMPARE(server->rejectionCount(WebhookRejection::TlsHandshakeFailed), 1);
        verifyStillServes();
    }

    // openssl s_client completes the handshake, then sends garbage: a 400 over TLS, as over plain HTTP.
    void sClientSendingGarbage()
    {
        const Tool sClient = run(u"openssl"_s,
                                 {u"s_client"_s, u"-connect"_s, u"127.0.0.1:%1"_s.arg(server->port()), u"-CAfile"_s,
                                  certPath(), u"-verify_return_error"_s, u"-quiet"_s},
                                 "\x01\x02garbage\x7f\r\n\r\n"_ba);
        QVERIFY2(sClient.out.startsWith("HTTP/1.1 400"), QByteArray(sClient.out + sClient.err).constData());
        QTRY_COMPARE(server->rejectionCount(WebhookRejection::Malformed), 1);
        verifyStillServes();
    }

    void limitsApplyOverTls_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<bool>("halfClose");
        QTest::addColumn<int>("status");
        QTest::addColumn<WebhookRejection>("reason");
        QTest::addRow("body over the limit by Content-Length")
            << "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 20000000\r\n\r\n"_ba << false << 413
            << WebhookRejection::BodyTooLarge;
        QTest::addRow("header over the limit")
            << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(5000, 'a') + "\r\n\r\n") << false << 431
            << WebhookRejection::HeaderTooLarge;
        QTest::addRow("malformed request line")
            << "GARBAGE\x01 / HTTP/1.1\r\n\r\n"_ba << false << 400 << WebhookRejection::Malformed;
        QTest::addRow("bad chunk size")
            << "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"_ba << false
            << 400 << WebhookRejection::BadChunkedEncoding;
        QTest::addRow("header never finished")
            << "POST / HTTP/1.1\r\nHost: x\r\n"_ba << false << 408 << WebhookRejection::HeaderTimeout;
        QTest::addRow("body stalls") << "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc"_ba << false << 408
                                     << WebhookRejection::BodyTimeout;
    }

    void limitsApplyOverTls()
    {
        QFETCH(QByteArray, request);
        QFETCH(bool, halfClose);
        QFETCH(int, status);
        QFETCH(WebhookRejection, reason);
        QSignalSpy rejected(server.get(), &WebhookServer::requestRejected);
        const QByteArray answer = exchangeTls(request, halfClose);
        QVERIFY2(statusOf(answer) == status, answer.constData());
        QTRY_COMPARE(server->rejectionCount(reason), 1);
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(store->count().value(), 0);
        QCOMPARE(statusOf(exchangeTls("GET /after HTTP/1.1\r\nHost: x\r\n\r\n"_ba)), 200);
    }

    // A client that connects and never starts the handshake is closed at the header deadline.
    void silentClientTimesOut()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("\x16"_ba); // the first byte of a handshake, and no more
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 10000);
        QCOMPARE(socket.readAll(), QByteArray());
        QCOMPARE(server->rejectionCount(WebhookRejection::HeaderTimeout), 1);
    }

    void certificateThatCannotBeUsedFailsStart()
    {
        WebhookServer server(store.get());
        auto other =
            WebhookCertificate::generate(QDateTime::currentDateTimeUtc(), QDateTime::currentDateTimeUtc().addDays(1));
        QVERIFY(other);
        QVERIFY(!WebhookCertificate::fromPem(m_certificate->certificatePem(), other.value().privateKeyPem()));
        QVERIFY(!WebhookCertificate::fromPem("not pem"_ba, other.value().privateKeyPem()));
        server.setCertificate(std::nullopt);
        QVERIFY(server.start(0));
        QCOMPARE(server.scheme(), u"http"_s);
        QVERIFY(server.certificateFingerprint().isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_WebhookTls)
#include "tst_WebhookTls.moc"
