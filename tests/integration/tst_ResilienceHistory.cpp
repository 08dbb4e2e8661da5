// SPDX-License-Identifier: GPL-3.0-or-later
// Events stored with the exchange: a request retried against tests/servers/fault_server.py is
// recorded in the history and its row, read back, yields the same events for the drawings.
#include "../core/resilience/FaultServer.h"
#include <Database.h>
#include <HistoryStore.h>
#include <HttpTransport.h>
#include <ResilienceHistory.h>
#include <ResilientSender.h>
#include <StorageWriter.h>
#include <SystemClock.h>

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

Q_DECLARE_METATYPE(tanager::ResilientResult)

class tst_ResilienceHistory : public QObject
{
    Q_OBJECT
private:
    FaultServer m_server;
    quint16 m_port = 0;

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ResilientResult>();
        const QString failure = m_server.start();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        m_port = m_server.port();
    }

    void replayedRowYieldsTheSameEvents_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<int>("attempts");
        QTest::addRow("retried to success") << u"500,500,200"_s << 3;
        QTest::addRow("quota header") << u"200x0"_s << 1;
        QTest::addRow("exhausted") << u"503"_s << 2;
    }
    void replayedRowYieldsTheSameEvents()
    {
        QFETCH(QString, script);
        QFETCH(int, attempts);
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(u"h.sqlite"_s));
        QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
        StorageWriter writer(db.value());
        writer.start();
        HistoryStore history(db.value(), &writer);

        QNetworkAccessManager manager;
        HttpTransport transport(&manager);
        ResilientSender sender(&transport, SystemClock::instance());
        ResiliencePolicy policy;
        policy.retry.maxAttempts = attempts == 1 ? 1 : std::max(2, attempts);
        policy.retry.baseMs = 5;
        policy.retry.jitter = Jitter::None;
        policy.holdOnServerQuota = false;
        sender.setPolicy(policy);
        QSignalSpy finished(&sender, &ResilientSender::finished);
        HttpRequest request;
        request.url =
            u"http://127.0.0.1:%1/seq/%2?s=%3"_s.arg(m_port).arg(QString::fromLatin1(QTest::currentDataTag()), script);
        sender.send(request);
        QVERIFY(finished.wait(10000));
        const auto result = finished.first().first().value<ResilientResult>();
        QCOMPARE(result.attempts.size(), attempts);
        QVERIFY(!result.events.isEmpty());

        QSignalSpy recorded(&history, &HistoryStore::recorded);
        history.record(ResilienceHistory::toRecord(result));
        QVERIFY(recorded.wait(5000));
        const auto row = history.load(recorded.first().first().toLongLong());
        QVERIFY2(row, qPrintable(row ? QString() : row.error().message));
        QCOMPARE(row.value().status, result.exchange.response.status);
        const QList<ResilienceEvent> replayed = ResilienceHistory::events(row.value());
        QCOMPARE(replayed.size(), result.events.size());
        QCOMPARE(QJsonDocument(ResilienceEvent::toJson(replayed)).toJson(),
                 QJsonDocument(ResilienceEvent::toJson(result.events)).toJson());
        int started = 0;
        for (const ResilienceEvent &e : replayed)
            started += e.kind == ResilienceEvent::Kind::AttemptStarted ? 1 : 0;
        QCOMPARE(started, attempts);
    }

    void plainExchangeHasNoEvents()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(u"h.sqlite"_s));
        QVERIFY(db);
        StorageWriter writer(db.value());
        writer.start();
        HistoryStore history(db.value(), &writer);
        ExchangeRecord record;
        record.method = u"GET"_s;
        record.url = u"http://a.test/"_s;
        QSignalSpy recorded(&history, &HistoryStore::recorded);
        history.record(record);
        QVERIFY(recorded.wait(5000));
        const auto row = history.load(recorded.first().first().toLongLong());
        QVERIFY(row);
        QVERIFY(row.value().events.isEmpty());
        QVERIFY(ResilienceHistory::events(row.value()).isEmpty());
        // Damaged JSON in the column yields no events, never an error.
        record.events = "[{\"kind\":"_ba;
        QVERIFY(ResilienceHistory::events(record).isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_ResilienceHistory)
#include "tst_ResilienceHistory.moc"
