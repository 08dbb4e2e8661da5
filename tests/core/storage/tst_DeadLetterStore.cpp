// SPDX-License-Identifier: GPL-3.0-or-later
#include <Database.h>
#include <DeadLetterStore.h>
#include <StorageWriter.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_DeadLetterStore : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<StorageWriter> m_writer;
    std::unique_ptr<DeadLetterStore> m_store;

    static DeadLetter letter(const QString &host, const QString &error, const QString &source = u"send"_s)
    {
        DeadLetter d;
        d.source = source;
        d.method = u"GET"_s;
        d.url = u"http://"_s + host + u"/path"_s;
        d.host = host;
        d.request = "{\"method\":\"GET\",\"url\":\"http://x/\"}"_ba;
        d.attempts = "[{\"attempt\":1,\"status\":503},{\"attempt\":2,\"status\":503}]"_ba;
        d.attemptCount = 2;
        d.lastStatus = 503;
        d.lastError = error;
        d.policy = "{\"retry\":{\"maxAttempts\":2}}"_ba;
        return d;
    }

    qint64 add(const DeadLetter &d)
    {
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

    void addAndLoadKeepsEveryField()
    {
        const qint64 id = add(letter(u"a.test"_s, u"HTTP 503 after 2 attempts"_s));
        QVERIFY(id > 0);
        auto loaded = m_store->load(id);
        QVERIFY(loaded);
        const DeadLetter &d = loaded.value();
        QCOMPARE(d.id, id);
        QCOMPARE(d.host, u"a.test"_s);
        QCOMPARE(d.request, "{\"method\":\"GET\",\"url\":\"http://x/\"}"_ba);
        QCOMPARE(d.attemptCount, 2);
        QCOMPARE(d.lastStatus, 503);
        QCOMPARE(d.policy, "{\"retry\":{\"maxAttempts\":2}}"_ba);
        QVERIFY(d.createdAt.isValid());
        QVERIFY(!d.lastRedriveAt.isValid());
        QCOMPARE(m_store->count().value(), qint64(1));
    }

    void missingIdSaysWhatToDo()
    {
        auto loaded = m_store->load(4242);
        QVERIFY(!loaded);
        QVERIFY(loaded.error().message.contains(u"4242"_s));
        QVERIFY(loaded.error().message.contains(u"dlq list"_s));
    }

    void filters_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("limit");
        QTest::addColumn<QStringList>("expectedHosts");
        QTest::addRow("all newest first") << QString() << QString() << QString() << 100
                                          << QStringList{u"c.test"_s, u"b.test"_s, u"a.test"_s};
        QTest::addRow("host case-insensitive") << u"B.TEST"_s << QString() << QString() << 100
                                               << QStringList{u"b.test"_s};
        QTest::addRow("source") << QString() << u"webhook-forward"_s << QString() << 100 << QStringList{u"c.test"_s};
        QTest::addRow("text in error") << QString() << QString() << u"refused"_s << 100 << QStringList{u"b.test"_s};
        QTest::addRow("text in url") << QString() << QString() << u"A.TEST/pa"_s << 100 << QStringList{u"a.test"_s};
        QTest::addRow("limit") << QString() << QString() << QString() << 1 << QStringList{u"c.test"_s};
    }
    void filters()
    {
        QFETCH(QString, host);
        QFETCH(QString, source);
        QFETCH(QString, text);
        QFETCH(int, limit);
        QFETCH(QStringList, expectedHosts);
        QVERIFY(add(letter(u"a.test"_s, u"HTTP 503"_s)) > 0);
        QVERIFY(add(letter(u"b.test"_s, u"Connection refused"_s)) > 0);
        QVERIFY(add(letter(u"c.test"_s, u"HTTP 500"_s, u"webhook-forward"_s)) > 0);
        auto list = m_store->list(DeadLetterFilter{host, source, text, limit});
        QVERIFY(list);
        QStringList hosts;
        for (const DeadLetter &d : list.value())
            hosts.append(d.host);
        QCOMPARE(hosts, expectedHosts);
    }

    void redriveRemoveAndPurge()
    {
        const qint64 a = add(letter(u"a.test"_s, u"HTTP 503"_s));
        const qint64 b = add(letter(u"b.test"_s, u"HTTP 503"_s));
        const qint64 c = add(letter(u"c.test"_s, u"HTTP 503"_s));

        QSignalSpy updated(m_store.get(), &DeadLetterStore::updated);
        m_store->recordRedrive(a, "[]"_ba, 3, 0, u"Connection refused"_s);
        QVERIFY(updated.wait(5000));
        const DeadLetter redriven = m_store->load(a).value();
        QCOMPARE(redriven.redriveCount, 1);
        QCOMPARE(redriven.attemptCount, 3);
        QCOMPARE(redriven.lastError, u"Connection refused"_s);
        QVERIFY(redriven.lastRedriveAt.isValid());

        QSignalSpy removed(m_store.get(), &DeadLetterStore::removed);
        m_store->remove({b});
        QVERIFY(removed.wait(5000));
        QVERIFY(!m_store->load(b));
        QCOMPARE(m_store->count().value(), qint64(2));

        const QJsonArray exported = QJsonDocument::fromJson(m_store->exportJson({c}).value()).array();
        QCOMPARE(exported.size(), 1);
        QCOMPARE(exported.first().toObject().value("request"_L1).toObject().value("method"_L1).toString(), u"GET"_s);
        QCOMPARE(exported.first().toObject().value("attempts"_L1).toArray().size(), 2);
        QCOMPARE(QJsonDocument::fromJson(m_store->exportJson().value()).array().size(), 2);
        QVERIFY(!m_store->exportJson({b}));

        QSignalSpy purged(m_store.get(), &DeadLetterStore::purged);
        m_store->purge();
        QVERIFY(purged.wait(5000));
        QCOMPARE(purged.first().first().toLongLong(), qint64(2));
        QCOMPARE(m_store->count().value(), qint64(0));
    }
};

QTEST_GUILESS_MAIN(tst_DeadLetterStore)
#include "tst_DeadLetterStore.moc"
