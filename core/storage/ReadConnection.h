// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"
#include "DatabaseConnection.h"
#include "Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace tanager {

/// The read-only connection a store keeps for its queries: opened on first use, on the thread
/// that uses it (QSqlDatabase connections belong to one thread), and set query_only, because
/// every write goes through the StorageWriter. WAL lets its reads run while the writer commits.
class ReadConnection
{
public:
    ReadConnection(const Database &database, const QString &purpose);

    /// Opens the connection if it is not open yet; the error says why it could not be.
    Result<bool> open();
    /// The open handle; call open() first.
    QSqlDatabase database() const { return m_connection.database(); }
    /// Opens the connection if needed and prepares @p sql as a forward-only query (results read once,
    /// in order, without caching), ready for its bind values.
    Result<QSqlQuery> prepare(const QString &sql);

private:
    Database m_database;
    QString m_purpose;
    DatabaseConnection m_connection;
    Qt::HANDLE m_thread = nullptr;
};

} // namespace tanager
