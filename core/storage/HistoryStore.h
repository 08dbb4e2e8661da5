// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ReadConnection.h"
#include "Database.h"
#include "Error.h"
#include "ExchangeRecord.h"
#include "ExchangeSummary.h"
#include "HistoryFilter.h"
#include "Result.h"

#include <QList>
#include <QObject>

#include <atomic>
#include <memory>

namespace tanager {

class DatabaseConnection;
class StorageWriter;

/// The request history: writes go through the StorageWriter, reads use this object's own
/// connection on the thread it lives on (WAL lets them run while the writer commits).
class HistoryStore : public QObject
{
    Q_OBJECT
public:
    /// How many exchanges are kept unless setRetention() says otherwise.
    static constexpr int DefaultRetention = 10000;

    /// @p writer must outlive this store. Registers the retention hook with the writer.
    HistoryStore(const Database &database, StorageWriter *writer, QObject *parent = nullptr);
    ~HistoryStore() override;

    /// Saves @p record asynchronously; recorded() or failed() follows once the row is committed.
    /// Secret header values are redacted first when redactSecrets() is on.
    void record(const ExchangeRecord &record);

    /// Keep only the newest @p maxRecords exchanges (by record order); 0 keeps everything.
    /// Enforced by the writer after each batch of inserts.
    void setRetention(int maxRecords);
    int retention() const;

    /// Redact Authorization, Cookie and similar header values before saving (on by default).
    void setRedactSecrets(bool redact);
    bool redactSecrets() const;

    /// The database and writer this store uses, so that stores of other tables (dead letters) can share them.
    const Database &database() const { return m_database; }
    StorageWriter *writer() const { return m_writer; }

    /// Summaries matching @p filter, newest first.
    Result<QList<ExchangeSummary>> query(const HistoryFilter &filter) const;
    /// The full record with id @p id.
    Result<ExchangeRecord> load(qint64 id) const;
    /// Number of stored exchanges.
    Result<qint64> count() const;

    /// Deletes the exchanges @p ids asynchronously; removed() follows.
    void remove(const QList<qint64> &ids);
    /// Deletes every exchange asynchronously; cleared() follows.
    void clear();

Q_SIGNALS:
    /// A record() call's row is committed with this id.
    void recorded(qint64 id);
    /// A write failed; the message says what to do.
    void failed(const tanager::Error &error);
    void removed(const QList<qint64> &ids);
    void cleared();
    /// Retention deleted every exchange with an id up to and including @p upToId.
    void pruned(qint64 upToId);

private:

    Database m_database;
    StorageWriter *m_writer = nullptr;
    mutable ReadConnection m_read;
    // Shared with the writer thread's retention hook, which may run after this store is gone.
    struct Shared
    {
        std::atomic<int> retention{DefaultRetention};
    };
    std::shared_ptr<Shared> m_shared;
    bool m_redact = true;
};

} // namespace tanager
