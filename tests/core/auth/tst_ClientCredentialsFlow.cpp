// SPDX-License-Identifier: GPL-3.0-or-later
#include "OAuth2TestSupport.h"

#include <ClientCredentialsFlow.h>
#include <HttpTransport.h>

#include <QNetworkAccessManager>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_ClientCredentialsFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void grant_data();
    void grant();
    void wrongSecretShowsRfc6749Error_data();
    void wrongSecretShowsRfc6749Error();
    void unreachableProvider();
    void cancel();

private:
    test::OidcProviderServer m_provider;
    QNetworkAccessManager m_manager;
    HttpTransport m_transport{&m_manager};
};

void tst_ClientCredentialsFlow::initTestCase()
{
    QVERIFY2(m_provider.start(), qPrintable(m_provider.errorString()));
}

void tst_ClientCredentialsFlow::grant_data()
{
    QTest::addColumn<QString>("client");
    QTest::newRow("client_secret_basic") << u"tanager-basic"_s;
    QTest::newRow("client_secret_post") << u"tanager-post"_s;
}

void tst_ClientCredentialsFlow::grant()
{
    QFETCH(QString, client);
    const OAuth2Config config = test::providerProfile(m_provider, client);
    ClientCredentialsFlow flow(config, &m_transport);
    const auto result = test::runFlow(flow);
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(test::errorOf(result)));
    const OAuth2Tokens &tokens = result->value();
    QVERIFY(!tokens.accessToken.isEmpty());
    QCOMPARE(tokens.tokenType, u"Bearer"_s);
    QCOMPARE(tokens.scopes, config.scopes);
    QVERIFY(tokens.hasExpiry());
    QCOMPARE(tokens.obtainedAt.secsTo(tokens.expiresAt), 600);
    // discovery, then the token request
    const auto &entries = flow.log().entries();
    QCOMPARE(entries.size(), 2);
    const auto &token = entries.at(1);
    QCOMPARE(token.url, m_provider.url(u"/token"_s));
    const bool basic = client == u"tanager-basic"_s;
    bool hasAuthorization = false;
    for (const auto &h : token.requestHeaders)
        hasAuthorization |= h.name == "Authorization";
    QCOMPARE(hasAuthorization, basic);
    QCOMPARE(token.requestBody.contains("client_secret="), !basic);
    // the log never shows the secret or the token unless revealed
    const QString text = flow.log().text();
    QVERIFY(!text.contains(config.clientSecret));
    QVERIFY(!text.contains(
        QString::fromLatin1(QByteArray(config.clientId.toUtf8() + ':' + config.clientSecret.toUtf8()).toBase64())));
    QVERIFY(!text.contains(tokens.accessToken));
    QVERIFY(flow.log().text(true).contains(tokens.accessToken));
}

void tst_ClientCredentialsFlow::wrongSecretShowsRfc6749Error_data()
{
    grant_data();
}

void tst_ClientCredentialsFlow::wrongSecretShowsRfc6749Error()
{
    QFETCH(QString, client);
    OAuth2Config config = test::providerProfile(m_provider, client);
    config.clientSecret = u"wrong-secret"_s;
    ClientCredentialsFlow flow(config, &m_transport);
    const auto result = test::runFlow(flow);
    QVERIFY(result);
    QVERIFY(!result->ok());
    const QString message = result->error().message;
    QVERIFY2(message.contains(u"invalid_client"_s), qPrintable(message));
    QVERIFY2(message.contains(u"client authentication failed"_s), qPrintable(message));
    QVERIFY2(message.contains(u"token endpoint"_s), qPrintable(message));
    QVERIFY(!message.contains(u'\n'));
    QCOMPARE(flow.log().entries().last().status, 401);
}

void tst_ClientCredentialsFlow::unreachableProvider()
{
    OAuth2Config config = test::providerProfile(m_provider, u"tanager-basic"_s);
    config.issuer = QUrl();
    config.tokenEndpoint = QUrl(u"http://127.0.0.1:%1/token"_s.arg(TcpPorts::freePort()));
    ClientCredentialsFlow flow(config, &m_transport);
    const auto result = test::runFlow(flow);
    QVERIFY(result);
    QVERIFY(!result->ok());
    QCOMPARE(result->error().code, Error::Code::Network);
    QVERIFY2(result->error().message.contains(u"cannot be reached"_s), qPrintable(test::errorOf(result)));
}

void tst_ClientCredentialsFlow::cancel()
{
    ClientCredentialsFlow flow(test::providerProfile(m_provider, u"tanager-post"_s), &m_transport);
    QList<Result<OAuth2Tokens>> results;
    connect(&flow, &OAuth2Flow::finished, this, [&](const Result<OAuth2Tokens> &r) { results.append(r); });
    flow.start();
    QTRY_VERIFY(!flow.log().isEmpty() || flow.isRunning());
    flow.cancel();
    QCOMPARE(results.size(), 1);
    QVERIFY(!results.first().ok());
    QCOMPARE(results.first().error().code, Error::Code::Canceled);
    QVERIFY(results.first().error().message.contains(u"canceled"_s));
    // nothing arrives after the cancel, not even the answer to a request that was in flight
    flow.cancel();
    QTest::qWait(300);
    QCOMPARE(results.size(), 1);
}

QTEST_GUILESS_MAIN(tst_ClientCredentialsFlow)
#include "tst_ClientCredentialsFlow.moc"
