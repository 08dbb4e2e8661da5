// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"
#include "StorageWriter.h"

#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace tanager;

namespace {

StorageWriter::Job insertJob(const QString &value)
{
    return [value](QSqlDatabase &db) -> Result<qint64> {
        QSqlQuery query(db);
        query.prepare(u"INSERT INTO notes (text) VALUES (?)"_s);
        query.addBindValue(value);
        if (!query.exec())
            return Error{Error::Code::Storage, query.lastError().text()};
        return query.lastInsertId().toLongLong();
    };
}

StorageWriter::Job createTable()
{
    return [](QSqlDatabase &db) -> Result<qint64> {
        QSqlQuery query(db);
        if (!query.exec(u"CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT UNIQUE)"_s))
            return Error{Error::Code::Storage, query.lastError().text()};
        return qint64(0);
    };
}

QStringList notes(const Database &database)
{
    auto connection = database.connect(u"check"_s);
    QStringList out;
    QSqlQuery query(connection.value().database());
    if (query.exec(u"SELECT text FROM notes ORDER BY id"_s)) {
        while (query.next())
            out << query.value(0).toString();
    }
    return out;
}

} // namespace

class tst_StorageWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void jobsQueuedBeforeStartCommitInOneTransaction();
    void failingJobDoesNotLoseOthers_data();
    void failingJobDoesNotLoseOthers();
    void whenDrainedFiresAfterEveryCallback();
    void callbackDroppedWhenContextIsGone();
    void destroyingWriterCommitsQueuedJobs();
    void batchHookRunsAfterJobsAndReports();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
};

void tst_StorageWriter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto db = Database::open(m_dir->filePath(u"w.sqlite"_s));
    QVERIFY(db.ok());
    m_database = std::make_unique<Database>(db.value());
}

void tst_StorageWriter::jobsQueuedBeforeStartCommitInOneTransaction()
{
    StorageWriter writer(*m_database);
    QSignalSpy batches(&writer, &StorageWriter::batchCommitted);
    QSignalSpy drained(&writer, &StorageWriter::drained);
    QList<qint64> ids;
    writer.enqueue(createTable());
    const int count = 500;
    for (int i = 0; i < count; ++i) {
        writer.enqueue(insertJob(u"note %1"_s.arg(i)), this, [&ids](const Result<qint64> &id) {
            QVERIFY(id.ok());
            ids.append(id.value());
        });
    }
    QVERIFY(!writer.isIdle());
    QTest::qWait(50);
    QVERIFY(ids.isEmpty()); // nothing runs before start()
    QCOMPARE(notes(*m_database).size(), 0);

    writer.start();
    QVERIFY(drained.wait(10000));
    QTRY_COMPARE(ids.size(), count);
    QCOMPARE(batches.size(), 1);
    QCOMPARE(batches.at(0).at(0).toInt(), count + 1);
    QCOMPARE(batches.at(0).at(1).toInt(), 0);
    // Every callback saw a committed row: a separate connection reads them all, in queue order.
    const QStringList stored = notes(*m_database);
    QCOMPARE(stored.size(), count);
    QCOMPARE(stored.first(), u"note 0"_s);
    QCOMPARE(stored.last(), u"note 499"_s);
    for (int i = 1; i < ids.size(); ++i)
        QVERIFY(ids.at(i) > ids.at(i - 1));
    QVERIFY(writer.isIdle());
}

void tst_StorageWriter::failingJobDoesNotLoseOthers_data()
{
    QTest::addColumn<bool>("failAfterWriting");
    QTest::addRow("job returns an error after writing") << true;
    QTest::addRow("SQL constraint fails") << false;
}

void tst_StorageWriter::failingJobDoesNotLoseOthers()
{
    QFETCH(bool, failAfterWriting);
    StorageWriter writer(*m_database);
    writer.enqueue(createTable());
    writer.enqueue(insertJob(u"first"_s));
    StorageWriter::Job bad;
    if (failAfterWriting) {
        bad = [](QSqlDatabase &db) -> Result<qint64> {
            auto written = insertJob(u"half-done"_s)(db);
            if (!written)
                return written;
            return Error{Error::Code::InvalidInput, u"job gave up"_s};
        };
    } else {
        bad = insertJob(u"first"_s); // violates UNIQUE
    }
    QList<Result<qint64>> outcomes;
    const auto collect = [&outcomes](const Result<qint64> &r) { outcomes.append(r); };
    writer.enqueue(insertJob(u"second"_s), this, collect);
    writer.enqueue(bad, this, collect);
    writer.enqueue(insertJob(u"third"_s), this, collect);
    QSignalSpy batches(&writer, &StorageWriter::batchCommitted);
    writer.start();
    QTRY_COMPARE(outcomes.size(), 3);
    QVERIFY(outcomes.at(0).ok());
    QVERIFY(!outcomes.at(1).ok());
    QVERIFY(!outcomes.at(1).error().message.isEmpty());
    QVERIFY(outcomes.at(2).ok());
    QCOMPARE(notes(*m_database), (QStringList{u"first"_s, u"second"_s, u"third"_s}));
    QCOMPARE(batches.size(), 1);
    QCOMPARE(batches.at(0).at(1).toInt(), 1);
}

void tst_StorageWriter::whenDrainedFiresAfterEveryCallback()
{
    StorageWriter writer(*m_database);
    writer.start();
    int done = 0;
    writer.enqueue(createTable());
    for (int i = 0; i < 200; ++i)
        writer.enqueue(insertJob(u"n%1"_s.arg(i)), this, [&done](const Result<qint64> &r) { done += r.ok() ? 1 : 0; });
    int doneWhenDrained = -1;
    writer.whenDrained(this, [&] { doneWhenDrained = done; });
    QTRY_VERIFY(doneWhenDrained >= 0);
    QCOMPARE(doneWhenDrained, 200);
    QCOMPARE(notes(*m_database).size(), 200);

    // When already idle it still answers, queued.
    bool idleAnswered = false;
    writer.whenDrained(this, [&] { idleAnswered = true; });
    QVERIFY(!idleAnswered);
    QTRY_VERIFY(idleAnswered);
}

void tst_StorageWriter::callbackDroppedWhenContextIsGone()
{
    StorageWriter writer(*m_database);
    writer.enqueue(createTable());
    bool called = false;
    auto context = std::make_unique<QObject>();
    writer.enqueue(insertJob(u"orphan"_s), context.get(), [&called](const Result<qint64> &) { called = true; });
    context.reset();
    QSignalSpy drained(&writer, &StorageWriter::drained);
    writer.start();
    QVERIFY(drained.wait(10000));
    QTest::qWait(20);
    QVERIFY(!called);
    QCOMPARE(notes(*m_database), QStringList{u"orphan"_s}); // the row is saved all the same
}

void tst_StorageWriter::destroyingWriterCommitsQueuedJobs()
{
    {
        StorageWriter writer(*m_database);
        writer.enqueue(createTable());
        for (int i = 0; i < 10; ++i)
            writer.enqueue(insertJob(u"late %1"_s.arg(i)));
        // Never started: destruction must still commit.
    }
    QCOMPARE(notes(*m_database).size(), 10);
}

void tst_StorageWriter::batchHookRunsAfterJobsAndReports()
{
    StorageWriter writer(*m_database);
    QList<qint64> hookResults;
    writer.addBatchHook(
        [](QSqlDatabase &db) -> Result<qint64> {
            QSqlQuery query(db);
            if (!query.exec(u"SELECT COUNT(*) FROM notes"_s) || !query.next())
                return Error{Error::Code::Storage, query.lastError().text()};
            return query.value(0).toLongLong();
        },
        this, [&hookResults](const Result<qint64> &r) { hookResults.append(r.ok() ? r.value() : -1); });
    writer.enqueue(createTable());
    writer.enqueue(insertJob(u"a"_s));
    writer.enqueue(insertJob(u"b"_s));
    writer.start();
    QTRY_COMPARE(hookResults.size(), 1);
    QCOMPARE(hookResults.at(0), 2); // saw both rows of its batch
}

QTEST_GUILESS_MAIN(tst_StorageWriter)
#include "tst_StorageWriter.moc"
