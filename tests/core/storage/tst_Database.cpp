// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

namespace {

// A raw connection outside Database, as another program or an older Tanager would have.
class RawConnection
{
public:
    explicit RawConnection(const QString &path)
    {
        static int counter = 0;
        m_name = u"raw-%1"_s.arg(++counter);
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~RawConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    bool exec(const QString &sql)
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        const bool ok = query.exec(sql);
        if (!ok)
            qWarning() << sql << query.lastError().text();
        return ok;
    }
    QVariant scalar(const QString &sql)
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        if (!query.exec(sql) || !query.next())
            return {};
        return query.value(0);
    }

private:
    QString m_name;
};

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
}

QStringList corruptCopies(const QTemporaryDir &dir)
{
    return QDir(dir.path()).entryList({u"*.corrupt-*"_s}, QDir::Files);
}

} // namespace

class tst_Database : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultPathIsInAppData();
    void freshOpenUsesWalAndLatestSchema();
    void connectionsAreConfiguredAndRemoved();
    void migratesVersionOneAndKeepsRows();
    void refusesNewerSchemaWithoutTouchingIt();
    void damagedFileIsKeptAsideAndReplaced_data();
    void damagedFileIsKeptAsideAndReplaced();
    void lockedFileGivesClearErrorAndKeepsFile();
    void deferredCheckFindsDamageAndTheNextOpenKeepsItAside();
};

void tst_Database::defaultPathIsInAppData()
{
    QCoreApplication::setApplicationName(u"tanager-test"_s);
    const QString path = Database::defaultPath();
    QVERIFY(path.endsWith(u"/tanager.sqlite"_s));
    QVERIFY(path.contains(u"tanager-test"_s));
}

void tst_Database::freshOpenUsesWalAndLatestSchema()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"sub/folder/tanager.sqlite"_s);
    auto db = Database::open(path);
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
    QCOMPARE(db.value().schemaVersion(), Database::latestSchemaVersion());
    QVERIFY(Database::latestSchemaVersion() >= 2);
    QVERIFY(db.value().notice().isEmpty());
    QVERIFY(QFileInfo::exists(path));

    RawConnection raw(path);
    QCOMPARE(raw.scalar(u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    QCOMPARE(raw.scalar(u"PRAGMA user_version"_s).toInt(), Database::latestSchemaVersion());
    QCOMPARE(raw.scalar(u"SELECT COUNT(*) FROM sqlite_master WHERE name = 'exchanges_started_at'"_s).toInt(), 1);
    const bool ftsTable = raw.scalar(u"SELECT COUNT(*) FROM sqlite_master WHERE name = 'exchanges_fts'"_s).toInt() == 1;
    QCOMPARE(db.value().hasFullTextSearch(), ftsTable);

    // Opening again is a no-op migration and keeps the same schema.
    auto again = Database::open(path);
    QVERIFY(again.ok());
    QCOMPARE(again.value().schemaVersion(), Database::latestSchemaVersion());
}

void tst_Database::connectionsAreConfiguredAndRemoved()
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(u"t.sqlite"_s), 1234);
    QVERIFY(db.ok());
    QString firstName;
    {
        auto first = db.value().connect(u"test"_s);
        auto second = db.value().connect(u"test"_s);
        QVERIFY(first.ok() && second.ok());
        firstName = first.value().name();
        QVERIFY(firstName != second.value().name());
        QVERIFY(QSqlDatabase::connectionNames().contains(firstName));
        QSqlQuery query(first.value().database());
        QVERIFY(query.exec(u"PRAGMA foreign_keys"_s) && query.next());
        QCOMPARE(query.value(0).toInt(), 1);
        QVERIFY(query.exec(u"PRAGMA synchronous"_s) && query.next());
        QCOMPARE(query.value(0).toInt(), 1); // NORMAL
        QVERIFY(query.exec(u"PRAGMA busy_timeout"_s) && query.next());
        QCOMPARE(query.value(0).toInt(), 1234);
    }
    QVERIFY(!QSqlDatabase::connectionNames().contains(firstName));
}

void tst_Database::migratesVersionOneAndKeepsRows()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"old.sqlite"_s);
    {
        // The version 1 schema as an early Tanager wrote it, typed out by hand.
        RawConnection raw(path);
        QVERIFY(raw.exec(u"CREATE TABLE exchanges (id INTEGER PRIMARY KEY AUTOINCREMENT, started_at INTEGER NOT NULL, "
                         "method TEXT, url TEXT, host TEXT, request_headers BLOB, request_body BLOB, "
                         "request_body_size INTEGER NOT NULL DEFAULT 0, request_model BLOB, status INTEGER NOT NULL "
                         "DEFAULT 0, reason BLOB, http_version TEXT, response_headers BLOB, response_body BLOB, "
                         "response_body_size INTEGER NOT NULL DEFAULT 0, response_wire_size INTEGER NOT NULL DEFAULT "
                         "0, duration_ms INTEGER NOT NULL DEFAULT 0, timings BLOB, error TEXT)"_s));
        QVERIFY(raw.exec(u"INSERT INTO exchanges (started_at, method, url, host, response_body) VALUES "
                         "(1000, 'GET', 'https://old.example/one', 'old.example', 'ancient pelican'), "
                         "(2000, 'POST', 'https://old.example/two', 'old.example', 'modern heron')"_s));
        QVERIFY(raw.exec(u"PRAGMA user_version = 1"_s));
    }
    auto db = Database::open(path);
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
    QCOMPARE(db.value().schemaVersion(), Database::latestSchemaVersion());

    RawConnection raw(path);
    QCOMPARE(raw.scalar(u"SELECT COUNT(*) FROM exchanges"_s).toInt(), 2);
    QCOMPARE(raw.scalar(u"SELECT url FROM exchanges WHERE method = 'POST'"_s).toString(), u"https://old.example/two"_s);
    QCOMPARE(raw.scalar(u"SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'exchanges_%'"_s).toInt(),
             4);
    if (db.value().hasFullTextSearch()) {
        // Rows from before the index existed are searchable after the migration.
        QCOMPARE(raw.scalar(u"SELECT rowid FROM exchanges_fts WHERE exchanges_fts MATCH 'pelican'"_s).toInt(),
                 raw.scalar(u"SELECT id FROM exchanges WHERE method = 'GET'"_s).toInt());
    }
}

void tst_Database::refusesNewerSchemaWithoutTouchingIt()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"future.sqlite"_s);
    {
        RawConnection raw(path);
        QVERIFY(raw.exec(u"CREATE TABLE future (x)"_s));
        QVERIFY(raw.exec(u"PRAGMA user_version = 99"_s));
    }
    const QByteArray before = readAll(path);
    auto db = Database::open(path);
    QVERIFY(!db.ok());
    QVERIFY(db.error().message.contains(u"newer Tanager"_s));
    QCOMPARE(readAll(path), before);
    QVERIFY(corruptCopies(dir).isEmpty());
}

void tst_Database::damagedFileIsKeptAsideAndReplaced_data()
{
    QTest::addColumn<bool>("validHeader");
    QTest::addRow("not a database") << false;
    QTest::addRow("damaged page") << true;
}

void tst_Database::damagedFileIsKeptAsideAndReplaced()
{
    QFETCH(bool, validHeader);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"tanager.sqlite"_s);
    if (validHeader) {
        {
            RawConnection raw(path);
            QVERIFY(raw.exec(u"PRAGMA page_size = 4096"_s));
            QVERIFY(raw.exec(u"CREATE TABLE t (x)"_s));
            QVERIFY(raw.exec(u"CREATE INDEX t_x ON t(x)"_s));
            for (int i = 0; i < 50; ++i)
                QVERIFY(raw.exec(u"INSERT INTO t VALUES (randomblob(300))"_s));
        }
        QByteArray bytes = readAll(path);
        QVERIFY(bytes.size() > 3 * 4096);
        // Keep page 1 (header and schema) but scribble over the table and index pages.
        for (qsizetype i = 4096; i < bytes.size(); ++i)
            bytes[i] = char(0xA5 ^ (i & 0xff));
        writeAll(path, bytes);
    } else {
        writeAll(path, QByteArray(8192, 'x'));
    }
    const QByteArray damaged = readAll(path);

    auto db = Database::open(path);
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
    const QString kept = db.value().corruptCopyPath();
    QVERIFY(kept.startsWith(path % u".corrupt-"_s));
    QVERIFY(QFileInfo(kept).fileName().contains(QRegularExpression(u"\\.corrupt-\\d{8}-\\d{6}$"_s)));
    QCOMPARE(readAll(kept), damaged);
    QVERIFY(db.value().notice().contains(QDir::toNativeSeparators(kept)));
    QVERIFY(db.value().notice().contains(u"damaged"_s));

    // The new database works.
    QCOMPARE(db.value().schemaVersion(), Database::latestSchemaVersion());
    auto connection = db.value().connect(u"test"_s);
    QVERIFY(connection.ok());
    QSqlQuery query(connection.value().database());
    QVERIFY(query.exec(u"INSERT INTO exchanges (started_at, url) VALUES (1, 'https://new.example/')"_s));
    QVERIFY(query.exec(u"SELECT COUNT(*) FROM exchanges"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), 1);
}

void tst_Database::lockedFileGivesClearErrorAndKeepsFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"tanager.sqlite"_s);
    {
        auto db = Database::open(path);
        QVERIFY(db.ok());
        auto connection = db.value().connect(u"seed"_s);
        QSqlQuery query(connection.value().database());
        QVERIFY(query.exec(u"INSERT INTO exchanges (started_at, url) VALUES (1, 'https://kept.example/')"_s));
    }
    {
        // Another program holds an exclusive lock: not even readers get in.
        RawConnection locker(path);
        QVERIFY(locker.exec(u"PRAGMA locking_mode = EXCLUSIVE"_s));
        QVERIFY(locker.exec(u"BEGIN EXCLUSIVE"_s));
        QVERIFY(locker.exec(u"INSERT INTO exchanges (started_at, url) VALUES (2, 'https://locker.example/')"_s));

        auto db = Database::open(path, 100);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, Error::Code::Storage);
        QVERIFY2(db.error().message.contains(u"locked by another program"_s), qPrintable(db.error().message));
        QVERIFY(db.error().message.contains(QDir::toNativeSeparators(path)));
        QVERIFY(!db.error().message.contains(u'\n'));
        QVERIFY(QFileInfo::exists(path));
        QVERIFY(corruptCopies(dir).isEmpty());
        QVERIFY(locker.exec(u"ROLLBACK"_s));
    }
    auto db = Database::open(path);
    QVERIFY(db.ok());
    QVERIFY(db.value().notice().isEmpty());
    RawConnection raw(path);
    QCOMPARE(raw.scalar(u"SELECT url FROM exchanges"_s).toString(), u"https://kept.example/"_s);
}

void tst_Database::deferredCheckFindsDamageAndTheNextOpenKeepsItAside()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"tanager.sqlite"_s);
    {
        auto db = Database::open(path);
        QVERIFY(db.ok());
        auto connection = db.value().connect(u"seed"_s);
        QSqlQuery query(connection.value().database());
        for (int i = 0; i < 200; ++i)
            QVERIFY(query.exec(u"INSERT INTO exchanges (started_at, url, response_body) VALUES (1, 'u', randomblob(500))"_s));
    }
    // Damage the last pages, where the rows are; page 1 (header and schema) stays readable.
    QByteArray bytes = readAll(path);
    for (qsizetype i = bytes.size() - 8 * 4096; i < bytes.size(); ++i)
        bytes[i] = char(0x5A ^ (i & 0xff));
    writeAll(path, bytes);

    // A deferred open does not read every page, so it starts quickly and finds nothing yet.
    auto db = Database::open(path, Database::DefaultBusyTimeoutMs, Database::IntegrityCheck::Deferred);
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
    QVERIFY(db.value().corruptCopyPath().isEmpty());
    {
        auto connection = db.value().connect(u"check"_s);
        QVERIFY(connection.ok());
        QSqlDatabase handle = connection.value().database();
        const Result<bool> sound = Database::verifyIntegrity(handle, path);
        QVERIFY(sound.ok());
        QCOMPARE(sound.value(), false);
    }
    // The next start, deferred or not, checks and keeps the damaged file aside.
    auto next = Database::open(path, Database::DefaultBusyTimeoutMs, Database::IntegrityCheck::Deferred);
    QVERIFY2(next.ok(), qPrintable(next.ok() ? QString() : next.error().message));
    QVERIFY(!next.value().corruptCopyPath().isEmpty());
    QCOMPARE(readAll(next.value().corruptCopyPath()), bytes);
    QCOMPARE(corruptCopies(dir).size(), 1);
    // Sound again: later starts stay quick.
    auto third = Database::open(path, Database::DefaultBusyTimeoutMs, Database::IntegrityCheck::Deferred);
    QVERIFY(third.ok());
    QVERIFY(third.value().corruptCopyPath().isEmpty());
    QCOMPARE(corruptCopies(dir).size(), 1);
}

QTEST_GUILESS_MAIN(tst_Database)
#include "tst_Database.moc"
