// SPDX-License-Identifier: GPL-3.0-or-later
#include <ManualClock.h>
#include <RateLimitQueue.h>
#include <SlidingWindowLog.h>
#include <TokenBucket.h>

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

using Steps = QList<std::pair<qint64, qint64>>;

class tst_RateLimiters : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tokenBucket_data()
    {
        QTest::addColumn<double>("rate");
        QTest::addColumn<double>("burst");
        // (time, expected wait; 0 = granted)
        QTest::addColumn<Steps>("steps");
        QTest::addRow("burst then paced") << 10.0 << 2.0
                                          << Steps{{0, 0}, {0, 0}, {0, 100}, {50, 50}, {100, 0}, {100, 100}, {200, 0}};
        QTest::addRow("refill capped at burst") << 10.0 << 2.0
                                                << Steps{{0, 0}, {0, 0}, {10000, 0}, {10000, 0}, {10000, 100}};
        QTest::addRow("fractional rate") << 0.5 << 1.0 << Steps{{0, 0}, {1, 1999}, {2000, 0}};
        QTest::addRow("time going back adds nothing") << 1.0 << 1.0 << Steps{{5000, 0}, {4000, 1000}, {6000, 0}};
    }
    void tokenBucket()
    {
        QFETCH(double, rate);
        QFETCH(double, burst);
        QFETCH(Steps, steps);
        TokenBucket bucket(rate, burst, 0);
        for (const auto &[at, wait] : steps)
            QCOMPARE(bucket.tryAcquire(at), wait);
        QCOMPARE(bucket.capacity(), burst);
    }

    void slidingWindow_data()
    {
        QTest::addColumn<int>("limit");
        QTest::addColumn<qint64>("window");
        QTest::addColumn<Steps>("steps");
        QTest::addRow("3 per second") << 3 << qint64(1000)
                                      << Steps{{0, 0}, {100, 0}, {200, 0}, {300, 700}, {999, 1}, {1000, 0}, {1050, 50}};
        QTest::addRow("no boundary burst") << 2 << qint64(1000)
                                           << Steps{{900, 0}, {950, 0}, {1001, 899}, {1900, 0}, {1949, 1}, {1950, 0}};
    }
    void slidingWindow()
    {
        QFETCH(int, limit);
        QFETCH(qint64, window);
        QFETCH(Steps, steps);
        SlidingWindowLog log(limit, window);
        for (const auto &[at, wait] : steps)
            QCOMPARE(log.tryAcquire(at), wait);
    }

    void slidingWindowAvailable()
    {
        SlidingWindowLog log(2, 1000);
        QCOMPARE(log.available(0), 2.0);
        log.tryAcquire(0);
        QCOMPARE(log.available(500), 1.0);
        QCOMPARE(log.available(1000), 2.0);
    }

    void queueReleasesInOrder()
    {
        ManualClock clock;
        RateLimitQueue queue(std::make_unique<TokenBucket>(2.0, 1.0, 0), &clock);
        QSignalSpy changed(&queue, &RateLimitQueue::queueChanged);
        QList<std::pair<int, qint64>> granted;
        const auto make = [&](int n) {
            return [&granted, n](bool ok, qint64 waited) {
                if (ok)
                    granted.append({n, waited});
            };
        };
        queue.acquire(this, make(1));
        QCOMPARE(granted.size(), 1); // free permit: granted before acquire() returns
        queue.acquire(this, make(2));
        queue.acquire(this, make(3));
        QCOMPARE(queue.waitingCount(), 2);
        QCOMPARE(queue.nextReleaseInMs(), qint64(500));
        clock.advance(499);
        queue.pump();
        QCOMPARE(granted.size(), 1);
        clock.advance(1);
        queue.pump();
        QCOMPARE(granted.size(), 2);
        QCOMPARE(granted.at(1), std::make_pair(2, qint64(500)));
        clock.advance(500);
        queue.pump();
        QCOMPARE(granted.size(), 3);
        QCOMPARE(granted.at(2), std::make_pair(3, qint64(1000)));
        QCOMPARE(queue.waitingCount(), 0);
        QCOMPARE(queue.nextReleaseInMs(), qint64(-1));
        QVERIFY(changed.count() >= 4);
    }

    void queueCancel()
    {
        ManualClock clock;
        RateLimitQueue queue(std::make_unique<SlidingWindowLog>(1, 1000), &clock);
        QList<int> order;
        bool cancelledTold = false;
        queue.acquire(this, [&](bool ok, qint64) { order.append(ok ? 1 : -1); });
        const quint64 second = queue.acquire(this, [&](bool ok, qint64) {
            order.append(ok ? 2 : -2);
            cancelledTold = !ok;
        });
        queue.acquire(this, [&](bool ok, qint64) { order.append(ok ? 3 : -3); });
        QCOMPARE(queue.waiting().size(), 2);
        QCOMPARE(queue.waiting().first().ticket, second);
        QVERIFY(queue.cancel(second));
        QVERIFY(cancelledTold);
        QVERIFY(!queue.cancel(second));
        clock.advance(1000);
        queue.pump();
        QCOMPARE(order, (QList<int>{1, -2, 3}));
    }

    void queueDropsWaiterWhoseContextIsGone()
    {
        ManualClock clock;
        RateLimitQueue queue(std::make_unique<TokenBucket>(1.0, 1.0, 0), &clock);
        queue.acquire(this, [](bool, qint64) {});
        bool called = false;
        {
            QObject gone;
            queue.acquire(&gone, [&](bool, qint64) { called = true; });
        }
        clock.advance(1000);
        queue.pump();
        QVERIFY(!called);
        QCOMPARE(queue.waitingCount(), 0);
        // The permit was not spent on the dead waiter.
        QCOMPARE(queue.limiter().available(1000), 1.0);
    }

    void queueTimerFiresOnRealTime()
    {
        // The one place real time matters: the queue's own timer releases the head without pump().
        ManualClock clock;
        RateLimitQueue queue(std::make_unique<TokenBucket>(1000.0, 1.0, 0), &clock);
        int granted = 0;
        queue.acquire(this, [&](bool ok, qint64) { granted += ok; });
        queue.acquire(this, [&](bool ok, qint64) { granted += ok; });
        QCOMPARE(granted, 1);
        clock.advance(1);
        QTRY_COMPARE(granted, 2);
    }
};

QTEST_GUILESS_MAIN(tst_RateLimiters)
#include "tst_RateLimiters.moc"
