// SPDX-License-Identifier: GPL-3.0-or-later
// TLS against a real nginx with certificates made by openssl for this run.
#include "ExchangeWaiter.h"

#include <TlsServer.h>

#include <QNetworkAccessManager>

using namespace Qt::StringLiterals;
using namespace tanager;
using tanager::test::exchange;

class tst_HttpTls : public QObject
{
    Q_OBJECT
private:
    TlsServer m_nginx;
    QNetworkAccessManager *m_manager = nullptr;
    HttpTransport *m_transport = nullptr;

    HttpRequest hello() const
    {
        HttpRequest r;
        r.url = m_nginx.url().toString() + u"/hello"_s;
        return r;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_nginx.start(), qPrintable(m_nginx.errorString())); }

    void init()
    {
        m_manager = new QNetworkAccessManager(this);
        m_transport = new HttpTransport(m_manager, this);
    }

    void cleanup()
    {
        delete m_transport;
        delete m_manager;
    }

    void untrustedCertificateIsRejected()
    {
        const auto e = exchange(*m_transport, hello());
        QVERIFY(e && e->error);
        QCOMPARE(e->error->code, Error::Code::Tls);
        QVERIFY2(e->error->message.contains(u"was not accepted"_s), qPrintable(e->error->message));
        QVERIFY(e->error->message.contains(u"turn verification off"_s));
        QVERIFY(!e->hasResponse());
    }

    void customCaIsTrusted()
    {
        HttpRequest r = hello();
        r.options.caBundlePath = m_nginx.caCertPath();
        const auto e = exchange(*m_transport, r);
        QVERIFY(e);
        QVERIFY2(!e->error, e->error ? qPrintable(e->error->message) : "");
        QCOMPARE(e->response.status, 200);
        QCOMPARE(e->response.body, "hello over tls"_ba);
        QVERIFY(e->response.tls.has_value());
        QVERIFY(e->response.tls->protocol.startsWith(u"TLSv1."_s));
        QVERIFY(!e->response.tls->cipher.isEmpty());
        QVERIFY(e->response.tls->verified);
        QVERIFY(!e->response.tls->chain.isEmpty());
        QCOMPARE(e->response.tls->chain.first().subject, u"localhost"_s);
        QCOMPARE(e->response.tls->chain.first().issuer, u"Tanager Test CA"_s);
        QCOMPARE(e->response.httpVersion, u"2"_s); // nginx offers h2 over ALPN
        QVERIFY(tanager::test::header(e->request.headers, "Connection").isEmpty());
    }

    void verificationOffIsPerRequestAndWarned()
    {
        HttpRequest r = hello();
        r.options.verifyTls = false;
        auto e = exchange(*m_transport, r);
        QVERIFY(e && !e->error);
        QCOMPARE(e->response.status, 200);
        QVERIFY(!e->response.tls->verified);
        QVERIFY(!e->response.tls->ignoredErrors.isEmpty());
        QVERIFY(e->warnings.join(u' ').contains(u"verification is off"_s));
        // The next request verifies again.
        e = exchange(*m_transport, hello());
        QVERIFY(e && e->error);
    }

    void http2CanBeTurnedOff()
    {
        HttpRequest r = hello();
        r.options.caBundlePath = m_nginx.caCertPath();
        r.options.allowHttp2 = false;
        const auto e = exchange(*m_transport, r);
        QVERIFY(e && !e->error);
        QCOMPARE(e->response.httpVersion, u"1.1"_s);
    }

    void clientCertificate_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addRow("none") << u"none"_s;
        QTest::addRow("pem") << u"pem"_s;
        QTest::addRow("pkcs12") << u"p12"_s;
    }
    void clientCertificate()
    {
        QFETCH(QString, kind);
        HttpRequest r;
        r.url = m_nginx.clientCertUrl().toString();
        r.options.caBundlePath = m_nginx.caCertPath();
        if (kind == "pem"_L1) {
            r.options.clientCertPath = m_nginx.clientCertPath();
            r.options.clientKeyPath = m_nginx.clientKeyPath();
        } else if (kind == "p12"_L1) {
            r.options.clientCertPath = m_nginx.clientPkcs12Path();
            r.options.clientKeyPassphrase = TlsServer::clientPkcs12Password();
        }
        const auto e = exchange(*m_transport, r);
        QVERIFY(e);
        QVERIFY2(!e->error, e->error ? qPrintable(e->error->message) : "");
        if (kind == "none"_L1) {
            QCOMPARE(e->response.status, 400); // nginx: "No required SSL certificate was sent"
        } else {
            QCOMPARE(e->response.status, 200);
            QVERIFY2(e->response.body.contains("CN=Tanager Test Client"), e->response.body.constData());
        }
    }

    void badCaBundleIsAClearError()
    {
        HttpRequest r = hello();
        r.options.caBundlePath = QStringLiteral(TANAGER_SOURCE_DIR "/README.md");
        const auto e = exchange(*m_transport, r);
        QVERIFY(e && e->error);
        QVERIFY(e->error->message.contains(u"No PEM certificate could be read"_s));
    }
};

QTEST_GUILESS_MAIN(tst_HttpTls)
#include "tst_HttpTls.moc"
