// SPDX-License-Identifier: GPL-3.0-or-later
#include "HistoryStore.h"

#include "DatabaseConnection.h"
#include "FullTextIndex.h"
#include "HeaderRedactor.h"
#include "SqlHelper.h"
#include "StorageLog.h"
#include "StorageWriter.h"

#include <QRegularExpression>
#include <QSqlQuery>
#include <QThread>
#include <QTimeZone>
#include <QVariantList>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

constexpr auto SummaryColumns = "id, started_at, method, url, host, status, duration_ms, response_body_size, error";

QString nonNull(const QString &text)
{
    // The Qt driver binds a null QString as SQL NULL; store '' so filters and LIKE see a value.
    return text.isNull() ? u""_s : text;
}

QByteArray nonNull(const QByteArray &bytes)
{
    return bytes.isNull() ? QByteArray(""_ba) : bytes;
}

Result<qint64> insertRecord(QSqlDatabase &db, const ExchangeRecord &r, bool fullText)
{
    QSqlQuery query(db);
    query.prepare(u"INSERT INTO exchanges (started_at, method, url, host, request_headers, request_body, "
                  "request_body_size, request_model, status, reason, http_version, response_headers, response_body, "
                  "response_body_size, response_wire_size, duration_ms, timings, error, events) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    const qint64 started =
        r.startedAt.isValid() ? r.startedAt.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
    query.addBindValue(started);
    query.addBindValue(nonNull(r.method));
    query.addBindValue(nonNull(r.url));
    query.addBindValue(nonNull(r.host));
    query.addBindValue(nonNull(r.requestHeaders));
    query.addBindValue(nonNull(r.requestBody));
    query.addBindValue(r.requestBodySize);
    query.addBindValue(nonNull(r.requestModel));
    query.addBindValue(r.status);
    query.addBindValue(nonNull(r.reason));
    query.addBindValue(nonNull(r.httpVersion));
    query.addBindValue(nonNull(r.responseHeaders));
    query.addBindValue(nonNull(r.responseBody));
    query.addBindValue(r.responseBodySize);
    query.addBindValue(r.responseWireSize);
    query.addBindValue(r.durationMs);
    query.addBindValue(nonNull(r.timings));
    query.addBindValue(nonNull(r.error));
    // NULL when there are none, so a row from a plain send costs nothing.
    query.addBindValue(r.events.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(r.events));
    auto done = SqlHelper::exec(query, HistoryStore::tr("Could not save the exchange to the history"));
    if (!done)
        return done.error();
    const qint64 id = query.lastInsertId().toLongLong();
    if (fullText) {
        auto indexed = FullTextIndex::add(db, id, r.url, r.requestHeaders, r.responseHeaders, r.requestBody,
                                          r.responseBody);
        if (!indexed)
            return indexed.error();
    }
    return id;
}

QDateTime utcFromMSecs(qint64 msecs)
{
    // Qt::UTC as the time spec on every version: the Qt::TimeSpec overload is deprecated from 6.9 and
    // QTimeZone::utc() gives a Qt::TimeZone spec before 6.5.
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QDateTime::fromMSecsSinceEpoch(msecs, QTimeZone(QTimeZone::UTC));
#else
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
#endif
}

QString likePattern(const QString &word)
{
    QString escaped = word;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
    return u'%' % escaped % u'%';
}

} // namespace

HistoryStore::HistoryStore(const Database &database, StorageWriter *writer, QObject *parent)
    : QObject(parent), m_database(database), m_writer(writer), m_read(database, u"history-read"_s), m_shared(std::make_shared<Shared>())
{
    std::weak_ptr<Shared> shared = m_shared;
    m_writer->addBatchHook(
        [shared](QSqlDatabase &db) -> Result<qint64> {
            const auto state = shared.lock();
            const int keep = state ? state->retention.load() : 0;
            if (keep <= 0)
                return qint64(0);
            QSqlQuery cutoff(db);
            cutoff.prepare(u"SELECT id FROM exchanges ORDER BY id DESC LIMIT 1 OFFSET ?"_s);
            cutoff.addBindValue(keep);
            auto found = SqlHelper::exec(cutoff, tr("Could not apply the history limit"));
            if (!found)
                return found.error();
            if (!cutoff.next())
                return qint64(0);
            const qint64 upTo = cutoff.value(0).toLongLong();
            QSqlQuery prune(db);
            prune.prepare(u"DELETE FROM exchanges WHERE id <= ?"_s);
            prune.addBindValue(upTo);
            auto pruned = SqlHelper::exec(prune, tr("Could not apply the history limit"));
            if (!pruned)
                return pruned.error();
            qCDebug(lcStorage) << "retention removed" << prune.numRowsAffected() << "exchanges up to id" << upTo;
            return upTo;
        },
        this,
        [this](const Result<qint64> &upTo) {
            if (upTo && upTo.value() > 0)
                Q_EMIT pruned(upTo.value());
        });
}

HistoryStore::~HistoryStore() = default;

void HistoryStore::record(const ExchangeRecord &record)
{
    ExchangeRecord copy = record;
    copy.id = 0;
    if (m_redact) {
        // The request model says which header or parameter its API key auth used, so those go too.
        const HeaderRedactor redactor = HeaderRedactor::forRequestModel(copy.requestModel);
        copy.requestHeaders = redactor.redact(copy.requestHeaders);
        copy.responseHeaders = redactor.redact(copy.responseHeaders);
        // Qt's network errors quote the URL, so the error line is redacted like the URL itself.
        if (!copy.error.isEmpty() && copy.error.contains(copy.url) && !copy.url.isEmpty())
            copy.error.replace(copy.url, redactor.redactUrl(copy.url));
        copy.url = redactor.redactUrl(copy.url);
        copy.requestModel = redactor.redactRequestModel(copy.requestModel);
    }
    const bool fullText = m_database.hasFullTextSearch();
    m_writer->enqueue([copy = std::move(copy), fullText](QSqlDatabase &db) { return insertRecord(db, copy, fullText); },
                      this, [this](const Result<qint64> &id) {
                          if (id)
                              Q_EMIT recorded(id.value());
                          else
                              Q_EMIT failed(id.error());
                      });
}

void HistoryStore::setRetention(int maxRecords)
{
    m_shared->retention.store(qMax(0, maxRecords));
}

int HistoryStore::retention() const
{
    return m_shared->retention.load();
}

void HistoryStore::setRedactSecrets(bool redact)
{
    m_redact = redact;
}

bool HistoryStore::redactSecrets() const
{
    return m_redact;
}

Result<QList<ExchangeSummary>> HistoryStore::query(const HistoryFilter &filter) const
{
    QString where = u"1"_s;
    QVariantList binds;
    // Placeholders are appended in the same order as their values.
    const auto bind = [&binds](const QVariant &value) -> QString {
        binds << value;
        return u"?"_s;
    };

    const QString text = filter.text.simplified();
    if (!text.isEmpty()) {
        if (m_database.hasFullTextSearch()) {
            where += u" AND id IN (SELECT rowid FROM exchanges_fts WHERE exchanges_fts MATCH "_s %
                     bind(FullTextIndex::matchExpression(text)) % u')';
        } else {
            const QStringList words = text.split(u' ', Qt::SkipEmptyParts);
            for (const QString &word : words) {
                const QString pattern = likePattern(word);
                QStringList terms;
                for (const auto column : {u"url", u"CAST(request_headers AS TEXT)", u"CAST(response_headers AS TEXT)",
                                          u"CAST(request_body AS TEXT)", u"CAST(response_body AS TEXT)"}) {
                    terms << (QStringView(column) % u" LIKE "_s % bind(pattern) % u" ESCAPE '\\'"_s);
                }
                where += u" AND ("_s % terms.join(u" OR "_s) % u')';
            }
        }
    }
    if (!filter.method.trimmed().isEmpty())
        where += u" AND method = "_s % bind(filter.method.trimmed()) % u" COLLATE NOCASE"_s;
    const QString status = filter.status.trimmed();
    if (!status.isEmpty()) {
        static const QRegularExpression exact(u"^\\d{1,3}$"_s);
        static const QRegularExpression statusClass(u"^([1-5])xx$"_s, QRegularExpression::CaseInsensitiveOption);
        if (exact.match(status).hasMatch()) {
            where += u" AND status = "_s % bind(status.toInt());
        } else if (const auto match = statusClass.match(status); match.hasMatch()) {
            const int first = match.captured(1).toInt() * 100;
            const QString low = bind(first);
            const QString high = bind(first + 99);
            where += u" AND status BETWEEN "_s % low % u" AND "_s % high;
        } else {
            return Error{Error::Code::InvalidInput,
                         tr("The status filter \"%1\" is not a code like 404 or a class like 4xx; correct it.")
                             .arg(status)};
        }
    }
    if (!filter.host.trimmed().isEmpty())
        where += u" AND host = "_s % bind(filter.host.trimmed()) % u" COLLATE NOCASE"_s;
    if (filter.beforeId > 0)
        where += u" AND id < "_s % bind(filter.beforeId);
    if (filter.afterId > 0)
        where += u" AND id > "_s % bind(filter.afterId);
    // Record order, not started_at: it matches how the model inserts new rows at the top and uses the primary key.
    // Separate statements: the operands of one % chain are evaluated in no fixed order.
    const QString limit = bind(filter.limit > 0 ? filter.limit : -1);
    const QString offset = bind(qMax(0, filter.offset));
    const QString sql = u"SELECT "_s % QLatin1StringView(SummaryColumns) % u" FROM exchanges WHERE "_s % where %
                        u" ORDER BY id DESC LIMIT "_s % limit % u" OFFSET "_s % offset;

    auto ready = m_read.open();
    if (!ready)
        return ready.error();
    QList<ExchangeSummary> rows;
    {
        QSqlDatabase db = m_read.database();
        QSqlQuery query(db);
        query.setForwardOnly(true);
        query.prepare(sql);
        for (const QVariant &value : std::as_const(binds))
            query.addBindValue(value);
        auto done = SqlHelper::exec(query, tr("Could not search the history"));
        if (!done)
            return done.error();
        while (query.next()) {
            ExchangeSummary row;
            row.id = query.value(0).toLongLong();
            row.startedAt = utcFromMSecs(query.value(1).toLongLong());
            row.method = query.value(2).toString();
            row.url = query.value(3).toString();
            row.host = query.value(4).toString();
            row.status = query.value(5).toInt();
            row.durationMs = query.value(6).toLongLong();
            row.responseBodySize = query.value(7).toLongLong();
            row.error = query.value(8).toString();
            rows.append(std::move(row));
        }
    }
    return rows;
}

Result<ExchangeRecord> HistoryStore::load(qint64 id) const
{
    auto ready = m_read.open();
    if (!ready)
        return ready.error();
    QSqlDatabase db = m_read.database();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT id, started_at, method, url, host, request_headers, request_body, request_body_size, "
                  "request_model, status, reason, http_version, response_headers, response_body, response_body_size, "
                  "response_wire_size, duration_ms, timings, error, events FROM exchanges WHERE id = ?"_s);
    query.addBindValue(id);
    auto done = SqlHelper::exec(query, tr("Could not read the exchange from the history"));
    if (!done)
        return done.error();
    if (!query.next())
        return Error{Error::Code::InvalidInput,
                     tr("Exchange %1 is not in the history any more; refresh the list.").arg(id)};
    ExchangeRecord r;
    r.id = query.value(0).toLongLong();
    r.startedAt = utcFromMSecs(query.value(1).toLongLong());
    r.method = query.value(2).toString();
    r.url = query.value(3).toString();
    r.host = query.value(4).toString();
    r.requestHeaders = query.value(5).toByteArray();
    r.requestBody = query.value(6).toByteArray();
    r.requestBodySize = query.value(7).toLongLong();
    r.requestModel = query.value(8).toByteArray();
    r.status = query.value(9).toInt();
    r.reason = query.value(10).toByteArray();
    r.httpVersion = query.value(11).toString();
    r.responseHeaders = query.value(12).toByteArray();
    r.responseBody = query.value(13).toByteArray();
    r.responseBodySize = query.value(14).toLongLong();
    r.responseWireSize = query.value(15).toLongLong();
    r.durationMs = query.value(16).toLongLong();
    r.timings = query.value(17).toByteArray();
    r.error = query.value(18).toString();
    r.events = query.value(19).toByteArray();
    return r;
}

Result<qint64> HistoryStore::count() const
{
    auto ready = m_read.open();
    if (!ready)
        return ready.error();
    QSqlDatabase db = m_read.database();
    QSqlQuery query(db);
    query.prepare(u"SELECT COUNT(*) FROM exchanges"_s);
    auto done = SqlHelper::exec(query, tr("Could not count the history"));
    if (!done)
        return done.error();
    query.next();
    return query.value(0).toLongLong();
}

void HistoryStore::remove(const QList<qint64> &ids)
{
    m_writer->enqueue(
        [ids](QSqlDatabase &db) -> Result<qint64> {
            QSqlQuery query(db);
            query.prepare(u"DELETE FROM exchanges WHERE id = ?"_s);
            qint64 removed = 0;
            for (const qint64 id : ids) {
                query.addBindValue(id);
                auto done = SqlHelper::exec(query, tr("Could not remove exchanges from the history"));
                if (!done)
                    return done.error();
                removed += query.numRowsAffected();
            }
            return removed;
        },
        this,
        [this, ids](const Result<qint64> &done) {
            if (done)
                Q_EMIT removed(ids);
            else
                Q_EMIT failed(done.error());
        });
}

void HistoryStore::clear()
{
    m_writer->enqueue(
        [](QSqlDatabase &db) -> Result<qint64> {
            // Emptying the index first spares the delete trigger a lookup per row.
            if (FullTextIndex::exists(db)) {
                auto emptied = SqlHelper::exec(db, u"DELETE FROM exchanges_fts"_s);
                if (!emptied)
                    return emptied.error();
            }
            auto done = SqlHelper::exec(db, u"DELETE FROM exchanges"_s);
            if (!done)
                return done.error();
            return qint64(0);
        },
        this,
        [this](const Result<qint64> &done) {
            if (done)
                Q_EMIT cleared();
            else
                Q_EMIT failed(done.error());
        });
}

} // namespace tanager
