// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ReadConnection.h"
#include "Database.h"
#include "DeadLetter.h"
#include "Error.h"
#include "Result.h"

#include <QList>
#include <QObject>

#include <memory>

namespace tanager {

class DatabaseConnection;
class StorageWriter;

/// The dead-letter queue: writes go through the StorageWriter, reads use this object's own
/// connection on its thread (like HistoryStore).
class DeadLetterStore : public QObject
{
    Q_OBJECT
public:
    /// @p writer must outlive this store.
    DeadLetterStore(const Database &database, StorageWriter *writer, QObject *parent = nullptr);
    ~DeadLetterStore() override;

    /// Stores @p letter asynchronously; added() or failed() follows once committed.
    void add(const DeadLetter &letter);
    /// Notes a re-drive that failed again: the new attempts replace the old ones; updated() follows.
    void recordRedrive(qint64 id, const QByteArray &attempts, int attemptCount, int lastStatus,
                       const QString &lastError);
    /// Deletes @p ids asynchronously (a re-drive that succeeded, or the user's choice); removed() follows.
    void remove(const QList<qint64> &ids);
    /// Deletes every dead letter; purged() follows with how many.
    void purge();

    /// Letters matching @p filter, newest first, with every field.
    Result<QList<DeadLetter>> list(const DeadLetterFilter &filter = {}) const;
    /// One letter, or an error naming the id that does not exist.
    Result<DeadLetter> load(qint64 id) const;
    Result<qint64> count() const;
    /// The letters @p ids (all when empty) as one JSON array, request and attempts embedded.
    Result<QByteArray> exportJson(const QList<qint64> &ids = {}) const;

Q_SIGNALS:
    void added(qint64 id);
    void updated(qint64 id);
    void removed(const QList<qint64> &ids);
    void purged(qint64 count);
    void failed(const tanager::Error &error);

private:

    Database m_database;
    StorageWriter *m_writer;
    mutable ReadConnection m_read;
};

} // namespace tanager
