// SPDX-License-Identifier: GPL-3.0-or-later
// DeadLetterModel (core/storage) over a real DeadLetterStore: checked by QAbstractItemModelTester
// while letters are added, filtered, re-driven, removed and purged.
#include <Database.h>
#include <DeadLetterModel.h>
#include <DeadLetterStore.h>
#include <StorageWriter.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_DeadLetterModel : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<StorageWriter> m_writer;
    std::unique_ptr<DeadLetterStore> m_store;

    qint64 add(const QString &host, const QString &error)
    {
        DeadLetter d;
        d.source = u"send"_s;
        d.method = u"GET"_s;
        d.url = u"http://"_s + host + u"/path"_s;
        d.host = host;
        d.request = "{\"method\":\"GET\",\"url\":\"http://x/\"}"_ba;
        d.attemptCount = 3;
        d.lastStatus = 503;
        d.lastError = error;
        QSignalSpy added(m_store.get(), &DeadLetterStore::added);
        m_store->add(d);
        if (!added.wait(5000))
            return -1;
        return added.first().first().toLongLong();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QFile::remove(m_dir.filePath(u"t.sqlite"_s));
        auto db = Database::open(m_dir.filePath(u"t.sqlite"_s));
        QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
        m_writer = std::make_unique<StorageWriter>(db.value());
        m_writer->start();
        m_store = std::make_unique<DeadLetterStore>(db.value(), m_writer.get());
    }
    void cleanup()
    {
        m_store.reset();
        m_writer.reset();
    }

    void followsTheStore()
    {
        DeadLetterModel model(m_store.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(DeadLetterModel::ColumnCount));
        const qint64 a = add(u"a.test"_s, u"HTTP 503"_s);
        const qint64 b = add(u"b.test"_s, u"Connection refused"_s);
        const qint64 c = add(u"a.test"_s, u"timed out"_s);
        QTRY_COMPARE(model.rowCount(), 3);
        // Newest first.
        QCOMPARE(model.letter(0).id, c);
        QCOMPARE(model.index(2, DeadLetterModel::IdColumn).data(DeadLetterModel::LetterIdRole).toLongLong(), a);
        QCOMPARE(model.index(1, DeadLetterModel::UrlColumn).data().toString(), u"http://b.test/path"_s);
        QCOMPARE(model.index(1, DeadLetterModel::StatusColumn).data(DeadLetterModel::RawValueRole).toInt(), 503);
        QCOMPARE(model.headerData(DeadLetterModel::ErrorColumn, Qt::Horizontal).toString(), u"Last error"_s);

        model.setFilter(DeadLetterFilter{u"a.test"_s, {}, {}, 100});
        QCOMPARE(model.rowCount(), 2);
        model.setFilter(DeadLetterFilter{{}, {}, u"refused"_s, 100});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.letter(0).id, b);
        model.setFilter({});

        QSignalSpy updated(m_store.get(), &DeadLetterStore::updated);
        m_store->recordRedrive(a, "[]"_ba, 2, 502, u"HTTP 502"_s);
        QVERIFY(updated.wait(5000));
        QCOMPARE(model.index(model.rowOf(a), DeadLetterModel::RedrivesColumn).data().toInt(), 1);
        QCOMPARE(model.index(model.rowOf(a), DeadLetterModel::ErrorColumn).data().toString(), u"HTTP 502"_s);

        QSignalSpy removed(m_store.get(), &DeadLetterStore::removed);
        m_store->remove({b});
        QVERIFY(removed.wait(5000));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(b), -1);

        QSignalSpy purged(m_store.get(), &DeadLetterStore::purged);
        m_store->purge();
        QVERIFY(purged.wait(5000));
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.letter(0).id, qint64(0));
    }
};

QTEST_GUILESS_MAIN(tst_DeadLetterModel)
#include "tst_DeadLetterModel.moc"
