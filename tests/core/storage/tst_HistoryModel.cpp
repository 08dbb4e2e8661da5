// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"
#include "HistoryModel.h"
#include "HistoryStore.h"
#include "StorageWriter.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace tanager;

namespace {

ExchangeRecord makeRecord(int n, int status = 200)
{
    ExchangeRecord r;
    r.startedAt = QDateTime::currentDateTimeUtc();
    r.method = n % 2 ? u"POST"_s : u"GET"_s;
    r.url = u"https://m.test/item/%1"_s.arg(n);
    r.host = u"m.test"_s;
    r.status = status;
    r.responseBody = QByteArray(n, 'x');
    r.responseBodySize = n;
    r.durationMs = n;
    return r;
}

} // namespace

class tst_HistoryModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void loadsPagesNewestFirst();
    void displaysColumns_data();
    void displaysColumns();
    void newRecordAppearsAtTop();
    void newRecordOutsideFilterIsNotShown();
    void filterReloads();
    void followsRemoveClearAndRetention();

private:
    void recordAll(int from, int to, int status = 200);
    void fetchAll(HistoryModel &model);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<StorageWriter> m_writer;
    std::unique_ptr<HistoryStore> m_store;
};

void tst_HistoryModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto db = Database::open(m_dir->filePath(u"m.sqlite"_s));
    QVERIFY(db.ok());
    m_writer = std::make_unique<StorageWriter>(db.value());
    m_store = std::make_unique<HistoryStore>(db.value(), m_writer.get());
    m_writer->start();
}

void tst_HistoryModel::cleanup()
{
    m_store.reset();
    m_writer.reset();
    m_dir.reset();
}

void tst_HistoryModel::recordAll(int from, int to, int status)
{
    QSignalSpy recorded(m_store.get(), &HistoryStore::recorded);
    for (int n = from; n <= to; ++n)
        m_store->record(makeRecord(n, status));
    QTRY_COMPARE(recorded.size(), to - from + 1);
}

void tst_HistoryModel::fetchAll(HistoryModel &model)
{
    while (model.canFetchMore())
        model.fetchMore();
}

void tst_HistoryModel::loadsPagesNewestFirst()
{
    recordAll(1, 25);
    HistoryModel model(m_store.get());
    model.setPageSize(10);
    QCOMPARE(model.rowCount(), 0); // nothing loads until asked
    QVERIFY(model.canFetchMore());
    QCOMPARE(model.columnCount(), int(HistoryModel::ColumnCount));
    model.fetchMore();
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.index(0, HistoryModel::UrlColumn).data().toString(), u"https://m.test/item/25"_s);
    model.fetchMore();
    QCOMPARE(model.rowCount(), 20);
    QVERIFY(model.canFetchMore());
    model.fetchMore();
    QCOMPARE(model.rowCount(), 25);
    QVERIFY(!model.canFetchMore());
    QCOMPARE(model.index(24, HistoryModel::UrlColumn).data().toString(), u"https://m.test/item/1"_s);
    for (int row = 1; row < model.rowCount(); ++row)
        QVERIFY(model.exchangeId(row) < model.exchangeId(row - 1));
    QCOMPARE(model.index(3, 0).data(HistoryModel::ExchangeIdRole).toLongLong(), model.exchangeId(3));
    QCOMPARE(model.exchangeId(25), 0);
    // The tester fetches on its own, so it joins once the exact page sizes are checked.
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    recordAll(26, 26);
    QTRY_COMPARE(model.rowCount(), 26);
}

void tst_HistoryModel::displaysColumns_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("display");
    QTest::addRow("method") << int(HistoryModel::MethodColumn) << u"Method"_s << u"POST"_s;
    QTest::addRow("url") << int(HistoryModel::UrlColumn) << u"URL"_s << u"https://m.test/item/7"_s;
    QTest::addRow("status") << int(HistoryModel::StatusColumn) << u"Status"_s << u"503"_s;
    QTest::addRow("duration") << int(HistoryModel::DurationColumn) << u"Duration"_s << u"7 ms"_s;
    QTest::addRow("size") << int(HistoryModel::SizeColumn) << u"Size"_s << QLocale().formattedDataSize(7);
}

void tst_HistoryModel::displaysColumns()
{
    QFETCH(int, column);
    QFETCH(QString, header);
    QFETCH(QString, display);
    recordAll(7, 7, 503);
    HistoryModel model(m_store.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.headerData(column, Qt::Horizontal).toString(), header);
    QCOMPARE(model.index(0, column).data().toString(), display);
    const QDateTime time = model.index(0, HistoryModel::TimeColumn).data(HistoryModel::RawValueRole).toDateTime();
    QVERIFY(qAbs(time.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    QCOMPARE(model.index(0, HistoryModel::TimeColumn).data().toString(),
             time.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s));
}

void tst_HistoryModel::newRecordAppearsAtTop()
{
    recordAll(1, 3);
    HistoryModel model(m_store.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 3);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    recordAll(4, 5);
    QTRY_COMPARE(model.rowCount(), 5);
    QCOMPARE(model.index(0, HistoryModel::UrlColumn).data().toString(), u"https://m.test/item/5"_s);
    QCOMPARE(model.index(1, HistoryModel::UrlColumn).data().toString(), u"https://m.test/item/4"_s);
    QCOMPARE(model.index(2, HistoryModel::UrlColumn).data().toString(), u"https://m.test/item/3"_s);
    QCOMPARE(inserted.last().at(1).toInt(), 0); // inserted at the top, not appended
}

void tst_HistoryModel::newRecordOutsideFilterIsNotShown()
{
    HistoryModel model(m_store.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    HistoryFilter filter;
    filter.status = u"5xx"_s;
    model.setFilter(filter);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 0);
    recordAll(1, 2, 200);
    recordAll(3, 3, 502);
    QTRY_COMPARE(model.rowCount(), 1);
    QTest::qWait(20);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, HistoryModel::StatusColumn).data().toString(), u"502"_s);
}

void tst_HistoryModel::filterReloads()
{
    recordAll(1, 6);
    HistoryModel model(m_store.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 6);
    HistoryFilter filter;
    filter.method = u"post"_s;
    model.setFilter(filter);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 3);
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.index(row, HistoryModel::MethodColumn).data().toString(), u"POST"_s);
    filter = {};
    filter.text = u"item/4"_s;
    model.setFilter(filter);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, HistoryModel::UrlColumn).data().toString(), u"https://m.test/item/4"_s);
}

void tst_HistoryModel::followsRemoveClearAndRetention()
{
    recordAll(1, 6);
    HistoryModel model(m_store.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 6);

    m_store->remove({model.exchangeId(1), model.exchangeId(2), model.exchangeId(4)});
    QTRY_COMPARE(model.rowCount(), 3);
    QStringList left;
    for (int row = 0; row < model.rowCount(); ++row)
        left << model.index(row, HistoryModel::UrlColumn).data().toString();
    QCOMPARE(left, (QStringList{u"https://m.test/item/6"_s, u"https://m.test/item/3"_s, u"https://m.test/item/1"_s}));

    m_store->setRetention(2);
    recordAll(7, 7);
    QTRY_COMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, HistoryModel::UrlColumn).data().toString(), u"https://m.test/item/7"_s);
    QCOMPARE(model.index(1, HistoryModel::UrlColumn).data().toString(), u"https://m.test/item/6"_s);

    m_store->clear();
    QTRY_COMPARE(model.rowCount(), 0);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(tst_HistoryModel)
#include "tst_HistoryModel.moc"
