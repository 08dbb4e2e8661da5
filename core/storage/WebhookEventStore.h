// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ReadConnection.h"
#include "Database.h"
#include "Result.h"
#include "StorageWriter.h"
#include "WebhookEventFilter.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QThread;

namespace tanager {

class DatabaseConnection;

/// The webhook_events table: caught requests with every byte, their verdict and the status answered.
///
/// Writes go through the StorageWriter (group commit); add()'s callback runs once the row is committed,
/// which is when the catcher may answer 2xx. Reads use this object's own connection on its thread.
class WebhookEventStore : public QObject
{
    Q_OBJECT
public:
    /// One stored event. Storage keeps bytes and strings only, so it does not depend on core/webhooks.
    struct Record
    {
        qint64 id = 0;
        qint64 receivedAtUs = 0; ///< UTC microseconds since the epoch
        QString inbox;
        QString method;
        QByteArray target;
        QString httpVersion;   ///< "1.1" or "1.0"
        QByteArray headers;    ///< "Name: value\r\n" lines in wire order with their original case
        QByteArray body;       ///< the body bytes (chunked framing removed)
        qint64 headerSize = 0; ///< bytes of the request line and header block on the wire
        qint64 bodySize = 0;
        QByteArray raw; ///< the request exactly as received (stored without the body when that follows unchanged)
        QString remoteAddress;
        int remotePort = 0;
        QString verdict;
        QString verdictReason;
        QString eventKey; ///< provider event id or webhook-id; empty when the scheme has none
        int status = 0;   ///< the status answered
    };
    using Callback = std::function<void(const Result<qint64> &)>;

    /// @p writer must outlive this store.
    WebhookEventStore(const Database &database, StorageWriter *writer, QObject *parent = nullptr);
    ~WebhookEventStore() override;

    /// Says, inside the write transaction, whether @p inbox already holds an event with @p eventKey: rows
    /// committed before (duplicates survive restarts) and rows inserted earlier in the same batch.
    using KeyLookup = std::function<bool(const QString &inbox, const QString &eventKey)>;
    /// Sees each record of a batch just before it is inserted, with its index in the batch, and may change it.
    using BeforeInsert = std::function<void(qsizetype index, Record &record, const KeyLookup &seen)>;

    /// Queues @p records as one job (one statement prepared once); @p onCommitted gets the id of the last
    /// on @p context's thread. The ids are consecutive: this is the only writer and the rows go in within one job.
    void addAll(const QList<Record> &records, QObject *context, Callback onCommitted);
    /// Like addAll(), with @p beforeInsert called for each record on the writer thread, and @p onCommitted
    /// called on the writer thread right after the commit (StorageWriter::enqueueDirect): what a server
    /// needs to answer its peers as soon as their rows are durable. added() is emitted as for addAll().
    void addAllDirect(QList<Record> records, BeforeInsert beforeInsert, Callback onCommitted);

    /// Newest first; @p beforeId > 0 pages back from there. @p withRaw false leaves raw empty.
    Result<QList<Record>> list(int limit = 100, qint64 beforeId = 0, bool withRaw = false) const;
    /// One event with every field, or an error naming the id that does not exist.
    Result<Record> load(qint64 id) const;
    Result<qint64> count() const;
    /// Rows matching @p filter, newest first, for lists: every field but headers, body and raw (those stay
    /// on disk; the text filter searches them in SQL). load() gives one event whole.
    Result<QList<Record>> query(const WebhookEventFilter &filter) const;
    using RowsCallback = std::function<void(const Result<QList<Record>> &)>;
    /// query() on this store's search thread, with a connection of its own; @p done gets the rows on
    /// @p context's thread, and is dropped when @p context is gone. For lists: a text search through many
    /// events takes a while, and the GUI thread must not wait for it. Queries run one at a time, in order.
    void queryInBackground(const WebhookEventFilter &filter, QObject *context, RowsCallback done);

Q_SIGNALS:
    /// Rows @p firstId to @p lastId were committed (emitted on the thread of add()'s context).
    void added(qint64 firstId, qint64 lastId);

private:
    Callback announcing(qsizetype count, Callback onCommitted);
    static StorageWriter::Job insertJob(QList<Record> records, BeforeInsert beforeInsert);
    static Result<QList<Record>> query(ReadConnection &read, const WebhookEventFilter &filter);

    Database m_database;
    StorageWriter *m_writer;
    mutable ReadConnection m_read;
    // queryInBackground(): a thread started on first use, a context object living there, and its connection.
    QThread *m_searchThread = nullptr;
    QObject *m_searchContext = nullptr;
    std::unique_ptr<ReadConnection> m_searchRead;
};

} // namespace tanager
