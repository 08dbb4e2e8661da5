// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"

#include "FullTextIndex.h"
#include "SqlHelper.h"
#include "StorageLog.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QStandardPaths>

#include <functional>
#include <vector>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

using MigrationStep = std::function<Result<bool>(QSqlDatabase &)>;

Result<bool> execAll(QSqlDatabase &db, const QStringList &statements)
{
    for (const QString &sql : statements) {
        auto done = SqlHelper::exec(db, sql);
        if (!done)
            return done;
    }
    return true;
}

// Step N brings the schema from version N-1 to N. Never edit a released step: add a new one.
const std::vector<MigrationStep> &migrations()
{
    static const std::vector<MigrationStep> steps = {
        // 1: the history table. Blobs keep bytes exactly; started_at is UTC milliseconds since the epoch.
        // AUTOINCREMENT so that ids of pruned rows are never reused by newer exchanges.
        [](QSqlDatabase &db) {
            return execAll(db, {u"CREATE TABLE exchanges ("
                                "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                                "started_at INTEGER NOT NULL,"
                                "method TEXT,"
                                "url TEXT,"
                                "host TEXT,"
                                "request_headers BLOB,"
                                "request_body BLOB,"
                                "request_body_size INTEGER NOT NULL DEFAULT 0,"
                                "request_model BLOB,"
                                "status INTEGER NOT NULL DEFAULT 0,"
                                "reason BLOB,"
                                "http_version TEXT,"
                                "response_headers BLOB,"
                                "response_body BLOB,"
                                "response_body_size INTEGER NOT NULL DEFAULT 0,"
                                "response_wire_size INTEGER NOT NULL DEFAULT 0,"
                                "duration_ms INTEGER NOT NULL DEFAULT 0,"
                                "timings BLOB,"
                                "error TEXT)"_s});
        },
        // 2: filter indexes (NOCASE to match how the filters compare) and the full-text index.
        [](QSqlDatabase &db) -> Result<bool> {
            auto indexes = execAll(db, {u"CREATE INDEX exchanges_started_at ON exchanges(started_at)"_s,
                                        u"CREATE INDEX exchanges_method ON exchanges(method COLLATE NOCASE)"_s,
                                        u"CREATE INDEX exchanges_status ON exchanges(status)"_s,
                                        u"CREATE INDEX exchanges_host ON exchanges(host COLLATE NOCASE)"_s});
            if (!indexes)
                return indexes;
            auto fts = FullTextIndex::ensure(db);
            if (!fts)
                return fts.error();
            return true;
        },
        // 3: dead letters: requests that exhausted their retries (or were refused by an open breaker) and
        // failed webhook forwards. The request, attempts and policy are JSON blobs written by the resilience
        // module, so storage stays independent of http; the columns beside them are what the list filters on.
        [](QSqlDatabase &db) {
            return execAll(db, {u"CREATE TABLE dead_letters ("
                                "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                                "created_at INTEGER NOT NULL,"
                                "source TEXT NOT NULL DEFAULT 'send',"
                                "method TEXT NOT NULL DEFAULT '',"
                                "url TEXT NOT NULL DEFAULT '',"
                                "host TEXT NOT NULL DEFAULT '',"
                                "request BLOB,"
                                "attempts BLOB,"
                                "attempt_count INTEGER NOT NULL DEFAULT 0,"
                                "last_status INTEGER NOT NULL DEFAULT 0,"
                                "last_error TEXT NOT NULL DEFAULT '',"
                                "policy BLOB,"
                                "redrive_count INTEGER NOT NULL DEFAULT 0,"
                                "last_redrive_at INTEGER)"_s,
                                u"CREATE INDEX dead_letters_created_at ON dead_letters(created_at)"_s,
                                u"CREATE INDEX dead_letters_host ON dead_letters(host COLLATE NOCASE)"_s});
        },
        // 4: webhook events caught by core/webhooks. received_at_us is UTC microseconds since the epoch; headers
        // keep wire order and case ("Name: value\r\n" lines), raw is the request exactly as received. event_key
        // (a provider's event id or webhook-id) lets duplicates be found after a restart.
        [](QSqlDatabase &db) {
            return execAll(db, {u"CREATE TABLE webhook_events ("
                                "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                                "received_at_us INTEGER NOT NULL,"
                                "inbox TEXT NOT NULL DEFAULT '',"
                                "method TEXT NOT NULL DEFAULT '',"
                                "target BLOB,"
                                "http_version TEXT NOT NULL DEFAULT '',"
                                "headers BLOB,"
                                "body BLOB,"
                                "header_size INTEGER NOT NULL DEFAULT 0,"
                                "body_size INTEGER NOT NULL DEFAULT 0,"
                                "raw BLOB,"
                                "remote_address TEXT NOT NULL DEFAULT '',"
                                "remote_port INTEGER NOT NULL DEFAULT 0,"
                                "verdict TEXT NOT NULL DEFAULT '',"
                                "verdict_reason TEXT NOT NULL DEFAULT '',"
                                "event_key TEXT NOT NULL DEFAULT '',"
                                "status INTEGER NOT NULL DEFAULT 0)"_s,
                                u"CREATE INDEX webhook_events_received ON webhook_events(received_at_us)"_s,
                                u"CREATE INDEX webhook_events_key ON webhook_events(inbox, event_key)"_s});
        },
        // 5: GraphQL schemas cached per endpoint (URL without query and fragment) by core/graphql, so an editor
        // completes and validates at once and offline. source holds the introspection result or SDL as fetched.
        [](QSqlDatabase &db) {
            return execAll(db, {u"CREATE TABLE graphql_schemas ("
                                "endpoint TEXT PRIMARY KEY,"
                                "fetched_at INTEGER NOT NULL,"
                                "format TEXT NOT NULL DEFAULT 'introspection',"
                                "source BLOB NOT NULL)"_s});
        },
        // 6: the resilience events (attempts, backoffs, waits, breaker transitions) of an exchange sent under a
        // policy, as a JSON array written by core/resilience, so its drawings can be replayed from history.
        [](QSqlDatabase &db) { return execAll(db, {u"ALTER TABLE exchanges ADD COLUMN events BLOB"_s}); },
        // 7: OAuth2 token metadata per profile, written by core/auth's OAuth2TokenStore. The tokens themselves
        // are in the keychain; the has_* flags say which of them a profile has there. Times are UTC ms.
        [](QSqlDatabase &db) {
            return execAll(db, {u"CREATE TABLE oauth_tokens ("
                                "profile TEXT PRIMARY KEY,"
                                "token_type TEXT NOT NULL DEFAULT '',"
                                "scopes TEXT NOT NULL DEFAULT '',"
                                "obtained_at INTEGER,"
                                "expires_at INTEGER,"
                                "has_access_token INTEGER NOT NULL DEFAULT 0,"
                                "has_refresh_token INTEGER NOT NULL DEFAULT 0,"
                                "has_id_token INTEGER NOT NULL DEFAULT 0,"
                                "updated_at INTEGER NOT NULL)"_s});
        },
        // 8: every caught webhook updated two indexes on the catcher's hot path. Nothing looks events up by
        // received_at_us (ids follow arrival), and only events with a key are looked up by it, so the key index
        // keeps just those (queries say event_key <> '' to use it).
        [](QSqlDatabase &db) {
            return execAll(db, {u"DROP INDEX webhook_events_received"_s, u"DROP INDEX webhook_events_key"_s,
                                u"CREATE INDEX webhook_events_key ON webhook_events(inbox, event_key) "
                                "WHERE event_key <> ''"_s});
        },
    };
    return steps;
}

QString uniqueConnectionName(const QString &purpose)
{
    static QAtomicInteger<quint64> counter;
    return u"tanager.storage.%1.%2"_s.arg(purpose).arg(counter.fetchAndAddRelaxed(1));
}

enum class Failure { None, Corrupt, Busy, Other };

struct OpenOutcome
{
    Failure failure = Failure::None;
    Error error;
    int version = 0;
    bool fts = false;
};

Failure classify(const QSqlError &error)
{
    if (SqlHelper::isCorrupt(error))
        return Failure::Corrupt;
    if (SqlHelper::isBusy(error))
        return Failure::Busy;
    return Failure::Other;
}

OpenOutcome fail(const QSqlError &error, const QString &what)
{
    return OpenOutcome{classify(error), SqlHelper::storageError(what, error), 0, false};
}

QString scalarString(QSqlDatabase &db, const QString &sql, QSqlError *error)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next()) {
        *error = query.lastError();
        return {};
    }
    return query.value(0).toString();
}

QString checkMarkerPath(const QString &path)
{
    return path + u".needs-check"_s;
}

OpenOutcome prepareSchema(QSqlDatabase &db, bool quickCheck)
{
    QSqlError error;
    // The first read is where SQLite notices a file that is not a database, or another program's lock.
    const QString versionText = scalarString(db, u"PRAGMA user_version"_s, &error);
    if (error.isValid())
        return fail(error, Database::tr("Could not read the history database"));
    const int version = versionText.toInt();
    const int latest = int(migrations().size());
    if (version > latest)
        return OpenOutcome{Failure::Other,
                           Error{Error::Code::Storage,
                                 Database::tr("The history database was written by a newer Tanager (schema %1, this one "
                                    "knows %2); update Tanager to open it.")
                                     .arg(version)
                                     .arg(latest)},
                           0, false};

    if (quickCheck) {
        QSqlQuery check(db);
        if (!check.exec(u"PRAGMA quick_check"_s))
            return fail(check.lastError(), Database::tr("Could not check the history database"));
        if (!check.next() || check.value(0).toString() != u"ok"_s) {
            qCWarning(lcStorage) << "quick_check failed:" << check.value(0).toString();
            return OpenOutcome{Failure::Corrupt,
                               Error{Error::Code::Storage, Database::tr("The history database is damaged.")}, 0, false};
        }
    }

    const QString mode = scalarString(db, u"PRAGMA journal_mode = WAL"_s, &error);
    if (error.isValid())
        return fail(error, Database::tr("Could not switch the history database to WAL mode"));
    if (mode.compare(u"wal"_s, Qt::CaseInsensitive) != 0)
        qCWarning(lcStorage) << "journal_mode is" << mode << "instead of wal; readers may wait for the writer";

    for (int step = version; step < latest; ++step) {
        QSqlQuery begin(db);
        if (!begin.exec(u"BEGIN IMMEDIATE"_s))
            return fail(begin.lastError(), Database::tr("Could not upgrade the history database"));
        auto done = migrations()[size_t(step)](db);
        if (done) {
            // PRAGMA does not take bound values; the number comes from our own counter.
            done = SqlHelper::exec(db, u"PRAGMA user_version = %1"_s.arg(step + 1));
        }
        if (!done) {
            SqlHelper::exec(db, u"ROLLBACK"_s);
            return OpenOutcome{Failure::Other, done.error(), 0, false};
        }
        QSqlQuery commit(db);
        if (!commit.exec(u"COMMIT"_s)) {
            const OpenOutcome outcome = fail(commit.lastError(), Database::tr("Could not upgrade the history database"));
            SqlHelper::exec(db, u"ROLLBACK"_s);
            return outcome;
        }
        qCInfo(lcStorage) << "migrated the history database to schema" << step + 1;
    }

    // A file migrated by a build without FTS5 gains the index once a build with FTS5 opens it.
    bool fts = FullTextIndex::exists(db);
    if (!fts) {
        QSqlQuery begin(db);
        if (begin.exec(u"BEGIN IMMEDIATE"_s)) {
            auto created = FullTextIndex::ensure(db);
            fts = created && created.value();
            SqlHelper::exec(db, fts ? u"COMMIT"_s : u"ROLLBACK"_s);
        }
    }
    return OpenOutcome{Failure::None, {}, latest, fts};
}

bool openHandle(const QString &name, const QString &path, int busyTimeoutMs, QSqlError *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
    db.setDatabaseName(path);
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(busyTimeoutMs));
    if (!db.open()) {
        *error = db.lastError();
        return false;
    }
    return true;
}

// Renames <path> (and its WAL, which may hold the newest pages) to <path>.corrupt-<stamp>.
Result<QString> moveAside(const QString &path)
{
    const QString stamp = QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
    QString target = path % u".corrupt-"_s % stamp;
    for (int n = 1; QFileInfo::exists(target); ++n)
        target = path % u".corrupt-"_s % stamp % u'-' % QString::number(n);
    if (!QFile::rename(path, target))
        return Error{Error::Code::FileError,
                     Database::tr("The history database %1 is damaged and could not be moved aside; move or delete it and "
                        "start Tanager again.")
                         .arg(QDir::toNativeSeparators(path))};
    const QString wal = path % u"-wal"_s;
    if (QFileInfo::exists(wal))
        QFile::rename(wal, target % u"-wal"_s);
    // The shared-memory index is rebuilt from the WAL; a stale one must not meet the new file.
    QFile::remove(path % u"-shm"_s);
    return target;
}

} // namespace

QString Database::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) % u"/tanager.sqlite"_s;
}

int Database::latestSchemaVersion()
{
    return int(migrations().size());
}

Result<Database> Database::open(const QString &path, int busyTimeoutMs, IntegrityCheck check)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return Error{Error::Code::FileError, Database::tr("Could not create the folder %1 for the history database; check "
                                                "that it is writable.")
                                                 .arg(QDir::toNativeSeparators(info.absolutePath()))};

    Database database;
    database.m_path = path;
    database.m_busyTimeoutMs = busyTimeoutMs;

    const bool quickCheck = check == IntegrityCheck::AtOpen || QFileInfo::exists(checkMarkerPath(path));
    // Two attempts at most: the file as found, then a fresh one if the first was damaged.
    for (int attempt = 0; attempt < 2; ++attempt) {
        OpenOutcome outcome;
        const QString name = uniqueConnectionName(u"open"_s);
        {
            QSqlError error;
            if (!openHandle(name, path, busyTimeoutMs, &error)) {
                outcome = fail(error, Database::tr("Could not open the history database %1").arg(QDir::toNativeSeparators(path)));
            } else {
                QSqlDatabase db = QSqlDatabase::database(name, false);
                outcome = prepareSchema(db, quickCheck);
                db.close();
            }
        }
        QSqlDatabase::removeDatabase(name);

        switch (outcome.failure) {
        case Failure::None:
            if (quickCheck)
                QFile::remove(checkMarkerPath(path)); // checked now: no need to check again
            database.m_schemaVersion = outcome.version;
            database.m_hasFullTextSearch = outcome.fts;
            return database;
        case Failure::Busy:
            return Error{Error::Code::Storage,
                         Database::tr("The history database %1 is locked by another program; close the other Tanager (or "
                            "the program using the file) and try again.")
                             .arg(QDir::toNativeSeparators(path))};
        case Failure::Other:
            return outcome.error;
        case Failure::Corrupt:
            break;
        }
        if (attempt > 0)
            return outcome.error;
        qCWarning(lcStorage) << "history database" << path << "is damaged:" << outcome.error.message;
        auto moved = moveAside(path);
        if (!moved)
            return moved.error();
        database.m_corruptCopyPath = moved.value();
        database.m_notice = Database::tr("The history database was damaged; it was kept as %1 and a new one was started.")
                                .arg(QDir::toNativeSeparators(moved.value()));
    }
    return Error{Error::Code::Storage, Database::tr("Could not open the history database.")};
}

Result<bool> Database::verifyIntegrity(QSqlDatabase &db, const QString &path)
{
    QSqlQuery check(db);
    if (!check.exec(u"PRAGMA quick_check"_s))
        return SqlHelper::storageError(Database::tr("Could not check the history database"), check.lastError());
    if (check.next() && check.value(0).toString() == u"ok"_s)
        return true;
    qCWarning(lcStorage) << "quick_check failed:" << check.value(0).toString();
    // The damaged file is in use now; the next start moves it aside before anything else.
    QFile marker(checkMarkerPath(path));
    if (!marker.open(QIODevice::WriteOnly))
        qCWarning(lcStorage) << "cannot leave a check marker at" << marker.fileName() << marker.errorString();
    return false;
}

Result<DatabaseConnection> Database::connect(const QString &purpose) const
{
    const QString name = uniqueConnectionName(purpose);
    QSqlError error;
    if (!openHandle(name, m_path, m_busyTimeoutMs, &error)) {
        QSqlDatabase::removeDatabase(name);
        return SqlHelper::storageError(Database::tr("Could not open the history database %1").arg(QDir::toNativeSeparators(m_path)),
                                       error);
    }
    DatabaseConnection connection(name);
    {
        QSqlDatabase db = connection.database();
        for (const QString &pragma : {u"PRAGMA foreign_keys = ON"_s, u"PRAGMA synchronous = NORMAL"_s}) {
            auto done = SqlHelper::exec(db, pragma);
            if (!done)
                return done.error();
        }
    }
    return connection;
}

} // namespace tanager
