// SPDX-License-Identifier: GPL-3.0-or-later
// Checks the test-support servers themselves, so that a failing integration
// test points at the code under test and not at its fixtures.
#include "HttpbinServer.h"
#include "NginxServer.h"
#include "TlsServer.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <cerrno>
#include <csignal>

using namespace Qt::StringLiterals;

namespace tanager {

class tst_TestServers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void httpbinEchoesHeaders();
    void httpbinStopLeavesNoProcess();
    void tlsServerVerifiesAgainstItsCa();
    void tlsServerIsNotTrustedByDefault();
    void clientCertServerRequiresCertificate();
    void clientCertServerAcceptsPkcs12();
    void nginxServesDirectory();

private:
    static std::unique_ptr<QNetworkReply> get(QNetworkAccessManager &nam, const QNetworkRequest &request);
    static QSslConfiguration trusting(const TlsServer &server);
};

std::unique_ptr<QNetworkReply> tst_TestServers::get(QNetworkAccessManager &nam, const QNetworkRequest &request)
{
    std::unique_ptr<QNetworkReply> reply(nam.get(request));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(15000);
    return reply;
}

QSslConfiguration tst_TestServers::trusting(const TlsServer &server)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.addCaCertificates(QSslCertificate::fromPath(server.caCertPath()));
    return config;
}

void tst_TestServers::httpbinEchoesHeaders()
{
    HttpbinServer httpbin;
    QVERIFY2(httpbin.start(), qPrintable(httpbin.errorString()));
    QCOMPARE(httpbin.baseUrl().host(), u"127.0.0.1"_s);
    QVERIFY(httpbin.port() > 0);

    QNetworkAccessManager nam;
    QNetworkRequest request(httpbin.url(u"/get"_s, u"tanager=1"_s));
    request.setRawHeader("X-Tanager-Probe", "echo me");
    const auto reply = get(nam, request);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(reply->readAll(), &parseError);
    QVERIFY2(json.isObject(), qPrintable(parseError.errorString()));
    QCOMPARE(json[u"headers"_s][u"X-Tanager-Probe"_s].toString(), u"echo me"_s);
    QCOMPARE(json[u"args"_s][u"tanager"_s].toString(), u"1"_s);
}

void tst_TestServers::httpbinStopLeavesNoProcess()
{
    qint64 group = 0;
    {
        HttpbinServer httpbin;
        QVERIFY2(httpbin.start(), qPrintable(httpbin.errorString()));
        QVERIFY(httpbin.isRunning());
        QNetworkAccessManager nam;
        const auto reply = get(nam, QNetworkRequest(httpbin.url(u"/get"_s)));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        group = httpbin.processId();
        QVERIFY(group > 0);
        QCOMPARE(::kill(-static_cast<pid_t>(group), 0), 0);
    }
    // Destroyed: nothing of the group is left, workers included.
    QTRY_VERIFY_WITH_TIMEOUT(::kill(-static_cast<pid_t>(group), 0) == -1 && errno == ESRCH, 5000);
}

void tst_TestServers::tlsServerVerifiesAgainstItsCa()
{
    TlsServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QCOMPARE(server.url().scheme(), u"https"_s);

    QNetworkAccessManager nam;
    for (const QString &host : {u"127.0.0.1"_s, u"localhost"_s}) {
        QUrl url = server.url().resolved(QUrl(u"/hello"_s));
        url.setHost(host);
        QNetworkRequest request(url);
        request.setSslConfiguration(trusting(server));
        const auto reply = get(nam, request);
        QVERIFY2(reply->error() == QNetworkReply::NoError, qPrintable(reply->errorString() + u'\n' + server.log()));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->readAll(), "hello over tls"_ba);
        const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
        QCOMPARE(peer, QSslCertificate::fromPath(server.serverCertPath()).value(0));
    }
}

void tst_TestServers::tlsServerIsNotTrustedByDefault()
{
    TlsServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QNetworkAccessManager nam;
    const auto reply = get(nam, QNetworkRequest(server.url().resolved(QUrl(u"/hello"_s))));
    QCOMPARE(reply->error(), QNetworkReply::SslHandshakeFailedError);
}

void tst_TestServers::clientCertServerRequiresCertificate()
{
    TlsServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QNetworkAccessManager nam;

    QNetworkRequest without(server.clientCertUrl());
    without.setSslConfiguration(trusting(server));
    const auto rejected = get(nam, without);
    // nginx completes the handshake and answers 400 "No required SSL certificate was sent".
    QCOMPARE(rejected->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);

    QFile keyFile(server.clientKeyPath());
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QSslKey key(&keyFile, QSsl::Rsa);
    QVERIFY(!key.isNull());
    const QList<QSslCertificate> certs = QSslCertificate::fromPath(server.clientCertPath());
    QCOMPARE(certs.size(), 1);

    QSslConfiguration config = trusting(server);
    config.setLocalCertificate(certs.first());
    config.setPrivateKey(key);
    QNetworkRequest with(server.clientCertUrl().resolved(QUrl(u"/whoami"_s)));
    with.setSslConfiguration(config);
    // A fresh manager: no connection (or TLS session) reused from the rejected request.
    QNetworkAccessManager nam2;
    const auto accepted = get(nam2, with);
    QVERIFY2(accepted->error() == QNetworkReply::NoError, qPrintable(accepted->errorString() + u'\n' + server.log()));
    QCOMPARE(accepted->readAll(), "client "_ba + TlsServer::clientSubject().toUtf8());
}

void tst_TestServers::clientCertServerAcceptsPkcs12()
{
    TlsServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QFile p12(server.clientPkcs12Path());
    QVERIFY(p12.open(QIODevice::ReadOnly));
    QSslKey key;
    QSslCertificate cert;
    QList<QSslCertificate> chain;
    QVERIFY(QSslCertificate::importPkcs12(&p12, &key, &cert, &chain, TlsServer::clientPkcs12Password().toUtf8()));

    QSslConfiguration config = trusting(server);
    config.setLocalCertificate(cert);
    config.setPrivateKey(key);
    QNetworkRequest request(server.clientCertUrl());
    request.setSslConfiguration(config);
    QNetworkAccessManager nam;
    const auto reply = get(nam, request);
    QVERIFY2(reply->error() == QNetworkReply::NoError, qPrintable(reply->errorString()));
    QVERIFY(reply->readAll().contains("CN=Tanager Test Client"));
}

void tst_TestServers::nginxServesDirectory()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    QFile file(root.filePath(u"payload.bin"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray payload(1 << 20, 'x');
    payload.replace(0, 7, "tanager");
    QCOMPARE(file.write(payload), payload.size());
    file.close();

    NginxServer nginx(root.path());
    QVERIFY2(nginx.start(), qPrintable(nginx.errorString()));
    QNetworkAccessManager nam;
    const auto reply = get(nam, QNetworkRequest(nginx.url(u"/payload.bin"_s)));
    QVERIFY2(reply->error() == QNetworkReply::NoError, qPrintable(reply->errorString() + u'\n' + nginx.log()));
    QCOMPARE(reply->readAll(), payload);

    const auto missing = get(nam, QNetworkRequest(nginx.url(u"/nope"_s)));
    QCOMPARE(missing->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
}

} // namespace tanager

QTEST_GUILESS_MAIN(tanager::tst_TestServers)
#include "tst_TestServers.moc"
