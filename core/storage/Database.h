// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include "DatabaseConnection.h"
#include "Result.h"

#include <QString>

namespace tanager {

/// The one SQLite file that holds Tanager's history and other records.
///
/// open() brings the file to the latest schema (WAL mode, numbered migrations) and hands back a
/// value that knows the path; each thread then asks connect() for its own connection.
/// A damaged file is moved aside and replaced (see notice()); a file locked by another program is
/// reported as an Error and left alone.
class Database
{
    Q_DECLARE_TR_FUNCTIONS(tanager::Database)

public:
    /// How long a connection waits for another writer before giving up, in milliseconds.
    static constexpr int DefaultBusyTimeoutMs = 5000;

    /// AppDataLocation + "/tanager.sqlite".
    static QString defaultPath();
    /// The schema version open() migrates to.
    static int latestSchemaVersion();

    /// When open() reads every page to look for damage.
    enum class IntegrityCheck {
        AtOpen,   ///< always: tests and tools that must know before they go on
        Deferred, ///< only when an earlier verifyIntegrity() found damage; a reader of the header
                  ///< still catches a file that is not a database. Keeps a large history from
                  ///< slowing every start (PRAGMA quick_check reads the whole file).
    };

    /// Opens (creating if needed) and migrates the database at @p path.
    /// A damaged file is kept as "<path>.corrupt-YYYYMMDD-hhmmss" and a fresh one is started.
    static Result<Database> open(const QString &path, int busyTimeoutMs = DefaultBusyTimeoutMs,
                                 IntegrityCheck check = IntegrityCheck::AtOpen);

    /// Runs PRAGMA quick_check on @p db: true when the file is sound, false when it is damaged.
    /// After false, the next open() of @p path checks and, finding the damage, keeps the file aside.
    static Result<bool> verifyIntegrity(QSqlDatabase &db, const QString &path);

    /// Opens a new connection for the calling thread, with foreign keys on, synchronous=NORMAL and
    /// the busy timeout set. @p purpose only makes the unique connection name readable in logs.
    Result<DatabaseConnection> connect(const QString &purpose) const;

    QString path() const { return m_path; }
    /// Schema version after open(): always latestSchemaVersion().
    int schemaVersion() const { return m_schemaVersion; }
    /// True when the SQLite build has FTS5 and the full-text index exists; otherwise search uses LIKE.
    bool hasFullTextSearch() const { return m_hasFullTextSearch; }
    /// A message for the user when open() had to replace a damaged file; empty otherwise.
    QString notice() const { return m_notice; }
    /// Where the damaged file was kept; empty when nothing was replaced.
    QString corruptCopyPath() const { return m_corruptCopyPath; }

private:
    Database() = default;

    QString m_path;
    int m_busyTimeoutMs = DefaultBusyTimeoutMs;
    int m_schemaVersion = 0;
    bool m_hasFullTextSearch = false;
    QString m_notice;
    QString m_corruptCopyPath;
};

} // namespace tanager
