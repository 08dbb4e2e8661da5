// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>

namespace tanager {

class Database;

/// One named QSqlDatabase connection, owned by the thread that opened it.
/// Closes and removes the connection when destroyed, so destroy it on the same thread
/// and keep no QSqlQuery or QSqlDatabase copies alive past it.
class DatabaseConnection
{
public:
    DatabaseConnection() = default;
    ~DatabaseConnection();
    DatabaseConnection(DatabaseConnection &&other) noexcept;
    DatabaseConnection &operator=(DatabaseConnection &&other) noexcept;
    DatabaseConnection(const DatabaseConnection &) = delete;
    DatabaseConnection &operator=(const DatabaseConnection &) = delete;

    /// False for a default-constructed or moved-from connection.
    bool isValid() const { return !m_name.isEmpty(); }
    /// The unique QSqlDatabase connection name.
    QString name() const { return m_name; }
    /// The open database handle; use it transiently on the owning thread.
    QSqlDatabase database() const;

private:
    friend class Database;
    explicit DatabaseConnection(QString name) : m_name(std::move(name)) {}
    void release();

    QString m_name;
};

} // namespace tanager
