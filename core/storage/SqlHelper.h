// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>

namespace tanager {

/// Small helpers shared by the storage classes: running statements and turning SQLite errors into Error.
class SqlHelper
{
public:
    /// Runs one statement without bound values.
    static Result<bool> exec(QSqlDatabase &db, const QString &sql);
    /// Runs a prepared query; on failure returns a Storage Error naming @p what was being done.
    static Result<bool> exec(QSqlQuery &query, const QString &what);

    /// For NOT NULL columns: a null QString or QByteArray would bind as SQL NULL, an empty one as ''.
    static QString nonNull(const QString &text) { return text.isNull() ? QStringLiteral("") : text; }
    static QByteArray nonNull(const QByteArray &bytes) { return bytes.isNull() ? QByteArrayLiteral("") : bytes; }

    /// An Error for a failed statement: "<what>: <sqlite message>" plus what to do.
    static Error storageError(const QString &what, const QSqlError &error);

    /// The primary SQLite result code of @p error (extended codes folded), or 0.
    static int primaryCode(const QSqlError &error);
    /// SQLITE_BUSY or SQLITE_LOCKED: another connection holds the lock.
    static bool isBusy(const QSqlError &error);
    /// SQLITE_CORRUPT or SQLITE_NOTADB: the file is damaged or not a database.
    static bool isCorrupt(const QSqlError &error);
};

} // namespace tanager
