// SPDX-License-Identifier: GPL-3.0-or-later
#include "OAuth2TestSupport.h"

#include <AuthorizationCodeFlow.h>
#include <BrowserRobot.h>
#include <HttpTransport.h>
#include <Pkce.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTcpServer>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_AuthorizationCodeFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pkceAndNonce();
    void flowLogMasksSecrets();
    void garbageBytesDoNotDisturbTheFlow();
    void secondRedirectIsRefused();
    void wrongStateIsRejected();
    void accessDeniedRedirect();
    void wrongCodeVerifierIsRejectedByTheProvider();
    void portTaken();
    void cancelClosesThePort();
    void timeout();

private:
    /// A started flow whose browser URL has been captured (not yet visited).
    struct Started
    {
        std::unique_ptr<AuthorizationCodeFlow> flow;
        QUrl browserUrl;
        QList<Result<OAuth2Tokens>> results;
    };
    std::unique_ptr<Started> startFlow(OAuth2Config config = {});
    static QString redirectPrefix(const AuthorizationCodeFlow &flow) { return flow.redirectUri().toString(); }
    static QJsonObject claimsOf(const QString &jwt)
    {
        return QJsonDocument::fromJson(
                   QByteArray::fromBase64(jwt.section(u'.', 1, 1).toLatin1(), QByteArray::Base64UrlEncoding))
            .object();
    }

    test::OidcProviderServer m_provider;
    QNetworkAccessManager m_manager;
    HttpTransport m_transport{&m_manager};
    OAuth2Tokens m_lastTokens;
    QString m_lastLog;
};

void tst_AuthorizationCodeFlow::initTestCase()
{
    QVERIFY2(m_provider.start(), qPrintable(m_provider.errorString()));
}

std::unique_ptr<tst_AuthorizationCodeFlow::Started> tst_AuthorizationCodeFlow::startFlow(OAuth2Config config)
{
    if (config.clientId.isEmpty())
        config = test::providerProfile(m_provider, u"tanager-native"_s);
    auto started = std::make_unique<Started>();
    started->flow = std::make_unique<AuthorizationCodeFlow>(config, &m_transport);
    Started *s = started.get();
    started->flow->setBrowserOpener([s](const QUrl &url) { s->browserUrl = url; });
    connect(started->flow.get(), &OAuth2Flow::finished, this,
            [s](const Result<OAuth2Tokens> &r) { s->results.append(r); });
    started->flow->start();
    (void)QTest::qWaitFor([s] { return !s->browserUrl.isEmpty() || !s->results.isEmpty(); }, 30000);
    return started;
}

void tst_AuthorizationCodeFlow::pkceAndNonce()
{
    auto s = startFlow();
    QVERIFY(!s->browserUrl.isEmpty());
    const QUrlQuery query(s->browserUrl);
    QCOMPARE(query.queryItemValue(u"code_challenge_method"_s), u"S256"_s);
    QCOMPARE(query.queryItemValue(u"code_challenge"_s).size(), 43);
    QVERIFY(!query.queryItemValue(u"state"_s).isEmpty());
    const QString nonce = query.queryItemValue(u"nonce"_s);
    QVERIFY(!nonce.isEmpty());
    const QUrl redirectUri(query.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded));
    QCOMPARE(redirectUri.host(), u"127.0.0.1"_s);
    QCOMPARE(redirectUri.path(), u"/callback"_s);
    const quint16 port = quint16(redirectUri.port());
    QVERIFY(s->flow->isListening());

    test::BrowserRobot browser;
    const auto page = browser.signIn(s->browserUrl, redirectPrefix(*s->flow));
    QCOMPARE(page.status, 200);
    QVERIFY2(page.body.contains("You can close this window"), page.body.constData());
    QTRY_COMPARE_WITH_TIMEOUT(s->results.size(), 1, 30000);
    QVERIFY2(s->results.first().ok(), qPrintable(test::errorOf(s->results.first())));
    const OAuth2Tokens tokens = s->results.first().value();
    QVERIFY(!tokens.accessToken.isEmpty());
    QVERIFY(!tokens.refreshToken.isEmpty()); // offline_access with prompt=consent
    QVERIFY(!tokens.idToken.isEmpty());
    QCOMPARE(claimsOf(tokens.idToken).value(u"nonce"_s).toString(), nonce);
    QCOMPARE(claimsOf(tokens.idToken).value(u"sub"_s).toString(), u"alice"_s);
    QVERIFY(tokens.scopes.contains(u"openid"_s));
    QVERIFY(tokens.hasExpiry());
    // the listener is gone with the flow
    QVERIFY(!s->flow->isListening());
    QVERIFY(test::portIsClosed(port));
    m_lastTokens = tokens;
    m_lastLog = s->flow->log().text();
    QVERIFY(s->flow->log().text(true).contains(tokens.accessToken));
}

void tst_AuthorizationCodeFlow::flowLogMasksSecrets()
{
    QVERIFY(m_lastTokens.isValid());
    for (const QString &secret : {m_lastTokens.accessToken, m_lastTokens.refreshToken, m_lastTokens.idToken})
        QVERIFY2(!m_lastLog.contains(secret), qPrintable(m_lastLog));
    QVERIFY(m_lastLog.contains(u"code_verifier=********"_s));
    QVERIFY(m_lastLog.contains(u"code=********"_s));
    QVERIFY(m_lastLog.contains(u"grant_type=authorization_code"_s));
    QVERIFY(m_lastLog.contains(u"/callback?code=********"_s));
}

void tst_AuthorizationCodeFlow::garbageBytesDoNotDisturbTheFlow()
{
    auto s = startFlow();
    const quint16 port = quint16(s->flow->redirectUri().port());
    for (const QByteArray &junk : {QByteArray("\x00\x01\x02\xff\xfe garbage\r\n\r\n", 17), "GET\r\n\r\n"_ba,
                                   "GET /callback HTTP/9.9\r\n\r\n"_ba}) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket.waitForConnected(5000));
        socket.write(junk);
        QByteArray answer;
        (void)QTest::qWaitFor(
            [&] {
                answer += socket.readAll();
                return socket.state() == QAbstractSocket::UnconnectedState;
            },
            10000);
        QVERIFY2(answer.startsWith("HTTP/1.1 400"), answer.constData());
    }
    QVERIFY(s->results.isEmpty());
    test::BrowserRobot browser;
    QCOMPARE(browser.signIn(s->browserUrl, redirectPrefix(*s->flow)).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(s->results.size(), 1, 30000);
    QVERIFY2(s->results.first().ok(), qPrintable(test::errorOf(s->results.first())));
}

void tst_AuthorizationCodeFlow::secondRedirectIsRefused()
{
    auto s = startFlow();
    const quint16 port = quint16(s->flow->redirectUri().port());
    test::BrowserRobot browser;
    const QUrl redirect = browser.runUntil(s->browserUrl, redirectPrefix(*s->flow));
    QVERIFY(!redirect.isEmpty());
    QCOMPARE(browser.get(redirect).status, 200);
    // the same redirect again (a reload, or an attacker replaying it) while or after the code is exchanged
    const auto second = browser.get(redirect);
    QVERIFY2(second.status == 409 || !second.error.isEmpty(), second.body.constData());
    if (second.status == 409)
        QVERIFY(second.body.contains("already"));
    QTRY_COMPARE_WITH_TIMEOUT(s->results.size(), 1, 30000);
    QVERIFY2(s->results.first().ok(), qPrintable(test::errorOf(s->results.first())));
    QVERIFY(test::portIsClosed(port));
    QTest::qWait(200);
    QCOMPARE(s->results.size(), 1);
}

void tst_AuthorizationCodeFlow::wrongStateIsRejected()
{
    auto s = startFlow();
    const quint16 port = quint16(s->flow->redirectUri().port());
    test::BrowserRobot browser;
    QUrl redirect = browser.runUntil(s->browserUrl, redirectPrefix(*s->flow));
    QVERIFY(!redirect.isEmpty());
    QUrlQuery query(redirect);
    QVERIFY(query.hasQueryItem(u"code"_s));
    query.removeAllQueryItems(u"state"_s);
    query.addQueryItem(u"state"_s, u"forged-state"_s);
    redirect.setQuery(query);
    const auto page = browser.get(redirect);
    QCOMPARE(page.status, 400);
    QVERIFY(page.body.contains("state does not match"));
    QTRY_COMPARE_WITH_TIMEOUT(s->results.size(), 1, 30000);
    QVERIFY(!s->results.first().ok());
    QVERIFY2(s->results.first().error().message.contains(u"state does not match"_s),
             qPrintable(test::errorOf(s->results.first())));
    QVERIFY(test::portIsClosed(port));
    // no token request was made with the code
    for (const auto &entry : s->flow->log().entries())
        QVERIFY(entry.url.path() != u"/token"_s);
}

void tst_AuthorizationCodeFlow::accessDeniedRedirect()
{
    auto s = startFlow();
    const QString state = QUrlQuery(s->browserUrl).queryItemValue(u"state"_s, QUrl::FullyDecoded);
    QUrl redirect = s->flow->redirectUri();
    QUrlQuery query;
    query.addQueryItem(u"error"_s, u"access_denied"_s);
    query.addQueryItem(u"error_description"_s, u"End-User aborted interaction"_s);
    query.addQueryItem(u"state"_s, state);
    redirect.setQuery(query);
    test::BrowserRobot browser;
    const auto page = browser.get(redirect);
    QCOMPARE(page.status, 400);
    QTRY_COMPARE_WITH_TIMEOUT(s->results.size(), 1, 30000);
    QVERIFY(!s->results.first().ok());
    const QString message = s->results.first().error().message;
    QVERIFY2(message.contains(u"access_denied: End-User aborted interaction"_s), qPrintable(message));
}

void tst_AuthorizationCodeFlow::wrongCodeVerifierIsRejectedByTheProvider()
{
    auto s = startFlow();
    // The browser carries a challenge for another verifier, so Tanager's verifier will not match it.
    QUrl url = s->browserUrl;
    QUrlQuery query(url);
    query.removeAllQueryItems(u"code_challenge"_s);
    query.addQueryItem(u"code_challenge"_s, QString::fromLatin1(Pkce::generate().challenge));
    url.setQuery(query);
    test::BrowserRobot browser;
    QCOMPARE(browser.signIn(url, redirectPrefix(*s->flow)).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(s->results.size(), 1, 30000);
    QVERIFY(!s->results.first().ok());
    const QString message = s->results.first().error().message;
    QVERIFY2(message.contains(u"token endpoint refused the request: invalid_grant"_s), qPrintable(message));
    QVERIFY2(message.contains(u"grant request is invalid"_s), qPrintable(message));
    QCOMPARE(s->flow->log().entries().last().status, 400);
}

void tst_AuthorizationCodeFlow::portTaken()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    OAuth2Config config = test::providerProfile(m_provider, u"tanager-native"_s);
    config.redirectPort = squatter.serverPort();
    auto s = startFlow(config);
    QTRY_COMPARE_WITH_TIMEOUT(s->results.size(), 1, 30000);
    QVERIFY(s->browserUrl.isEmpty());
    QVERIFY(!s->results.first().ok());
    const QString message = s->results.first().error().message;
    QVERIFY2(message.contains(u"Port %1"_s.arg(squatter.serverPort())) && message.contains(u"already in use"_s),
             qPrintable(message));
}

void tst_AuthorizationCodeFlow::cancelClosesThePort()
{
    auto s = startFlow();
    const quint16 port = quint16(s->flow->redirectUri().port());
    QVERIFY(!test::portIsClosed(port));
    s->flow->cancel();
    QCOMPARE(s->results.size(), 1);
    QCOMPARE(s->results.first().error().code, Error::Code::Canceled);
    QVERIFY(test::portIsClosed(port));
}

void tst_AuthorizationCodeFlow::timeout()
{
    OAuth2Config config = test::providerProfile(m_provider, u"tanager-native"_s);
    auto flow = std::make_unique<AuthorizationCodeFlow>(config, &m_transport);
    QUrl browserUrl;
    flow->setBrowserOpener([&](const QUrl &url) { browserUrl = url; });
    flow->setTimeout(std::chrono::milliseconds(1500));
    // the browser never comes back
    const auto result = test::runFlow(*flow, 30000);
    QVERIFY(result);
    QVERIFY(!result->ok());
    QCOMPARE(result->error().code, Error::Code::Timeout);
    QVERIFY2(result->error().message.contains(u"did not finish within 1 seconds"_s) ||
                 result->error().message.contains(u"did not finish within"_s),
             qPrintable(test::errorOf(result)));
    QVERIFY(test::portIsClosed(
        quint16(QUrl(QUrlQuery(browserUrl).queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded)).port())));
}

QTEST_GUILESS_MAIN(tst_AuthorizationCodeFlow)
#include "tst_AuthorizationCodeFlow.moc"
