// SPDX-License-Identifier: GPL-3.0-or-later
#include <RateLimitHeaders.h>

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace tanager;

namespace {
const QDateTime Now(QDate(2025, 3, 1), QTime(12, 0, 0), QTimeZone::utc());

HeaderLines lines(const QList<std::pair<QByteArray, QByteArray>> &pairs)
{
    HeaderLines headers;
    for (const auto &[name, value] : pairs)
        headers.append({name, value, false});
    return headers;
}
} // namespace

using Pairs = QList<std::pair<QByteArray, QByteArray>>;
using Opt = std::optional<qint64>;
Q_DECLARE_METATYPE(Opt)

class tst_RateLimitHeaders : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void retryAfter_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<Opt>("expected");
        QTest::addRow("seconds") << "120"_ba << Opt(120000);
        QTest::addRow("zero") << "0"_ba << Opt(0);
        QTest::addRow("spaces") << "  5 "_ba << Opt(5000);
        QTest::addRow("imf-fixdate") << "Sat, 01 Mar 2025 12:00:30 GMT"_ba << Opt(30000);
        QTest::addRow("rfc850") << "Saturday, 01-Mar-25 12:01:00 GMT"_ba << Opt(60000);
        QTest::addRow("asctime") << "Sat Mar  1 12:00:10 2025"_ba << Opt(10000);
        QTest::addRow("date in the past") << "Sat, 01 Mar 2025 11:00:00 GMT"_ba << Opt(0);
        QTest::addRow("negative") << "-5"_ba << Opt();
        QTest::addRow("decimal") << "1.5"_ba << Opt();
        QTest::addRow("garbage") << "soon"_ba << Opt();
        QTest::addRow("empty") << ""_ba << Opt();
        QTest::addRow("overflow") << "99999999999999999999999"_ba << Opt();
        QTest::addRow("bad date") << "Sat, 41 Mar 2025 12:00:30 GMT"_ba << Opt();
    }
    void retryAfter()
    {
        QFETCH(QByteArray, value);
        QFETCH(Opt, expected);
        QCOMPARE(RateLimitHeaders::parseRetryAfter(value, Now), expected);
    }

    void forms_data()
    {
        QTest::addColumn<Pairs>("headers");
        QTest::addColumn<QString>("form");
        QTest::addColumn<Opt>("limit");
        QTest::addColumn<Opt>("remaining");
        QTest::addColumn<Opt>("reset");
        QTest::addColumn<Opt>("window");
        QTest::addColumn<QString>("policy");
        const qint64 epoch = Now.toSecsSinceEpoch();
        QTest::addRow("github epoch reset")
            << Pairs{{"X-RateLimit-Limit", "5000"}, {"X-RateLimit-Remaining", "4999"},
                     {"X-RateLimit-Reset", QByteArray::number(epoch + 42)}, {"X-RateLimit-Used", "1"}}
            << u"x-ratelimit"_s << Opt(5000) << Opt(4999) << Opt(42) << Opt() << QString();
        QTest::addRow("x reset as seconds") << Pairs{{"x-ratelimit-limit", "60"}, {"x-ratelimit-reset", "30"}}
                                            << u"x-ratelimit"_s << Opt(60) << Opt() << Opt(30) << Opt() << QString();
        QTest::addRow("x epoch in the past") << Pairs{{"X-RateLimit-Reset", QByteArray::number(epoch - 100)}}
                                             << u"x-ratelimit"_s << Opt() << Opt() << Opt(0) << Opt() << QString();
        QTest::addRow("x garbage ignored") << Pairs{{"X-RateLimit-Limit", "lots"}, {"X-RateLimit-Remaining", "-1"},
                                                    {"X-RateLimit-Reset", "12"}}
                                           << u"x-ratelimit"_s << Opt() << Opt() << Opt(12) << Opt() << QString();
        QTest::addRow("draft-10") << Pairs{{"RateLimit", "\"default\";r=50;t=30"},
                                           {"RateLimit-Policy", "\"default\";q=100;w=60"}}
                                  << u"ietf-10"_s << Opt(100) << Opt(50) << Opt(30) << Opt(60) << u"default"_s;
        QTest::addRow("draft-10 tightest of two")
            << Pairs{{"RateLimit", "\"burst\";r=80;t=1, \"daily\";r=3;t=3600"},
                     {"RateLimit-Policy", "\"burst\";q=100;w=1, \"daily\";q=1000;w=86400"}}
            << u"ietf-10"_s << Opt(1000) << Opt(3) << Opt(3600) << Opt(86400) << u"daily"_s;
        QTest::addRow("draft-10 split over lines")
            << Pairs{{"RateLimit", "\"burst\";r=80;t=1"}, {"RateLimit", "\"daily\";r=0;t=9"}}
            << u"ietf-10"_s << Opt() << Opt(0) << Opt(9) << Opt() << u"daily"_s;
        QTest::addRow("draft-10 token name") << Pairs{{"RateLimit", "default;r=7;t=2"}} << u"ietf-10"_s << Opt()
                                             << Opt(7) << Opt(2) << Opt() << u"default"_s;
        QTest::addRow("draft-07") << Pairs{{"RateLimit", "limit=100, remaining=50, reset=5"},
                                           {"RateLimit-Policy", "100;w=10"}}
                                  << u"ietf-07"_s << Opt(100) << Opt(50) << Opt(5) << Opt(10) << QString();
        QTest::addRow("draft-05") << Pairs{{"RateLimit-Limit", "100, 100;w=60"}, {"RateLimit-Remaining", "0"},
                                           {"RateLimit-Reset", "15"}}
                                  << u"ietf-05"_s << Opt(100) << Opt(0) << Opt(15) << Opt() << QString();
        QTest::addRow("draft-05 with policy") << Pairs{{"RateLimit-Limit", "10"}, {"RateLimit-Policy", "10;w=1"}}
                                              << u"ietf-05"_s << Opt(10) << Opt() << Opt() << Opt(1) << QString();
        QTest::addRow("malformed structured field falls back to x-")
            << Pairs{{"RateLimit", "\"unterminated;r=5"}, {"X-RateLimit-Remaining", "9"}} << u"x-ratelimit"_s
            << Opt() << Opt(9) << Opt() << Opt() << QString();
        QTest::addRow("trailing comma invalid") << Pairs{{"RateLimit", "limit=1, "}} << u"none"_s << Opt() << Opt()
                                                << Opt() << Opt() << QString();
        QTest::addRow("binary junk") << Pairs{{"RateLimit", "\x01\x02\xff"}, {"RateLimit-Remaining", "\xff"}}
                                     << u"none"_s << Opt() << Opt() << Opt() << Opt() << QString();
        QTest::addRow("nothing") << Pairs{{"Content-Type", "text/plain"}} << u"none"_s << Opt() << Opt() << Opt()
                                 << Opt() << QString();
    }
    void forms()
    {
        QFETCH(Pairs, headers);
        QFETCH(QString, form);
        QFETCH(Opt, limit);
        QFETCH(Opt, remaining);
        QFETCH(Opt, reset);
        QFETCH(Opt, window);
        QFETCH(QString, policy);
        const RateLimitSnapshot s = RateLimitHeaders::parse(lines(headers), Now);
        QCOMPARE(RateLimitSnapshot::formName(s.form), form);
        QCOMPARE(s.limit, limit);
        QCOMPARE(s.remaining, remaining);
        QCOMPARE(s.resetSeconds, reset);
        QCOMPARE(s.windowSeconds, window);
        QCOMPARE(s.policyName, policy);
        QCOMPARE(RateLimitSnapshot::fromJson(s.toJson()), s);
    }

    void retryAfterInSnapshot()
    {
        const RateLimitSnapshot s = RateLimitHeaders::parse(lines({{"Retry-After", "3"}}), Now);
        QCOMPARE(s.retryAfterMs, Opt(3000));
        QVERIFY(!s.isEmpty());
        QVERIFY(!s.isExhausted());
        const RateLimitSnapshot bad = RateLimitHeaders::parse(lines({{"Retry-After", "later, please"}}), Now);
        QVERIFY(bad.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_RateLimitHeaders)
#include "tst_RateLimitHeaders.moc"
