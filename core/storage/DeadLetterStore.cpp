// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeadLetterStore.h"

#include "DatabaseConnection.h"
#include "SqlHelper.h"
#include "StorageWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QThread>
#include <QTimeZone>
#include <QVariantList>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

constexpr auto Columns = "id, created_at, source, method, url, host, request, attempts, attempt_count, last_status, "
                         "last_error, policy, redrive_count, last_redrive_at";

QDateTime fromMs(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), QTimeZone::utc());
}

DeadLetter readRow(const QSqlQuery &q)
{
    DeadLetter d;
    d.id = q.value(0).toLongLong();
    d.createdAt = fromMs(q.value(1));
    d.source = q.value(2).toString();
    d.method = q.value(3).toString();
    d.url = q.value(4).toString();
    d.host = q.value(5).toString();
    d.request = q.value(6).toByteArray();
    d.attempts = q.value(7).toByteArray();
    d.attemptCount = q.value(8).toInt();
    d.lastStatus = q.value(9).toInt();
    d.lastError = q.value(10).toString();
    d.policy = q.value(11).toByteArray();
    d.redriveCount = q.value(12).toInt();
    d.lastRedriveAt = fromMs(q.value(13));
    return d;
}

QJsonValue embedded(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (doc.isObject())
        return doc.object();
    if (doc.isArray())
        return doc.array();
    return QString::fromUtf8(json);
}

} // namespace

DeadLetterStore::DeadLetterStore(const Database &database, StorageWriter *writer, QObject *parent)
    : QObject(parent), m_database(database), m_writer(writer), m_read(database, u"deadletters-read"_s)
{
}

DeadLetterStore::~DeadLetterStore() = default;

void DeadLetterStore::add(const DeadLetter &letter)
{
    m_writer->enqueue(
        [letter](QSqlDatabase &db) -> Result<qint64> {
            QSqlQuery q(db);
            q.prepare(u"INSERT INTO dead_letters (created_at, source, method, url, host, request, attempts, "
                      "attempt_count, last_status, last_error, policy) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
            q.addBindValue(letter.createdAt.isValid() ? letter.createdAt.toMSecsSinceEpoch()
                                                      : QDateTime::currentMSecsSinceEpoch());
            q.addBindValue(letter.source.isEmpty() ? u"send"_s : letter.source);
            q.addBindValue(SqlHelper::nonNull(letter.method));
            q.addBindValue(SqlHelper::nonNull(letter.url));
            q.addBindValue(SqlHelper::nonNull(letter.host));
            q.addBindValue(SqlHelper::nonNull(letter.request));
            q.addBindValue(SqlHelper::nonNull(letter.attempts));
            q.addBindValue(letter.attemptCount);
            q.addBindValue(letter.lastStatus);
            q.addBindValue(SqlHelper::nonNull(letter.lastError));
            q.addBindValue(SqlHelper::nonNull(letter.policy));
            auto done = SqlHelper::exec(q, tr("Could not store the dead letter"));
            if (!done)
                return done.error();
            return q.lastInsertId().toLongLong();
        },
        this,
        [this](const Result<qint64> &id) {
            if (id)
                Q_EMIT added(id.value());
            else
                Q_EMIT failed(id.error());
        });
}

void DeadLetterStore::recordRedrive(qint64 id, const QByteArray &attempts, int attemptCount, int lastStatus,
                                    const QString &lastError)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_writer->enqueue(
        [=](QSqlDatabase &db) -> Result<qint64> {
            QSqlQuery q(db);
            q.prepare(u"UPDATE dead_letters SET attempts = ?, attempt_count = ?, last_status = ?, last_error = ?, "
                      "redrive_count = redrive_count + 1, last_redrive_at = ? WHERE id = ?"_s);
            q.addBindValue(SqlHelper::nonNull(attempts));
            q.addBindValue(attemptCount);
            q.addBindValue(lastStatus);
            q.addBindValue(SqlHelper::nonNull(lastError));
            q.addBindValue(now);
            q.addBindValue(id);
            auto done = SqlHelper::exec(q, tr("Could not update the dead letter"));
            if (!done)
                return done.error();
            return id;
        },
        this,
        [this](const Result<qint64> &result) {
            if (result)
                Q_EMIT updated(result.value());
            else
                Q_EMIT failed(result.error());
        });
}

void DeadLetterStore::remove(const QList<qint64> &ids)
{
    m_writer->enqueue(
        [ids](QSqlDatabase &db) -> Result<qint64> {
            QSqlQuery q(db);
            q.prepare(u"DELETE FROM dead_letters WHERE id = ?"_s);
            qint64 removed = 0;
            for (const qint64 id : ids) {
                q.addBindValue(id);
                auto done = SqlHelper::exec(q, tr("Could not delete the dead letter"));
                if (!done)
                    return done.error();
                removed += q.numRowsAffected();
            }
            return removed;
        },
        this,
        [this, ids](const Result<qint64> &result) {
            if (result)
                Q_EMIT removed(ids);
            else
                Q_EMIT failed(result.error());
        });
}

void DeadLetterStore::purge()
{
    m_writer->enqueue(
        [](QSqlDatabase &db) -> Result<qint64> {
            auto done = SqlHelper::exec(db, u"DELETE FROM dead_letters"_s);
            if (!done)
                return done.error();
            QSqlQuery changes(db);
            if (changes.exec(u"SELECT changes()"_s) && changes.next())
                return changes.value(0).toLongLong();
            return qint64(0);
        },
        this,
        [this](const Result<qint64> &result) {
            if (result)
                Q_EMIT purged(result.value());
            else
                Q_EMIT failed(result.error());
        });
}

Result<QList<DeadLetter>> DeadLetterStore::list(const DeadLetterFilter &filter) const
{
    auto ready = m_read.open();
    if (!ready)
        return ready.error();
    QString sql = u"SELECT %1 FROM dead_letters WHERE 1"_s.arg(QLatin1StringView(Columns));
    QVariantList binds;
    if (!filter.host.isEmpty()) {
        sql += u" AND host = ? COLLATE NOCASE"_s;
        binds.append(filter.host);
    }
    if (!filter.source.isEmpty()) {
        sql += u" AND source = ?"_s;
        binds.append(filter.source);
    }
    if (!filter.text.isEmpty()) {
        sql += u" AND (instr(lower(url), lower(?)) > 0 OR instr(lower(last_error), lower(?)) > 0)"_s;
        binds.append(filter.text);
        binds.append(filter.text);
    }
    sql += u" ORDER BY id DESC LIMIT ?"_s;
    binds.append(filter.limit > 0 ? filter.limit : -1);
    QList<DeadLetter> letters;
    {
        QSqlDatabase db = m_read.database();
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(sql);
        for (const QVariant &value : std::as_const(binds))
            q.addBindValue(value);
        auto done = SqlHelper::exec(q, tr("Could not list the dead letters"));
        if (!done)
            return done.error();
        while (q.next())
            letters.append(readRow(q));
    }
    return letters;
}

Result<DeadLetter> DeadLetterStore::load(qint64 id) const
{
    Result<QSqlQuery> query =
        m_read.prepare(u"SELECT %1 FROM dead_letters WHERE id = ?"_s.arg(QLatin1StringView(Columns)));
    if (!query)
        return query.error();
    QSqlQuery &q = query.value();
    q.addBindValue(id);
    auto done = SqlHelper::exec(q, tr("Could not read the dead letter"));
    if (!done)
        return done.error();
    if (!q.next())
        return Error{Error::Code::InvalidInput,
                     tr("There is no dead letter %1; run tanager dlq list to see the ids.").arg(id)};
    return readRow(q);
}

Result<qint64> DeadLetterStore::count() const
{
    auto ready = m_read.open();
    if (!ready)
        return ready.error();
    QSqlDatabase db = m_read.database();
    QSqlQuery q(db);
    if (!q.exec(u"SELECT COUNT(*) FROM dead_letters"_s) || !q.next())
        return SqlHelper::storageError(tr("Could not count the dead letters"), q.lastError());
    return q.value(0).toLongLong();
}

Result<QByteArray> DeadLetterStore::exportJson(const QList<qint64> &ids) const
{
    QList<DeadLetter> letters;
    if (ids.isEmpty()) {
        auto all = list(DeadLetterFilter{{}, {}, {}, 0});
        if (!all)
            return all.error();
        letters = all.value();
    } else {
        for (const qint64 id : ids) {
            auto letter = load(id);
            if (!letter)
                return letter.error();
            letters.append(letter.value());
        }
    }
    QJsonArray array;
    for (const DeadLetter &d : std::as_const(letters)) {
        QJsonObject o{{u"id"_s, d.id},
                      {u"createdAt"_s, d.createdAt.toString(Qt::ISODateWithMs)},
                      {u"source"_s, d.source},
                      {u"method"_s, d.method},
                      {u"url"_s, d.url},
                      {u"host"_s, d.host},
                      {u"request"_s, embedded(d.request)},
                      {u"attempts"_s, embedded(d.attempts)},
                      {u"attemptCount"_s, d.attemptCount},
                      {u"lastStatus"_s, d.lastStatus},
                      {u"lastError"_s, d.lastError},
                      {u"policy"_s, embedded(d.policy)},
                      {u"redriveCount"_s, d.redriveCount}};
        if (d.lastRedriveAt.isValid())
            o.insert(u"lastRedriveAt"_s, d.lastRedriveAt.toString(Qt::ISODateWithMs));
        array.append(o);
    }
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

} // namespace tanager
