// SPDX-License-Identifier: GPL-3.0-or-later
#include "DatabaseConnection.h"

#include <utility>

namespace tanager {

DatabaseConnection::~DatabaseConnection()
{
    release();
}

DatabaseConnection::DatabaseConnection(DatabaseConnection &&other) noexcept : m_name(std::exchange(other.m_name, {}))
{
}

DatabaseConnection &DatabaseConnection::operator=(DatabaseConnection &&other) noexcept
{
    if (this != &other) {
        release();
        m_name = std::exchange(other.m_name, {});
    }
    return *this;
}

QSqlDatabase DatabaseConnection::database() const
{
    return QSqlDatabase::database(m_name, false);
}

void DatabaseConnection::release()
{
    if (m_name.isEmpty())
        return;
    {
        // The handle must go out of scope before removeDatabase, or Qt warns the connection is still in use.
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
    m_name.clear();
}

} // namespace tanager
