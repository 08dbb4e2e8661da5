// SPDX-License-Identifier: GPL-3.0-or-later
// ResilientSender on a real HttpTransport against tests/servers/fault_server.py: the event stream,
// the server-quota hold, breaker refusals, cancelling a queued request, and dead letters.
#include "FaultServer.h"
#include <Database.h>
#include <DeadLetterStore.h>
#include <HttpTransport.h>
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
Q_DECLARE_METATYPE(tanager::ResilienceEvent)

class tst_ResilientSender : public QObject
{
    Q_OBJECT
private:
    FaultServer m_server;
    quint16 m_port = 0;

    HttpRequest request(const QString &name, const QString &script) const
    {
        HttpRequest r;
        r.url = u"http://127.0.0.1:%1/seq/%2?s=%3"_s.arg(m_port).arg(name, script);
        return r;
    }

    static QStringList kinds(const QList<ResilienceEvent> &events)
    {
        QStringList names;
        for (const ResilienceEvent &e : events)
            names.append(ResilienceEvent::kindName(e.kind));
        return names;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ResilientResult>();
        qRegisterMetaType<ResilienceEvent>();
        const QString failure = m_server.start();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        m_port = m_server.port();
    }

    void eventStreamOfARetriedRequest()
    {
        QNetworkAccessManager manager;
        HttpTransport transport(&manager);
        ResilientSender sender(&transport, SystemClock::instance());
        ResiliencePolicy policy;
        policy.retry.maxAttempts = 3;
        policy.retry.baseMs = 5;
        policy.retry.jitter = Jitter::None;
        sender.setPolicy(policy);
        QSignalSpy finished(&sender, &ResilientSender::finished);
        QSignalSpy events(&sender, &ResilientSender::event);
        const quint64 id = sender.send(request(u"ev"_s, u"500,500,200"_s));
        QVERIFY(finished.wait(10000));
        const auto result = finished.first().first().value<ResilientResult>();
        QCOMPARE(result.requestId, id);
        QVERIFY(result.succeeded());
        QCOMPARE(result.attempts.size(), 3);
        QCOMPARE(result.attempts.at(0).delayAfterMs, qint64(10));
        QCOMPARE(result.attempts.at(1).delayAfterMs, qint64(20));
        QCOMPARE(kinds(result.events),
                 (QStringList{u"attemptStarted"_s, u"attemptFinished"_s, u"backoffScheduled"_s, u"attemptStarted"_s,
                              u"attemptFinished"_s, u"backoffScheduled"_s, u"attemptStarted"_s,
                              u"attemptFinished"_s}));
        QCOMPARE(events.size(), result.events.size());
        // Stored events come back the same, so a drawing can be replayed.
        const auto replayed = ResilienceEvent::listFromJson(ResilienceEvent::toJson(result.events));
        QCOMPARE(kinds(replayed), kinds(result.events));
        QCOMPARE(replayed.at(2).delayMs, qint64(10));
    }

    void serverQuotaHoldsUntilReset()
    {
        QNetworkAccessManager manager;
        HttpTransport transport(&manager);
        ResilientSender sender(&transport, SystemClock::instance());
        QSignalSpy finished(&sender, &ResilientSender::finished);
        // The first answer says remaining 0, reset in 1 s: the second request waits for the reset.
        sender.send(request(u"quota"_s, u"200x0,200"_s));
        QVERIFY(finished.wait(10000));
        QCOMPARE(sender.serverQuota(u"127.0.0.1:%1"_s.arg(m_port)).remaining, std::optional<qint64>(0));
        sender.send(request(u"quota"_s, u"200x0,200"_s));
        QVERIFY(finished.wait(10000));
        const auto second = finished.at(1).first().value<ResilientResult>();
        QVERIFY(second.succeeded());
        QCOMPARE(second.events.first().kind, ResilienceEvent::Kind::BackoffScheduled);
        QVERIFY(second.events.first().reason.contains(u"quota"_s));
        QVERIFY(second.events.first().delayMs > 0);
    }

    void openBreakerRefusesWithHostAndTime()
    {
        QNetworkAccessManager manager;
        HttpTransport transport(&manager);
        ResilientSender sender(&transport, SystemClock::instance());
        ResiliencePolicy policy;
        policy.breakerEnabled = true;
        policy.breaker.minimumNumberOfCalls = 1;
        policy.breaker.slidingWindowSize = 1;
        policy.breaker.waitDurationInOpenMs = 60000;
        policy.deadLetterWhenRefused = true;
        sender.setPolicy(policy);
        QSignalSpy finished(&sender, &ResilientSender::finished);
        sender.send(request(u"brk1"_s, u"503"_s));
        QVERIFY(finished.wait(10000));
        sender.send(request(u"brk1"_s, u"503"_s));
        QVERIFY(finished.wait(10000));
        const auto refused = finished.at(1).first().value<ResilientResult>();
        QCOMPARE(refused.outcome, ResilientResult::Outcome::Refused);
        QVERIFY2(refused.error.startsWith(u"circuit open for 127.0.0.1:%1 until "_s.arg(m_port)),
                 qPrintable(refused.error));
        QVERIFY(refused.attempts.isEmpty());
        QVERIFY(!refused.deadLettered); // no store set: nothing to write to
    }

    void cancelWhileQueued()
    {
        QNetworkAccessManager manager;
        HttpTransport transport(&manager);
        ResilientSender sender(&transport, SystemClock::instance());
        ResiliencePolicy policy;
        policy.limiter = ResiliencePolicy::Limiter::TokenBucket;
        policy.ratePerSecond = 0.1; // one request, then ten seconds of waiting
        policy.burst = 1;
        sender.setPolicy(policy);
        QSignalSpy finished(&sender, &ResilientSender::finished);
        sender.send(request(u"q"_s, u"200"_s));
        const quint64 queued = sender.send(request(u"q"_s, u"200"_s));
        QTRY_COMPARE(sender.limiterQueue()->waitingCount(), 1);
        sender.cancel(queued);
        QTRY_COMPARE(finished.size(), 2);
        const auto canceled = finished.at(0).first().value<ResilientResult>().requestId == queued
            ? finished.at(0).first().value<ResilientResult>()
            : finished.at(1).first().value<ResilientResult>();
        QCOMPARE(canceled.outcome, ResilientResult::Outcome::Canceled);
        QCOMPARE(sender.limiterQueue()->waitingCount(), 0);
    }

    void exhaustedRequestBecomesADeadLetter()
    {
        QTemporaryDir dir;
        auto database = Database::open(dir.filePath(u"t.sqlite"_s));
        QVERIFY(database);
        StorageWriter writer(database.value());
        writer.start();
        DeadLetterStore store(database.value(), &writer);
        QNetworkAccessManager manager;
        HttpTransport transport(&manager);
        ResilientSender sender(&transport, SystemClock::instance());
        ResiliencePolicy policy;
        policy.retry.maxAttempts = 2;
        policy.retry.baseMs = 1;
        sender.setPolicy(policy);
        sender.setDeadLetterStore(&store);
        QSignalSpy lettered(&sender, &ResilientSender::deadLettered);
        const quint64 id = sender.send(request(u"dead"_s, u"502"_s));
        QVERIFY(lettered.wait(10000));
        QCOMPARE(lettered.first().at(0).value<quint64>(), id);
        const DeadLetter letter = store.load(lettered.first().at(1).toLongLong()).value();
        QCOMPARE(letter.attemptCount, 2);
        QCOMPARE(letter.lastStatus, 502);
        QVERIFY(letter.lastError.contains(u"2 of 2 attempts"_s));
        const QJsonObject attempts = QJsonDocument::fromJson(letter.attempts).object();
        QCOMPARE(attempts["attempts"_L1].toArray().size(), 2);
        QVERIFY(attempts["events"_L1].toArray().size() >= 5);
        QCOMPARE(QJsonDocument::fromJson(letter.policy).object()["retry"_L1]["maxAttempts"_L1].toInt(), 2);
    }
};

QTEST_GUILESS_MAIN(tst_ResilientSender)
#include "tst_ResilientSender.moc"
