// SPDX-License-Identifier: GPL-3.0-or-later
// ScenarioRunner through a PolicyRegistry against tests/servers/fault_server.py: every request is
// sent once, the in-flight cap holds, stop() cancels what runs, an empty scenario ends at once.
#include "FaultServer.h"

#include <HttpTransport.h>
#include <PolicyRegistry.h>
#include <ScenarioRunner.h>
#include <SystemClock.h>

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_ScenarioRunner : public QObject
{
    Q_OBJECT
private:
    FaultServer m_server;

private Q_SLOTS:
    void initTestCase()
    {
        const QString failure = m_server.start();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }

    void sendsEachRequestOnceWithinTheCap_data()
    {
        QTest::addColumn<int>("total");
        QTest::addColumn<double>("rate");
        QTest::addColumn<int>("concurrency");
        QTest::addColumn<QString>("script");
        QTest::addColumn<int>("succeeded");
        QTest::addRow("one at a time") << 10 << 500.0 << 1 << u"200"_s << 10;
        QTest::addRow("four in flight") << 40 << 1000.0 << 4 << u"200"_s << 40;
        QTest::addRow("slow answers fill the cap") << 8 << 1000.0 << 3 << u"slow50"_s << 8;
        QTest::addRow("failures count as done") << 6 << 200.0 << 2 << u"404"_s << 0;
        QTest::addRow("empty scenario") << 0 << 10.0 << 2 << u"200"_s << 0;
    }
    void sendsEachRequestOnceWithinTheCap()
    {
        QFETCH(int, total);
        QFETCH(double, rate);
        QFETCH(int, concurrency);
        QFETCH(QString, script);
        QFETCH(int, succeeded);
        QNetworkAccessManager manager;
        HttpTransport transport(&manager);
        PolicyRegistry registry(&transport, SystemClock::instance());
        ScenarioRunner runner(&registry);
        int most = 0;
        connect(&runner, &ScenarioRunner::progress, this, [&] { most = std::max(most, runner.inFlight()); });
        QSignalSpy finished(&runner, &ScenarioRunner::finished);
        ScenarioRunner::Scenario scenario;
        scenario.request.url = m_server.url(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-'), script);
        scenario.total = total;
        scenario.ratePerSecond = rate;
        scenario.concurrency = concurrency;
        runner.start(scenario);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QVERIFY(!runner.isRunning());
        QCOMPARE(runner.sent(), total);
        QCOMPARE(runner.completed(), total);
        QCOMPARE(runner.succeeded(), succeeded);
        QCOMPARE(runner.inFlight(), 0);
        QVERIFY2(most <= concurrency, qPrintable(u"%1 in flight"_s.arg(most)));
        if (total >= concurrency && script == u"slow50"_s)
            QCOMPARE(most, concurrency);
    }

    void stopCancelsWhatRuns()
    {
        QNetworkAccessManager manager;
        HttpTransport transport(&manager);
        PolicyRegistry registry(&transport, SystemClock::instance());
        ScenarioRunner runner(&registry);
        QSignalSpy finished(&runner, &ScenarioRunner::finished);
        ScenarioRunner::Scenario scenario;
        scenario.request.url = m_server.url(u"stop"_s, u"slow5000"_s);
        scenario.total = 100;
        scenario.ratePerSecond = 1000;
        scenario.concurrency = 2;
        runner.start(scenario);
        QTRY_COMPARE(runner.inFlight(), 2);
        runner.stop();
        QCOMPARE(finished.size(), 1);
        QVERIFY(!runner.isRunning());
        QCOMPARE(runner.sent(), 2);
        QTRY_COMPARE(registry.inFlight(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_ScenarioRunner)
#include "tst_ScenarioRunner.moc"
