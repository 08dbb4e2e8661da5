// SPDX-License-Identifier: GPL-3.0-or-later
#include "SqlHelper.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {
// SQLite primary result codes; the Qt driver reports them in nativeErrorCode().
constexpr int SqliteBusy = 5;
constexpr int SqliteLocked = 6;
constexpr int SqliteCorrupt = 11;
constexpr int SqliteNotADb = 26;
} // namespace

Result<bool> SqlHelper::exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return storageError(QCoreApplication::translate("tanager::SqlHelper", "Could not update the history database"),
                            query.lastError());
    return true;
}

Result<bool> SqlHelper::exec(QSqlQuery &query, const QString &what)
{
    if (!query.exec())
        return storageError(what, query.lastError());
    return true;
}

Error SqlHelper::storageError(const QString &what, const QSqlError &error)
{
    if (isBusy(error))
        return Error{Error::Code::Storage,
                     QCoreApplication::translate("tanager::SqlHelper",
                                                 "%1: the database is locked by another program; close it and try again.")
                         .arg(what)};
    QString detail = error.databaseText();
    if (detail.isEmpty())
        detail = error.text();
    return Error{Error::Code::Storage,
                 QCoreApplication::translate("tanager::SqlHelper",
                                             "%1: %2. Check free disk space and that the file is writable.")
                     .arg(what, detail.simplified())};
}

int SqlHelper::primaryCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : 0;
}

bool SqlHelper::isBusy(const QSqlError &error)
{
    const int code = primaryCode(error);
    return code == SqliteBusy || code == SqliteLocked;
}

bool SqlHelper::isCorrupt(const QSqlError &error)
{
    const int code = primaryCode(error);
    return code == SqliteCorrupt || code == SqliteNotADb;
}

} // namespace tanager
