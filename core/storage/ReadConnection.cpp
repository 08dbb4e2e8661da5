// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReadConnection.h"

#include "SqlHelper.h"

#include <QThread>

using namespace Qt::StringLiterals;

namespace tanager {

ReadConnection::ReadConnection(const Database &database, const QString &purpose)
    : m_database(database), m_purpose(purpose)
{
}

Result<bool> ReadConnection::open()
{
    Q_ASSERT(!m_thread || m_thread == QThread::currentThreadId());
    if (m_connection.isValid())
        return true;
    auto connection = m_database.connect(m_purpose);
    if (!connection)
        return connection.error();
    m_connection = std::move(connection).value();
    m_thread = QThread::currentThreadId();
    QSqlDatabase db = m_connection.database();
    SqlHelper::exec(db, u"PRAGMA query_only = 1"_s);
    return true;
}

Result<QSqlQuery> ReadConnection::prepare(const QString &sql)
{
    if (Result<bool> ready = open(); !ready)
        return ready.error();
    QSqlQuery query(database());
    query.setForwardOnly(true);
    // A statement that cannot be prepared fails at exec, where SqlHelper::exec words the error.
    query.prepare(sql);
    return query;
}

} // namespace tanager
