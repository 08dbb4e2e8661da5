// SPDX-License-Identifier: GPL-3.0-or-later
#include "OAuth2TestSupport.h"

#include <AuthorizationCodeFlow.h>
#include <BrowserRobot.h>
#include <HttpTransport.h>
#include <RefreshFlow.h>

#include <QNetworkAccessManager>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_RefreshFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rotation();
    void keepsTheOldRefreshTokenWhenNoneIsSent();
    void noRefreshToken();

private:
    /// Signs in through the authorization code flow to get a refresh token.
    std::optional<OAuth2Tokens> signIn(test::OidcProviderServer &provider);

    QNetworkAccessManager m_manager;
    HttpTransport m_transport{&m_manager};
};

std::optional<OAuth2Tokens> tst_RefreshFlow::signIn(test::OidcProviderServer &provider)
{
    AuthorizationCodeFlow flow(test::providerProfile(provider, u"tanager-native"_s), &m_transport);
    QUrl browserUrl;
    flow.setBrowserOpener([&](const QUrl &url) { browserUrl = url; });
    std::optional<Result<OAuth2Tokens>> result;
    connect(&flow, &OAuth2Flow::finished, this, [&](const Result<OAuth2Tokens> &r) { result = r; });
    flow.start();
    if (!QTest::qWaitFor([&] { return !browserUrl.isEmpty(); }, 30000))
        return std::nullopt;
    test::BrowserRobot browser;
    browser.signIn(browserUrl, flow.redirectUri().toString());
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000) || !result->ok())
        return std::nullopt;
    return result->value();
}

void tst_RefreshFlow::rotation()
{
    test::OidcProviderServer provider;
    QVERIFY2(provider.start(), qPrintable(provider.errorString()));
    const auto first = signIn(provider);
    QVERIFY(first);
    QVERIFY(!first->refreshToken.isEmpty());

    const OAuth2Config config = test::providerProfile(provider, u"tanager-native"_s);
    RefreshFlow refresh(config, *first, &m_transport);
    const auto result = test::runFlow(refresh);
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(test::errorOf(result)));
    const OAuth2Tokens second = result->value();
    QVERIFY(!second.accessToken.isEmpty());
    QVERIFY(second.accessToken != first->accessToken);
    QVERIFY(!second.refreshToken.isEmpty());
    QVERIFY(second.refreshToken != first->refreshToken); // rotated, and the new one is kept
    QVERIFY(second.scopes.contains(u"openid"_s));
    QVERIFY(!refresh.log().text().contains(first->refreshToken));
    QVERIFY(!refresh.log().text().contains(second.refreshToken));

    // The rotated-out refresh token is refused by the provider.
    RefreshFlow reuse(config, *first, &m_transport);
    const auto reused = test::runFlow(reuse);
    QVERIFY(reused);
    QVERIFY(!reused->ok());
    QVERIFY2(reused->error().message.contains(u"invalid_grant"_s), qPrintable(test::errorOf(reused)));
}

void tst_RefreshFlow::keepsTheOldRefreshTokenWhenNoneIsSent()
{
    test::OidcProviderServer provider;
    QVERIFY2(provider.start({u"--no-rotation"_s}), qPrintable(provider.errorString()));
    const auto first = signIn(provider);
    QVERIFY(first);
    RefreshFlow refresh(test::providerProfile(provider, u"tanager-native"_s), *first, &m_transport);
    const auto result = test::runFlow(refresh);
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(test::errorOf(result)));
    // the provider's answer has no refresh_token...
    QVERIFY(!refresh.log().entries().last().responseBody.contains("refresh_token"));
    // ...so the old one is kept, and still works
    QCOMPARE(result->value().refreshToken, first->refreshToken);
    RefreshFlow again(test::providerProfile(provider, u"tanager-native"_s), result->value(), &m_transport);
    const auto second = test::runFlow(again);
    QVERIFY(second);
    QVERIFY2(second->ok(), qPrintable(test::errorOf(second)));
}

void tst_RefreshFlow::noRefreshToken()
{
    OAuth2Config config;
    config.tokenEndpoint = QUrl(u"http://127.0.0.1:9/token"_s);
    config.clientId = u"x"_s;
    OAuth2Tokens tokens;
    tokens.accessToken = u"at"_s;
    RefreshFlow refresh(config, tokens, &m_transport);
    const auto result = test::runFlow(refresh);
    QVERIFY(result);
    QVERIFY(!result->ok());
    QCOMPARE(result->error().code, Error::Code::InvalidInput);
    QVERIFY(refresh.log().isEmpty());
}

QTEST_GUILESS_MAIN(tst_RefreshFlow)
#include "tst_RefreshFlow.moc"
