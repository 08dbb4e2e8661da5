// SPDX-License-Identifier: GPL-3.0-or-later
#include <CircuitBreaker.h>
#include <ManualClock.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

// Scripts: s/f = a fast success/failure, S/F = a slow one (each first asks for permission and must
// get it), a = permission expected, x = refusal expected, +N = N ms pass, D/O/R = disable,
// force open, reset.
class tst_CircuitBreaker : public QObject
{
    Q_OBJECT
private:
    static CircuitBreakerConfig config(bool timeBased, int size, int minimum)
    {
        CircuitBreakerConfig c;
        c.windowType = timeBased ? CircuitBreakerConfig::WindowType::TimeBased
                                 : CircuitBreakerConfig::WindowType::CountBased;
        c.slidingWindowSize = size;
        c.minimumNumberOfCalls = minimum;
        c.failureRateThreshold = 50;
        c.slowCallRateThreshold = 50;
        c.slowCallDurationThresholdMs = 100;
        c.permittedCallsInHalfOpen = 2;
        c.waitDurationInOpenMs = 1000;
        return c;
    }

private Q_SLOTS:
    void transitions_data()
    {
        QTest::addColumn<bool>("timeBased");
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("minimum");
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("transitions");
        QTest::addRow("below minimum stays closed") << false << 4 << 4 << u"s f f"_s << u"CLOSED"_s << QString();
        QTest::addRow("exactly at threshold opens") << false << 4 << 4 << u"s f s f"_s << u"OPEN"_s
                                                    << u"CLOSED>OPEN"_s;
        QTest::addRow("below threshold stays closed") << false << 4 << 4 << u"s f s s"_s << u"CLOSED"_s << QString();
        QTest::addRow("minimum calls gate") << false << 10 << 5 << u"f f f f"_s << u"CLOSED"_s << QString();
        QTest::addRow("minimum reached") << false << 10 << 5 << u"f f f f f"_s << u"OPEN"_s << u"CLOSED>OPEN"_s;
        QTest::addRow("minimum capped by count window") << false << 3 << 100 << u"f f f"_s << u"OPEN"_s
                                                        << u"CLOSED>OPEN"_s;
        QTest::addRow("open refuses until the wait is over")
            << false << 4 << 4 << u"f f f f x +999 x +1 s s"_s << u"CLOSED"_s
            << u"CLOSED>OPEN OPEN>HALF_OPEN HALF_OPEN>CLOSED"_s;
        QTest::addRow("half-open failure at threshold reopens")
            << false << 4 << 4 << u"f f f f +1000 s f x"_s << u"OPEN"_s
            << u"CLOSED>OPEN OPEN>HALF_OPEN HALF_OPEN>OPEN"_s;
        QTest::addRow("half-open permits only the configured calls")
            << false << 4 << 4 << u"f f f f +1000 a a x x"_s << u"HALF_OPEN"_s << u"CLOSED>OPEN OPEN>HALF_OPEN"_s;
        QTest::addRow("slow calls open") << false << 4 << 4 << u"S S s s"_s << u"OPEN"_s << u"CLOSED>OPEN"_s;
        QTest::addRow("slow failures count twice") << false << 4 << 4 << u"F s s s"_s << u"CLOSED"_s << QString();
        QTest::addRow("slow half-open reopens") << false << 4 << 4 << u"f f f f +1000 S s"_s << u"OPEN"_s
                                                << u"CLOSED>OPEN OPEN>HALF_OPEN HALF_OPEN>OPEN"_s;
        QTest::addRow("count window slides") << false << 4 << 4 << u"f s s s s s s f f"_s << u"OPEN"_s
                                             << u"CLOSED>OPEN"_s;
        QTest::addRow("count window forgets old failures") << false << 4 << 4 << u"f s s s s s s f"_s << u"CLOSED"_s
                                                           << QString();
        QTest::addRow("time window evicts") << true << 2 << 3 << u"f f +2000 f"_s << u"CLOSED"_s << QString();
        QTest::addRow("time window keeps") << true << 2 << 3 << u"f f +1999 f"_s << u"OPEN"_s << u"CLOSED>OPEN"_s;
        QTest::addRow("time window minimum not capped") << true << 1 << 5 << u"f f f f"_s << u"CLOSED"_s
                                                        << QString();
        QTest::addRow("disabled permits and ignores") << false << 4 << 4 << u"D f f f f f +5000 a"_s
                                                      << u"DISABLED"_s << u"CLOSED>DISABLED"_s;
        QTest::addRow("forced open refuses forever") << false << 4 << 4 << u"O x +100000 x"_s << u"FORCED_OPEN"_s
                                                     << u"CLOSED>FORCED_OPEN"_s;
        QTest::addRow("reset closes with a fresh window") << false << 4 << 4 << u"f f f f R f s s s"_s
                                                          << u"CLOSED"_s << u"CLOSED>OPEN OPEN>CLOSED"_s;
    }
    void transitions()
    {
        QFETCH(bool, timeBased);
        QFETCH(int, size);
        QFETCH(int, minimum);
        QFETCH(QString, script);
        QFETCH(QString, state);
        QFETCH(QString, transitions);
        ManualClock clock;
        CircuitBreaker breaker(config(timeBased, size, minimum), &clock);
        QStringList seen;
        breaker.setTransitionListener([&](CircuitState from, CircuitState to, qint64) {
            seen.append(CircuitBreaker::stateName(from) + u'>' + CircuitBreaker::stateName(to));
        });
        const QStringList steps = script.split(u' ', Qt::SkipEmptyParts);
        for (const QString &step : steps) {
            const QChar c = step.front();
            if (c == u'+') {
                clock.advance(step.mid(1).toLongLong());
            } else if (c == u'x') {
                QVERIFY2(!breaker.tryAcquirePermission(), qPrintable(step));
            } else if (c == u'a') {
                QVERIFY2(breaker.tryAcquirePermission(), qPrintable(step));
            } else if (c == u'D') {
                breaker.transitionToDisabled();
            } else if (c == u'O') {
                breaker.transitionToForcedOpen();
            } else if (c == u'R') {
                breaker.reset();
            } else {
                QVERIFY2(breaker.tryAcquirePermission(), qPrintable(u"permission for "_s + step));
                const bool slow = c.isUpper();
                breaker.onResult(slow ? 101 : 100, c.toLower() == u'f');
            }
        }
        QCOMPARE(CircuitBreaker::stateName(breaker.state()), state);
        QCOMPARE(seen.join(u' '), transitions);
    }

    void metricsAndCountdown()
    {
        ManualClock clock;
        CircuitBreakerConfig c = config(false, 4, 2);
        c.slowCallRateThreshold = 100;
        CircuitBreaker breaker(c, &clock);
        QCOMPARE(breaker.metrics().failureRate, -1.0);
        breaker.onResult(10, false);
        QCOMPARE(breaker.metrics().failureRate, -1.0); // below the minimum: no rate yet
        breaker.onResult(500, false);
        QCOMPARE(breaker.metrics().failureRate, 0.0);
        QCOMPARE(breaker.metrics().slowCallRate, 50.0);
        QCOMPARE(breaker.metrics().bufferedCalls, 2);
        breaker.onResult(10, true);
        QCOMPARE(breaker.state(), CircuitState::Closed); // 1 of 3 failed
        breaker.onResult(10, true);
        QCOMPARE(breaker.state(), CircuitState::Open); // 2 of 4 failed: 50 % >= 50 %
        QCOMPARE(breaker.metrics().bufferedCalls, 0);  // every state starts a fresh window
        clock.advance(300);
        QCOMPARE(breaker.openUntilMs(), qint64(1000));
        QVERIFY(!breaker.tryAcquirePermission());
        QCOMPARE(breaker.metrics().notPermittedCalls, qint64(1));
        clock.advance(700);
        breaker.poll(); // time alone moves OPEN to HALF_OPEN when asked
        QCOMPARE(breaker.state(), CircuitState::HalfOpen);
        QCOMPARE(breaker.openUntilMs(), qint64(-1));
    }

    void releasedPermissionCanBeTakenAgain()
    {
        ManualClock clock;
        CircuitBreaker breaker(config(false, 4, 4), &clock);
        breaker.transitionToHalfOpen();
        QVERIFY(breaker.tryAcquirePermission());
        QVERIFY(breaker.tryAcquirePermission());
        QVERIFY(!breaker.tryAcquirePermission());
        breaker.releasePermission();
        QVERIFY(breaker.tryAcquirePermission());
    }

    void maxWaitInHalfOpen()
    {
        ManualClock clock;
        CircuitBreakerConfig c = config(false, 4, 4);
        c.maxWaitDurationInHalfOpenMs = 500;
        CircuitBreaker breaker(c, &clock);
        breaker.transitionToHalfOpen();
        QVERIFY(breaker.tryAcquirePermission());
        clock.advance(500);
        breaker.poll();
        QCOMPARE(breaker.state(), CircuitState::Open);
    }

    void classification_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("error");
        QTest::addColumn<bool>("failure");
        QTest::addRow("200") << 200 << -1 << false;
        QTest::addRow("404") << 404 << -1 << false;
        QTest::addRow("429 by default") << 429 << -1 << false;
        QTest::addRow("500") << 500 << -1 << true;
        QTest::addRow("503") << 503 << -1 << true;
        QTest::addRow("timeout") << 0 << int(Error::Code::Timeout) << true;
        QTest::addRow("refused") << 0 << int(Error::Code::Network) << true;
        QTest::addRow("canceled") << 0 << int(Error::Code::Canceled) << false;
        QTest::addRow("bad input") << 0 << int(Error::Code::InvalidInput) << false;
    }
    void classification()
    {
        QFETCH(int, status);
        QFETCH(int, error);
        QFETCH(bool, failure);
        CircuitBreakerConfig c;
        const std::optional<Error::Code> code = error >= 0 ? std::optional(Error::Code(error)) : std::nullopt;
        QCOMPARE(c.isFailure(status, code), failure);
        c.extraFailureStatuses = {429};
        QCOMPARE(c.isFailure(429, std::nullopt), true);
        c.timeoutsAreFailures = false;
        QCOMPARE(c.isFailure(0, Error::Code::Timeout), false);
        QCOMPARE(CircuitBreakerConfig::fromJson(c.toJson()), c);
    }
};

QTEST_GUILESS_MAIN(tst_CircuitBreaker)
#include "tst_CircuitBreaker.moc"
