// SPDX-License-Identifier: GPL-3.0-or-later
#include "OAuth2TestSupport.h"

#include <BrowserRobot.h>
#include <DeviceCodeFlow.h>
#include <HttpTransport.h>

#include <QNetworkAccessManager>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_DeviceCodeFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pendingThenSuccess();
    void slowDown();
    void accessDenied();

private:
    struct Run
    {
        QString userCode;
        QUrl verificationUri;
        QUrl complete;
        std::optional<Result<OAuth2Tokens>> result;
    };
    /// Starts @p flow and waits for its user code.
    bool start(DeviceCodeFlow &flow, Run &run);

    test::OidcProviderServer m_provider;
    QNetworkAccessManager m_manager;
    HttpTransport m_transport{&m_manager};
};

bool tst_DeviceCodeFlow::start(DeviceCodeFlow &flow, Run &run)
{
    connect(&flow, &DeviceCodeFlow::userCodeReady, this,
            [&run](const QString &code, const QUrl &uri, const QUrl &complete, int) {
                run.userCode = code;
                run.verificationUri = uri;
                run.complete = complete;
            });
    connect(&flow, &OAuth2Flow::finished, this, [&run](const Result<OAuth2Tokens> &r) { run.result = r; });
    flow.start();
    return QTest::qWaitFor([&run] { return !run.userCode.isEmpty() || run.result.has_value(); }, 30000) &&
           !run.userCode.isEmpty();
}

void tst_DeviceCodeFlow::initTestCase()
{
    QVERIFY2(m_provider.start(), qPrintable(m_provider.errorString()));
}

void tst_DeviceCodeFlow::pendingThenSuccess()
{
    DeviceCodeFlow flow(test::providerProfile(m_provider, u"tanager-device"_s), &m_transport);
    Run run;
    QVERIFY(start(flow, run));
    QCOMPARE(run.verificationUri, m_provider.url(u"/device"_s));
    QVERIFY(run.complete.toString().contains(run.userCode));
    QCOMPARE(flow.intervalSeconds(), 1);
    // the user has not approved yet: the provider says authorization_pending and the flow keeps polling
    QTRY_VERIFY_WITH_TIMEOUT(flow.pendingCount() >= 2, 30000);
    QVERIFY(!run.result);
    test::BrowserRobot browser;
    QVERIFY2(browser.approveDevice(run.complete), browser.lastPage().body.constData());
    QTRY_VERIFY_WITH_TIMEOUT(run.result.has_value(), 30000);
    QVERIFY2(run.result->ok(), qPrintable(test::errorOf(run.result)));
    QVERIFY(!run.result->value().accessToken.isEmpty());
    QVERIFY(!run.result->value().refreshToken.isEmpty());
    QVERIFY(!run.result->value().idToken.isEmpty());
    QCOMPARE(flow.slowDownCount(), 0);
    const QString log = flow.log().text();
    QVERIFY(log.contains(u"authorization_pending"_s));
    QVERIFY(log.contains(u"device_code=********"_s));
    QVERIFY(!log.contains(run.result->value().accessToken));
}

void tst_DeviceCodeFlow::slowDown()
{
    test::OidcProviderServer provider;
    // advertises 1 s but wants 3 s between polls, so the second poll gets slow_down
    QVERIFY2(provider.start({u"--device-interval"_s, u"1"_s, u"--device-enforced"_s, u"3"_s}),
             qPrintable(provider.errorString()));
    DeviceCodeFlow flow(test::providerProfile(provider, u"tanager-device"_s), &m_transport);
    Run run;
    QVERIFY(start(flow, run));
    QTRY_VERIFY_WITH_TIMEOUT(flow.slowDownCount() == 1, 30000);
    QCOMPARE(flow.intervalSeconds(), 6);
    test::BrowserRobot browser;
    QVERIFY2(browser.approveDevice(run.complete), browser.lastPage().body.constData());
    QTRY_VERIFY_WITH_TIMEOUT(run.result.has_value(), 30000);
    QVERIFY2(run.result->ok(), qPrintable(test::errorOf(run.result)));
    // polling at the longer interval never triggers slow_down again
    QCOMPARE(flow.slowDownCount(), 1);
}

void tst_DeviceCodeFlow::accessDenied()
{
    DeviceCodeFlow flow(test::providerProfile(m_provider, u"tanager-device"_s), &m_transport);
    Run run;
    QVERIFY(start(flow, run));
    test::BrowserRobot browser;
    QVERIFY2(browser.approveDevice(run.complete, true), browser.lastPage().body.constData());
    QTRY_VERIFY_WITH_TIMEOUT(run.result.has_value(), 30000);
    QVERIFY(!run.result->ok());
    QVERIFY2(run.result->error().message.contains(u"denied"_s), qPrintable(test::errorOf(run.result)));
}

QTEST_GUILESS_MAIN(tst_DeviceCodeFlow)
#include "tst_DeviceCodeFlow.moc"
