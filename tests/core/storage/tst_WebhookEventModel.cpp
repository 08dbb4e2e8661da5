// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"
#include "StorageWriter.h"
#include "WebhookEventModel.h"
#include "WebhookEventStore.h"

#include "WebhookStoreFixture.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace tanager;

namespace {

// Event n: inboxes alternate /stripe and /github, every third is a GET, every fifth has a bad signature,
// and event n's body says "order-<n>".
WebhookEventStore::Record makeRecord(int n)
{
    WebhookEventStore::Record r;
    r.receivedAtUs = 1'700'000'000'000'000LL + n;
    r.inbox = n % 2 ? u"/stripe"_s : u"/github"_s;
    r.method = n % 3 == 0 ? u"GET"_s : u"POST"_s;
    r.target = r.inbox.toUtf8() + "/hook?n=" + QByteArray::number(n);
    r.httpVersion = u"1.1"_s;
    r.headers = "Host: 127.0.0.1\r\nX-Trace: trace-" + QByteArray::number(n) + "\r\n";
    r.body = "{\"id\":\"order-" + QByteArray::number(n) + "\"}";
    r.bodySize = r.body.size();
    r.raw = "POST / HTTP/1.1\r\n\r\n" + r.body;
    r.remoteAddress = u"127.0.0.1"_s;
    r.remotePort = 40000 + n % 1000;
    r.verdict = n % 5 == 0 ? u"bad-signature"_s : u"valid"_s;
    r.verdictReason = n % 5 == 0 ? u"The signature does not match."_s : QString();
    r.status = 200;
    return r;
}

} // namespace

class tst_WebhookEventModel : public QObject, private test::WebhookStoreFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void hundredThousandEventsLoadLazily();
    void displaysColumns_data();
    void displaysColumns();
    void liveEventsAppearAtTopWithoutReset();
    void filters_data();
    void filters();
    void liveEventOutsideFilterIsNotShown();
    void textFilterTreatsWildcardsLiterally();
    void searchLoadsInTheBackground();

private:
    void storeEvents(int from, int to);
    void fetchPage(WebhookEventModel &model);
    void fetchAll(WebhookEventModel &model);

};

void tst_WebhookEventModel::init()
{
    QVERIFY(openStore());
}

void tst_WebhookEventModel::cleanup()
{
    closeStore();
}

void tst_WebhookEventModel::storeEvents(int from, int to)
{
    // In jobs of 1,000 like the catcher's group commits; the last callback says all are committed.
    qint64 last = 0;
    for (int start = from; start <= to; start += 1000) {
        QList<WebhookEventStore::Record> records;
        for (int n = start; n <= qMin(to, start + 999); ++n)
            records.append(makeRecord(n));
        store->addAll(records, this, [&last](const Result<qint64> &id) { last = id ? id.value() : -1; });
    }
    QTRY_COMPARE_WITH_TIMEOUT(last, qint64(to), 60000);
}

void tst_WebhookEventModel::fetchPage(WebhookEventModel &model)
{
    // Pages load on the store's search thread: ask for one (unless one is on its way) and wait for it.
    if (!model.isLoading())
        model.fetchMore();
    QTRY_VERIFY(!model.isLoading());
}

void tst_WebhookEventModel::fetchAll(WebhookEventModel &model)
{
    do
        fetchPage(model);
    while (model.canFetchMore() && !QTest::currentTestFailed());
}

void tst_WebhookEventModel::hundredThousandEventsLoadLazily()
{
    storeEvents(1, 100000);
    WebhookEventModel model(store.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The tester asks for a page or two, as a view would; the rest stays on disk until a view scrolls.
    fetchPage(model);
    QVERIFY(model.rowCount() > 0);
    QVERIFY(model.rowCount() <= 3 * WebhookEventModel::DefaultPageSize);
    QVERIFY(model.canFetchMore());
    QCOMPARE(model.eventId(0), qint64(100000));
    QCOMPARE(model.eventId(WebhookEventModel::DefaultPageSize - 1),
             qint64(100000 - WebhookEventModel::DefaultPageSize + 1));
    QVERIFY(model.summary(0).body.isEmpty()); // bodies are not loaded for the list
    fetchAll(model);
    QCOMPARE(model.rowCount(), 100000);
    QCOMPARE(model.eventId(99999), qint64(1));
    QCOMPARE(model.rowOf(12345), 100000 - 12345);
    QVERIFY(!model.canFetchMore());
}

void tst_WebhookEventModel::displaysColumns_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("display");
    QTest::addRow("inbox") << int(WebhookEventModel::InboxColumn) << u"/github"_s;
    QTest::addRow("method") << int(WebhookEventModel::MethodColumn) << u"POST"_s;
    QTest::addRow("path") << int(WebhookEventModel::PathColumn) << u"/github/hook?n=10"_s;
    QTest::addRow("status") << int(WebhookEventModel::StatusColumn) << u"200"_s;
    QTest::addRow("verdict") << int(WebhookEventModel::VerdictColumn) << u"Bad signature"_s;
    QTest::addRow("remote") << int(WebhookEventModel::RemoteColumn) << u"127.0.0.1:40010"_s;
}

void tst_WebhookEventModel::displaysColumns()
{
    QFETCH(int, column);
    QFETCH(QString, display);
    storeEvents(1, 10);
    WebhookEventModel model(store.get());
    fetchAll(model);
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.columnCount(), int(WebhookEventModel::ColumnCount));
    const QModelIndex index = model.index(0, column);
    QCOMPARE(model.data(index).toString(), display);
    QCOMPARE(model.data(index, WebhookEventModel::EventIdRole).toLongLong(), qint64(10));
    QCOMPARE(
        model.data(model.index(0, WebhookEventModel::VerdictColumn), WebhookEventModel::VerdictReasonRole).toString(),
        u"The signature does not match."_s);
    QCOMPARE(model.data(model.index(0, WebhookEventModel::TimeColumn), WebhookEventModel::RawValueRole).toLongLong(),
             1'700'000'000'000'010LL);
    QVERIFY(!model.headerData(column, Qt::Horizontal).toString().isEmpty());
}

void tst_WebhookEventModel::liveEventsAppearAtTopWithoutReset()
{
    storeEvents(1, 5000);
    WebhookEventModel model(store.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fetchPage(model);
    const int loaded = model.rowCount();
    QVERIFY(loaded < 5000);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    storeEvents(5001, 5003);
    QTRY_COMPARE(model.rowCount(), loaded + 3);
    QCOMPARE(resets.size(), 0);
    QVERIFY(!inserted.isEmpty());
    QCOMPARE(inserted.first().at(1).toInt(), 0); // at the top, as one burst

    QCOMPARE(inserted.first().at(2).toInt(), 2);
    QCOMPARE(model.eventId(0), qint64(5003));
    QCOMPARE(model.eventId(3), qint64(5000));
    // Paging on from the old bottom neither repeats nor skips a row.
    fetchAll(model);
    QCOMPARE(model.rowCount(), 5003);
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.eventId(row), qint64(5003 - row));
}

void tst_WebhookEventModel::filters_data()
{
    QTest::addColumn<QString>("inbox");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<qint64>>("ids");
    // Events 1..30.
    QTest::addRow("inbox") << u"/github"_s << QString() << QString() << QString()
                           << QList<qint64>{30, 28, 26, 24, 22, 20, 18, 16, 14, 12, 10, 8, 6, 4, 2};
    QTest::addRow("method lower case") << QString() << u"get"_s << QString() << QString()
                                       << QList<qint64>{30, 27, 24, 21, 18, 15, 12, 9, 6, 3};
    QTest::addRow("verdict") << QString() << QString() << u"bad-signature"_s << QString()
                             << QList<qint64>{30, 25, 20, 15, 10, 5};
    QTest::addRow("all three") << u"/github"_s << u"GET"_s << u"bad-signature"_s << QString() << QList<qint64>{30};
    QTest::addRow("text in body, any case")
        << QString() << QString() << QString() << u"ORDER-17\""_s << QList<qint64>{17};
    QTest::addRow("text in headers") << QString() << QString() << QString() << u"trace-2\r"_s << QList<qint64>{2};
    QTest::addRow("text in path") << QString() << QString() << QString() << u"n=29"_s << QList<qint64>{29};
    QTest::addRow("text and inbox") << u"/stripe"_s << QString() << QString() << u"order-2"_s
                                    << QList<qint64>{29, 27, 25, 23, 21};
    QTest::addRow("nothing") << QString() << QString() << QString() << u"no-such-text"_s << QList<qint64>{};
}

void tst_WebhookEventModel::filters()
{
    QFETCH(QString, inbox);
    QFETCH(QString, method);
    QFETCH(QString, verdict);
    QFETCH(QString, text);
    QFETCH(QList<qint64>, ids);
    storeEvents(1, 30);
    WebhookEventModel model(store.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(4); // several pages under the filter
    WebhookEventFilter filter;
    filter.inbox = inbox;
    filter.method = method;
    filter.verdict = verdict;
    filter.text = text;
    model.setFilter(filter);
    fetchAll(model);
    QList<qint64> shown;
    for (int row = 0; row < model.rowCount(); ++row)
        shown.append(model.eventId(row));
    QCOMPARE(shown, ids);
}

void tst_WebhookEventModel::liveEventOutsideFilterIsNotShown()
{
    storeEvents(1, 10);
    WebhookEventModel model(store.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    WebhookEventFilter filter;
    filter.inbox = u"/stripe"_s;
    model.setFilter(filter);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 5);
    storeEvents(11, 14); // 11 and 13 are /stripe
    QTRY_COMPARE(model.rowCount(), 7);
    QCOMPARE(model.eventId(0), qint64(13));
    QCOMPARE(model.eventId(1), qint64(11));
    storeEvents(15, 16); // 15 is /stripe; 16 is not and must not appear even after the next look
    QTRY_COMPARE(model.rowCount(), 8);
    model.refresh();
    QCOMPARE(model.rowCount(), 8);
    QCOMPARE(model.eventId(0), qint64(15));
}

void tst_WebhookEventModel::textFilterTreatsWildcardsLiterally()
{
    WebhookEventStore::Record plain = makeRecord(1);
    plain.body = "abc";
    WebhookEventStore::Record percent = makeRecord(2);
    percent.body = "a%c";
    qint64 last = 0;
    store->addAll({plain, percent}, this, [&last](const Result<qint64> &id) { last = id ? id.value() : -1; });
    QTRY_COMPARE(last, qint64(2));
    WebhookEventModel model(store.get());
    WebhookEventFilter filter;
    filter.text = u"a%c"_s;
    model.setFilter(filter);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.eventId(0), qint64(2));
    filter.text = u"a_c"_s;
    model.setFilter(filter);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 0);
}

void tst_WebhookEventModel::searchLoadsInTheBackground()
{
    storeEvents(1, 3000);
    WebhookEventModel model(store.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    WebhookEventFilter filter;
    filter.text = u"order-2999\""_s;
    model.setFilter(filter);
    model.fetchMore();
    // The GUI thread is not held while SQLite reads the bodies: the call returns with the page on its way.
    QVERIFY(model.isLoading());
    QCOMPARE(model.rowCount(), 0);
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.eventId(0), qint64(2999));

    // A page asked for under an older filter is dropped when it arrives: the rows are the new filter's.
    filter.text = u"order-1\""_s;
    model.setFilter(filter);
    model.fetchMore();
    filter.text = u"order-2\""_s;
    model.setFilter(filter);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.eventId(0), qint64(2));
}

QTEST_GUILESS_MAIN(tst_WebhookEventModel)
#include "tst_WebhookEventModel.moc"
