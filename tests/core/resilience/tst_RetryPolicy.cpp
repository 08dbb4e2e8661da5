// SPDX-License-Identifier: GPL-3.0-or-later
#include <RetryPolicy.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_RetryPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void idempotentMethods_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<bool>("idempotent");
        for (const char *m : {"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE", "get", "delete"})
            QTest::addRow("%s", m) << QByteArray(m) << true;
        for (const char *m : {"POST", "PATCH", "CONNECT", "PROPFIND", ""})
            QTest::addRow("%s", m) << QByteArray(m) << false;
    }
    void idempotentMethods()
    {
        QFETCH(QByteArray, method);
        QFETCH(bool, idempotent);
        QCOMPARE(RetryPolicy::isIdempotentMethod(method), idempotent);
        RetryPolicy policy;
        QCOMPARE(policy.mayRetryMethod(method, false), idempotent);
        QVERIFY(policy.mayRetryMethod(method, true)); // an Idempotency-Key makes any method safe to repeat
        policy.retryUnsafe = true;
        QVERIFY(policy.mayRetryMethod(method, false));
    }

    void backoffNoJitter_data()
    {
        QTest::addColumn<int>("retry");
        QTest::addColumn<qint64>("expected");
        QTest::addRow("1") << 1 << qint64(200);
        QTest::addRow("2") << 2 << qint64(400);
        QTest::addRow("3") << 3 << qint64(800);
        QTest::addRow("capped") << 10 << qint64(5000);
        QTest::addRow("huge retry number does not overflow") << 1000 << qint64(5000);
    }
    void backoffNoJitter()
    {
        QFETCH(int, retry);
        QFETCH(qint64, expected);
        RetryPolicy policy;
        policy.baseMs = 100;
        policy.capMs = 5000;
        policy.jitter = Jitter::None;
        QCOMPARE(policy.backoffMs(retry, 0, 0.3), expected);
    }

    void jitterWithinBounds_data()
    {
        QTest::addColumn<int>("jitter");
        QTest::addColumn<qint64>("low");
        QTest::addColumn<qint64>("high");
        // retry 3, base 100, cap 5000: ceiling 800; decorrelated from previous 300: [100, 900]
        QTest::addRow("full") << int(Jitter::Full) << qint64(0) << qint64(800);
        QTest::addRow("equal") << int(Jitter::Equal) << qint64(400) << qint64(800);
        QTest::addRow("decorrelated") << int(Jitter::Decorrelated) << qint64(100) << qint64(900);
        QTest::addRow("none") << int(Jitter::None) << qint64(800) << qint64(800);
    }
    void jitterWithinBounds()
    {
        QFETCH(int, jitter);
        QFETCH(qint64, low);
        QFETCH(qint64, high);
        RetryPolicy policy;
        policy.baseMs = 100;
        policy.capMs = 5000;
        policy.jitter = Jitter(jitter);
        QCOMPARE(policy.backoffBounds(3, 300), std::make_pair(low, high));
        QCOMPARE(policy.backoffMs(3, 300, 0.0), low);
        QVERIFY(policy.backoffMs(3, 300, 0.999999) <= high);
        QVERIFY(policy.backoffMs(3, 300, 0.999999) >= high - 1);
        qint64 previous = 300;
        for (int i = 0; i <= 1000; ++i) {
            const qint64 delay = policy.backoffMs(3, previous, i / 1000.0);
            QVERIFY2(delay >= low && delay <= high, qPrintable(u"%1 outside [%2, %3]"_s.arg(delay).arg(low).arg(high)));
        }
    }

    void decorrelatedRespectsCap()
    {
        RetryPolicy policy;
        policy.baseMs = 100;
        policy.capMs = 1000;
        policy.jitter = Jitter::Decorrelated;
        qint64 previous = 0;
        for (int retry = 1; retry < 50; ++retry) {
            previous = policy.backoffMs(retry, previous, 0.99);
            QVERIFY(previous >= 100 && previous <= 1000);
        }
        QCOMPARE(previous, qint64(1000));
    }

    void decide_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<bool>("idempotencyKey");
        QTest::addColumn<int>("attempt");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("error"); // -1 none
        QTest::addColumn<qint64>("retryAfter"); // -1 none
        QTest::addColumn<qint64>("elapsed");
        QTest::addColumn<bool>("retry");
        QTest::addColumn<qint64>("delay");
        QTest::addColumn<QString>("reasonHas");
        const int none = -1;
        QTest::addRow("500 retried") << "GET"_ba << false << 1 << 500 << none << qint64(-1) << qint64(0) << true
                                     << qint64(100) << u"HTTP 500"_s;
        QTest::addRow("200 done") << "GET"_ba << false << 1 << 200 << none << qint64(-1) << qint64(0) << false
                                  << qint64(0) << QString();
        QTest::addRow("404 not retried") << "GET"_ba << false << 1 << 404 << none << qint64(-1) << qint64(0) << false
                                         << qint64(0) << u"404 is not retried"_s;
        QTest::addRow("attempts used") << "GET"_ba << false << 3 << 503 << none << qint64(-1) << qint64(0) << false
                                       << qint64(0) << u"3 of 3 attempts"_s;
        QTest::addRow("retry-after wins") << "GET"_ba << false << 1 << 429 << none << qint64(7000) << qint64(0)
                                          << true << qint64(7000) << u"HTTP 429"_s;
        QTest::addRow("retry-after 0") << "GET"_ba << false << 1 << 503 << none << qint64(0) << qint64(0) << true
                                       << qint64(0) << u"HTTP 503"_s;
        QTest::addRow("network error") << "PUT"_ba << false << 2 << 0 << int(Error::Code::Network) << qint64(-1)
                                       << qint64(0) << true << qint64(200) << u"network"_s;
        QTest::addRow("timeout") << "GET"_ba << false << 1 << 0 << int(Error::Code::Timeout) << qint64(-1)
                                 << qint64(0) << true << qint64(100) << u"network"_s;
        QTest::addRow("canceled") << "GET"_ba << false << 1 << 0 << int(Error::Code::Canceled) << qint64(-1)
                                  << qint64(0) << false << qint64(0) << u"not retried"_s;
        QTest::addRow("tls") << "GET"_ba << false << 1 << 0 << int(Error::Code::Tls) << qint64(-1) << qint64(0)
                             << false << qint64(0) << u"not retried"_s;
        QTest::addRow("POST not retried") << "POST"_ba << false << 1 << 503 << none << qint64(-1) << qint64(0)
                                          << false << qint64(0) << u"Idempotency-Key"_s;
        QTest::addRow("PATCH not retried") << "PATCH"_ba << false << 1 << 0 << int(Error::Code::Network)
                                           << qint64(-1) << qint64(0) << false << qint64(0) << u"Idempotency-Key"_s;
        QTest::addRow("POST with key") << "POST"_ba << true << 1 << 503 << none << qint64(-1) << qint64(0) << true
                                       << qint64(100) << u"HTTP 503"_s;
        QTest::addRow("deadline passed by wait") << "GET"_ba << false << 1 << 503 << none << qint64(5000)
                                                 << qint64(6000) << false << qint64(0) << u"deadline"_s;
        QTest::addRow("within deadline") << "GET"_ba << false << 1 << 503 << none << qint64(1000) << qint64(6000)
                                         << true << qint64(1000) << u"HTTP 503"_s;
    }
    void decide()
    {
        QFETCH(QByteArray, method);
        QFETCH(bool, idempotencyKey);
        QFETCH(int, attempt);
        QFETCH(int, status);
        QFETCH(int, error);
        QFETCH(qint64, retryAfter);
        QFETCH(qint64, elapsed);
        QFETCH(bool, retry);
        QFETCH(qint64, delay);
        QFETCH(QString, reasonHas);
        RetryPolicy policy;
        policy.maxAttempts = 3;
        policy.baseMs = 50;
        policy.capMs = 10000;
        policy.jitter = Jitter::None;
        policy.deadlineMs = 10000;
        AttemptOutcome outcome;
        outcome.status = status;
        if (error >= 0)
            outcome.error = Error::Code(error);
        if (retryAfter >= 0)
            outcome.retryAfterMs = retryAfter;
        const RetryDecision decision = policy.decide(attempt, outcome, method, idempotencyKey, elapsed, 0, 0.5);
        QCOMPARE(decision.retry, retry);
        QCOMPARE(decision.delayMs, delay);
        QCOMPARE(decision.fromRetryAfter, retry && retryAfter >= 0);
        QVERIFY2(decision.reason.contains(reasonHas), qPrintable(decision.reason));
    }

    void retryAfterIgnoredWhenOff()
    {
        RetryPolicy policy;
        policy.maxAttempts = 2;
        policy.baseMs = 10;
        policy.jitter = Jitter::None;
        policy.honourRetryAfter = false;
        const RetryDecision decision = policy.decide(1, AttemptOutcome{429, std::nullopt, 9000}, "GET", false, 0, 0, 0);
        QVERIFY(decision.retry);
        QCOMPARE(decision.delayMs, qint64(20));
    }

    void jsonRoundTrip()
    {
        RetryPolicy policy;
        policy.maxAttempts = 5;
        policy.jitter = Jitter::Decorrelated;
        policy.retryableStatuses = {500, 418};
        policy.retryUnsafe = true;
        policy.deadlineMs = 1234;
        QCOMPARE(RetryPolicy::fromJson(policy.toJson()), policy);
        QCOMPARE(RetryPolicy::jitterFromName(u"EQUAL"), std::optional<Jitter>(Jitter::Equal));
        QCOMPARE(RetryPolicy::jitterFromName(u"sometimes"), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(tst_RetryPolicy)
#include "tst_RetryPolicy.moc"
