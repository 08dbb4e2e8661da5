// SPDX-License-Identifier: GPL-3.0-or-later
#include "OAuth2TestSupport.h"

#include <HttpTransport.h>
#include <PasswordFlow.h>

#include <QNetworkAccessManager>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_PasswordFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void labelledDeprecated();
    void grant();
    void wrongPassword();

private:
    test::OidcProviderServer m_provider;
    QNetworkAccessManager m_manager;
    HttpTransport m_transport{&m_manager};
};

void tst_PasswordFlow::initTestCase()
{
    QVERIFY2(m_provider.start(), qPrintable(m_provider.errorString()));
}

void tst_PasswordFlow::labelledDeprecated()
{
    PasswordFlow flow(OAuth2Config{}, &m_transport);
    QVERIFY(flow.displayName().contains(u"deprecated"_s));
    QVERIFY(flow.displayName().contains(u"RFC 9700"_s));
}

void tst_PasswordFlow::grant()
{
    const OAuth2Config config = test::providerProfile(m_provider, u"tanager-legacy"_s);
    PasswordFlow flow(config, &m_transport);
    const auto result = test::runFlow(flow);
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(test::errorOf(result)));
    QVERIFY(!result->value().accessToken.isEmpty());
    QCOMPARE(result->value().scopes, config.scopes);
    const QString log = flow.log().text();
    QVERIFY(log.contains(u"password=********"_s));
    QVERIFY(log.contains(u"username=bob"_s));
    QVERIFY(!log.contains(u"correct%20horse"_s));
    QVERIFY(flow.log().text(true).contains(u"correct%20horse"_s));
}

void tst_PasswordFlow::wrongPassword()
{
    OAuth2Config config = test::providerProfile(m_provider, u"tanager-legacy"_s);
    config.password = u"battery staple"_s;
    PasswordFlow flow(config, &m_transport);
    const auto result = test::runFlow(flow);
    QVERIFY(result);
    QVERIFY(!result->ok());
    QVERIFY2(result->error().message.contains(u"invalid_grant"_s), qPrintable(result->error().message));
}

QTEST_GUILESS_MAIN(tst_PasswordFlow)
#include "tst_PasswordFlow.moc"
