// SPDX-License-Identifier: GPL-3.0-or-later
#include "OAuth2TestSupport.h"

#include <HttpTransport.h>
#include <OAuth2FlowLog.h>
#include <OidcDiscovery.h>
#include <OidcProviderServer.h>

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_OidcDiscovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fillsEmptyEndpoints();
    void keepsEndpointsTheUserSet();
    void notFound();
    void unreachable();
    void issuerMismatch();

private:
    std::optional<Result<OAuth2Config>> discover(const OAuth2Config &config, OAuth2FlowLog *log = nullptr);

    test::OidcProviderServer m_provider;
    QNetworkAccessManager m_manager;
    HttpTransport m_transport{&m_manager};
};

void tst_OidcDiscovery::initTestCase()
{
    QVERIFY2(m_provider.start(), qPrintable(m_provider.errorString()));
}

std::optional<Result<OAuth2Config>> tst_OidcDiscovery::discover(const OAuth2Config &config, OAuth2FlowLog *log)
{
    OidcDiscovery discovery(&m_transport, log);
    std::optional<Result<OAuth2Config>> result;
    connect(&discovery, &OidcDiscovery::finished, this, [&](const Result<OAuth2Config> &r) { result = r; });
    discovery.discover(config);
    (void)QTest::qWaitFor([&] { return result.has_value(); }, 30000);
    return result;
}

void tst_OidcDiscovery::fillsEmptyEndpoints()
{
    OAuth2Config config;
    config.issuer = m_provider.issuer();
    OAuth2FlowLog log;
    const auto result = discover(config, &log);
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(test::errorOf(result)));
    const OAuth2Config &filled = result->value();
    QCOMPARE(filled.authorizationEndpoint, m_provider.url(u"/auth"_s));
    QCOMPARE(filled.tokenEndpoint, m_provider.url(u"/token"_s));
    QCOMPARE(filled.deviceAuthorizationEndpoint, m_provider.url(u"/device/auth"_s));
    QCOMPARE(filled.jwksUri, m_provider.url(u"/jwks"_s));
    QCOMPARE(log.entries().size(), 1);
    QCOMPARE(log.entries().first().url, m_provider.url(u"/.well-known/openid-configuration"_s));
    QCOMPARE(log.entries().first().status, 200);
}

void tst_OidcDiscovery::keepsEndpointsTheUserSet()
{
    OAuth2Config config;
    config.issuer = m_provider.issuer();
    config.tokenEndpoint = QUrl(u"https://gateway.example/token"_s);
    const auto result = discover(config);
    QVERIFY(result && result->ok());
    QCOMPARE(result->value().tokenEndpoint, config.tokenEndpoint);
    QCOMPARE(result->value().authorizationEndpoint, m_provider.url(u"/auth"_s));
}

void tst_OidcDiscovery::notFound()
{
    OAuth2Config config;
    config.issuer = m_provider.url(u"/no-such-tenant"_s);
    const auto result = discover(config);
    QVERIFY(result);
    QVERIFY(!result->ok());
    QVERIFY2(result->error().message.contains(u"discovery endpoint"_s), qPrintable(test::errorOf(result)));
    QVERIFY2(result->error().message.contains(u"404"_s) || result->error().message.contains(u"not_found"_s),
             qPrintable(test::errorOf(result)));
}

void tst_OidcDiscovery::unreachable()
{
    OAuth2Config config;
    config.issuer = QUrl(u"http://127.0.0.1:%1"_s.arg(TcpPorts::freePort()));
    const auto result = discover(config);
    QVERIFY(result);
    QVERIFY(!result->ok());
    QCOMPARE(result->error().code, Error::Code::Network);
    QVERIFY2(result->error().message.contains(u"cannot be reached"_s), qPrintable(test::errorOf(result)));
}

void tst_OidcDiscovery::issuerMismatch()
{
    OAuth2Config config;
    config.issuer = QUrl(u"https://id.example"_s);
    const auto result = OidcDiscovery::apply(config, QJsonObject{{u"issuer"_s, u"https://evil.example"_s},
                                                                 {u"token_endpoint"_s, u"https://evil.example/t"_s}});
    QVERIFY(!result.ok());
    QVERIFY(result.error().message.contains(u"evil.example"_s));
    QCOMPARE(OidcDiscovery::configurationUrl(QUrl(u"https://id.example/tenant/"_s)),
             QUrl(u"https://id.example/tenant/.well-known/openid-configuration"_s));
}

QTEST_GUILESS_MAIN(tst_OidcDiscovery)
#include "tst_OidcDiscovery.moc"
