// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebhookEventStore.h"

#include "DatabaseConnection.h"
#include "SqlHelper.h"
#include "StorageWriter.h"

#include <QSqlQuery>

#include <optional>
#include <QThread>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

constexpr auto Columns = "id, received_at_us, inbox, method, target, http_version, headers, body, header_size, "
                         "body_size, remote_address, remote_port, verdict, verdict_reason, event_key, status";

WebhookEventStore::Record readRow(const QSqlQuery &q)
{
    WebhookEventStore::Record r;
    r.id = q.value(0).toLongLong();
    r.receivedAtUs = q.value(1).toLongLong();
    r.inbox = q.value(2).toString();
    r.method = q.value(3).toString();
    r.target = q.value(4).toByteArray();
    r.httpVersion = q.value(5).toString();
    r.headers = q.value(6).toByteArray();
    r.body = q.value(7).toByteArray();
    r.headerSize = q.value(8).toLongLong();
    r.bodySize = q.value(9).toLongLong();
    r.remoteAddress = q.value(10).toString();
    r.remotePort = q.value(11).toInt();
    r.verdict = q.value(12).toString();
    r.verdictReason = q.value(13).toString();
    r.eventKey = q.value(14).toString();
    r.status = q.value(15).toInt();
    return r;
}

// raw is the head and the body again. When the body follows the head unchanged (no chunked framing) only the
// head is written, and reading puts the body back: about half the bytes per event, which is what a catcher
// under load spends its writer's time on. A row whose raw is exactly header_size long had its body left off.
QByteArray rawToStore(const WebhookEventStore::Record &r)
{
    const bool bodyFollowsHead = !r.body.isEmpty() && r.raw.size() == r.headerSize + r.body.size()
                                 && QByteArrayView(r.raw).sliced(r.headerSize) == QByteArrayView(r.body);
    return bodyFollowsHead ? r.raw.first(r.headerSize) : r.raw;
}

QByteArray rawAsReceived(const QByteArray &stored, const WebhookEventStore::Record &r)
{
    return stored.size() == r.headerSize && !r.body.isEmpty() ? stored + r.body : stored;
}

} // namespace

WebhookEventStore::WebhookEventStore(const Database &database, StorageWriter *writer, QObject *parent)
    : QObject(parent), m_database(database), m_writer(writer), m_read(database, u"webhooks-read"_s)
{
}

WebhookEventStore::~WebhookEventStore()
{
    if (!m_searchThread)
        return;
    // The search connection belongs to its thread and is closed there; queries still queued run first.
    QMetaObject::invokeMethod(m_searchContext, [this] { m_searchRead.reset(); }, Qt::BlockingQueuedConnection);
    m_searchThread->quit();
    m_searchThread->wait();
    delete m_searchContext;
    delete m_searchThread;
}

void WebhookEventStore::queryInBackground(const WebhookEventFilter &filter, QObject *context, RowsCallback done)
{
    if (!m_searchThread) {
        m_searchThread = new QThread;
        m_searchThread->setObjectName(u"tanager-webhook-search"_s);
        m_searchContext = new QObject;
        m_searchContext->moveToThread(m_searchThread);
        m_searchThread->start();
    }
    QMetaObject::invokeMethod(
        m_searchContext,
        [this, filter, context = QPointer<QObject>(context), done = std::move(done)] {
            if (!m_searchRead)
                m_searchRead = std::make_unique<ReadConnection>(m_database, u"webhooks-search"_s);
            Result<QList<Record>> rows = query(*m_searchRead, filter);
            // Back through this store's thread, where the context's QPointer can be checked without a race
            // when the context lives there too (a model on the GUI thread).
            QMetaObject::invokeMethod(
                this,
                [context, done, rows = std::move(rows)] {
                    if (!context)
                        return;
                    if (context->thread() == QThread::currentThread())
                        done(rows);
                    else
                        QMetaObject::invokeMethod(context.data(), [done, rows] { done(rows); }, Qt::QueuedConnection);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void WebhookEventStore::addAll(const QList<Record> &records, QObject *context, Callback onCommitted)
{
    // Lists (WebhookEventModel) learn of new rows from added(); without a context the callback would run on
    // the writer thread, so this store stands in.
    m_writer->enqueue(insertJob(records, {}), context ? context : this, announcing(records.size(), std::move(onCommitted)));
}

void WebhookEventStore::addAllDirect(QList<Record> records, BeforeInsert beforeInsert, Callback onCommitted)
{
    const qsizetype count = records.size();
    m_writer->enqueueDirect(insertJob(std::move(records), std::move(beforeInsert)),
                            announcing(count, std::move(onCommitted)));
}

WebhookEventStore::Callback WebhookEventStore::announcing(qsizetype count, Callback onCommitted)
{
    // added() may be emitted from the writer thread: receivers on other threads get it queued.
    return [this, count, onCommitted = std::move(onCommitted)](const Result<qint64> &lastId) {
        if (lastId && count > 0)
            Q_EMIT added(lastId.value() - count + 1, lastId.value());
        if (onCommitted)
            onCommitted(lastId);
    };
}

StorageWriter::Job WebhookEventStore::insertJob(QList<Record> records, BeforeInsert beforeInsert)
{
    return [records = std::move(records), beforeInsert = std::move(beforeInsert)](QSqlDatabase &db) mutable
               -> Result<qint64> {
        const QString whatFailed = tr("Could not store the webhook event");
        std::optional<QSqlQuery> lookup;
        const KeyLookup seen = [&](const QString &inbox, const QString &eventKey) {
            if (!lookup) {
                lookup.emplace(db);
                lookup->prepare(
                    u"SELECT 1 FROM webhook_events WHERE inbox = ? AND event_key = ? AND event_key <> '' LIMIT 1"_s);
            }
            lookup->bindValue(0, SqlHelper::nonNull(inbox));
            lookup->bindValue(1, SqlHelper::nonNull(eventKey));
            const bool found = lookup->exec() && lookup->next();
            lookup->finish();
            return found;
        };
        QSqlQuery q(db);
        q.prepare(u"INSERT INTO webhook_events (received_at_us, inbox, method, target, http_version, headers, "
                  "body, header_size, body_size, raw, remote_address, remote_port, verdict, verdict_reason, "
                  "event_key, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
        qint64 last = 0;
        for (qsizetype i = 0; i < records.size(); ++i) {
            Record &record = records[i];
            if (beforeInsert)
                beforeInsert(i, record, seen);
            q.bindValue(0, record.receivedAtUs);
            q.bindValue(1, SqlHelper::nonNull(record.inbox));
            q.bindValue(2, SqlHelper::nonNull(record.method));
            q.bindValue(3, SqlHelper::nonNull(record.target));
            q.bindValue(4, SqlHelper::nonNull(record.httpVersion));
            q.bindValue(5, SqlHelper::nonNull(record.headers));
            q.bindValue(6, SqlHelper::nonNull(record.body));
            q.bindValue(7, record.headerSize);
            q.bindValue(8, record.bodySize);
            q.bindValue(9, SqlHelper::nonNull(rawToStore(record)));
            q.bindValue(10, SqlHelper::nonNull(record.remoteAddress));
            q.bindValue(11, record.remotePort);
            q.bindValue(12, SqlHelper::nonNull(record.verdict));
            q.bindValue(13, SqlHelper::nonNull(record.verdictReason));
            q.bindValue(14, SqlHelper::nonNull(record.eventKey));
            q.bindValue(15, record.status);
            auto done = SqlHelper::exec(q, whatFailed);
            if (!done)
                return done.error();
            last = q.lastInsertId().toLongLong();
        }
        return last;
    };
}

Result<QList<WebhookEventStore::Record>> WebhookEventStore::list(int limit, qint64 beforeId, bool withRaw) const
{
    auto ready = m_read.open();
    if (!ready)
        return ready.error();
    QString sql = u"SELECT %1%2 FROM webhook_events"_s.arg(QLatin1StringView(Columns), withRaw ? u", raw"_s : u""_s);
    if (beforeId > 0)
        sql += u" WHERE id < ?"_s;
    sql += u" ORDER BY id DESC LIMIT ?"_s;
    QList<Record> records;
    QSqlDatabase db = m_read.database();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql);
    if (beforeId > 0)
        q.addBindValue(beforeId);
    q.addBindValue(limit > 0 ? limit : -1);
    auto done = SqlHelper::exec(q, tr("Could not list the webhook events"));
    if (!done)
        return done.error();
    while (q.next()) {
        Record r = readRow(q);
        if (withRaw)
            r.raw = rawAsReceived(q.value(16).toByteArray(), r);
        records.append(r);
    }
    return records;
}

Result<QList<WebhookEventStore::Record>> WebhookEventStore::query(const WebhookEventFilter &filter) const
{
    return query(m_read, filter);
}

Result<QList<WebhookEventStore::Record>> WebhookEventStore::query(ReadConnection &read, const WebhookEventFilter &filter)
{
    auto ready = read.open();
    if (!ready)
        return ready.error();
    QStringList where;
    QVariantList values;
    if (!filter.inbox.isEmpty()) {
        where << u"inbox = ?"_s;
        values << filter.inbox;
    }
    if (!filter.method.isEmpty()) {
        where << u"method = ?"_s;
        values << filter.method.toUpper();
    }
    if (!filter.verdict.isEmpty()) {
        where << u"verdict = ?"_s;
        values << filter.verdict;
    }
    if (const QString &text = filter.text; !text.trimmed().isEmpty()) {
        // LIKE never matches a BLOB operand, so the columns are cast to text; it ignores ASCII case. % and _ typed
        // by the user are literal.
        QString escaped = text;
        escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
        const QString pattern = u'%' + escaped + u'%';
        where << u"(CAST(target AS TEXT) LIKE ? ESCAPE '\\' OR CAST(headers AS TEXT) LIKE ? ESCAPE '\\' "
                 "OR CAST(body AS TEXT) LIKE ? ESCAPE '\\')"_s;
        values << pattern << pattern << pattern;
    }
    if (filter.beforeId > 0) {
        where << u"id < ?"_s;
        values << filter.beforeId;
    }
    if (filter.afterId > 0) {
        where << u"id > ?"_s;
        values << filter.afterId;
    }
    QString sql = u"SELECT id, received_at_us, inbox, method, target, http_version, '', '', header_size, body_size, "
                  "remote_address, remote_port, verdict, verdict_reason, event_key, status FROM webhook_events"_s;
    if (!where.isEmpty())
        sql += u" WHERE "_s + where.join(u" AND "_s);
    sql += u" ORDER BY id DESC LIMIT ?"_s;
    values << (filter.limit > 0 ? filter.limit : -1);
    QSqlDatabase db = read.database();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &value : std::as_const(values))
        q.addBindValue(value);
    auto done = SqlHelper::exec(q, tr("Could not list the webhook events"));
    if (!done)
        return done.error();
    QList<Record> records;
    while (q.next()) {
        Record r = readRow(q);
        r.headers.clear();
        r.body.clear();
        records.append(r);
    }
    return records;
}

Result<WebhookEventStore::Record> WebhookEventStore::load(qint64 id) const
{
    Result<QSqlQuery> query =
        m_read.prepare(u"SELECT %1, raw FROM webhook_events WHERE id = ?"_s.arg(QLatin1StringView(Columns)));
    if (!query)
        return query.error();
    QSqlQuery &q = query.value();
    q.addBindValue(id);
    auto done = SqlHelper::exec(q, tr("Could not read the webhook event"));
    if (!done)
        return done.error();
    if (!q.next())
        return Error{Error::Code::InvalidInput,
                     tr("There is no webhook event %1; list the events to see the ids.").arg(id)};
    Record r = readRow(q);
    r.raw = rawAsReceived(q.value(16).toByteArray(), r);
    return r;
}

Result<qint64> WebhookEventStore::count() const
{
    auto ready = m_read.open();
    if (!ready)
        return ready.error();
    QSqlDatabase db = m_read.database();
    QSqlQuery q(db);
    if (!q.exec(u"SELECT COUNT(*) FROM webhook_events"_s) || !q.next())
        return SqlHelper::storageError(tr("Could not count the webhook events"), q.lastError());
    return q.value(0).toLongLong();
}

} // namespace tanager
