// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlSchemaCache.h"

#include "GraphQlIntrospection.h"
#include "GraphQlSdlLoader.h"

#include <DatabaseConnection.h>
#include <SqlHelper.h>
#include <StorageWriter.h>

#include <QSqlQuery>
#include <QThread>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace tanager {

GraphQlSchemaCache::GraphQlSchemaCache(const Database &database, StorageWriter *writer, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_writer(writer)
    , m_read(database, u"graphql-schemas-read"_s)
{
}

GraphQlSchemaCache::~GraphQlSchemaCache() = default;

QString GraphQlSchemaCache::endpointKey(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo | QUrl::NormalizePathSegments)
        .toString(QUrl::FullyEncoded);
}

void GraphQlSchemaCache::store(const GraphQlCachedSchema &schema)
{
    const QString endpoint = schema.endpoint;
    const qint64 fetchedAt = (schema.fetchedAt.isValid() ? schema.fetchedAt : QDateTime::currentDateTimeUtc())
                                 .toMSecsSinceEpoch();
    const QString format = schema.format == GraphQlCachedSchema::Format::Sdl ? u"sdl"_s : u"introspection"_s;
    const QByteArray source = schema.source;
    m_writer->enqueue(
        [endpoint, fetchedAt, format, source](QSqlDatabase &db) -> Result<qint64> {
            QSqlQuery q(db);
            q.prepare(u"INSERT OR REPLACE INTO graphql_schemas (endpoint, fetched_at, format, source) "
                      "VALUES (?, ?, ?, ?)"_s);
            q.addBindValue(endpoint);
            q.addBindValue(fetchedAt);
            q.addBindValue(format);
            q.addBindValue(source);
            auto done = SqlHelper::exec(q, tr("Could not cache the GraphQL schema"));
            if (!done)
                return done.error();
            return q.lastInsertId().toLongLong();
        },
        this, [this, endpoint](const Result<qint64> &result) {
            if (result)
                Q_EMIT stored(endpoint);
            else
                Q_EMIT failed(result.error());
        });
}

void GraphQlSchemaCache::remove(const QString &endpoint)
{
    m_writer->enqueue(
        [endpoint](QSqlDatabase &db) -> Result<qint64> {
            QSqlQuery q(db);
            q.prepare(u"DELETE FROM graphql_schemas WHERE endpoint = ?"_s);
            q.addBindValue(endpoint);
            auto done = SqlHelper::exec(q, tr("Could not remove the cached GraphQL schema"));
            if (!done)
                return done.error();
            return q.numRowsAffected();
        },
        this, [this, endpoint](const Result<qint64> &result) {
            if (result)
                Q_EMIT removed(endpoint);
            else
                Q_EMIT failed(result.error());
        });
}

Result<std::optional<GraphQlCachedSchema>> GraphQlSchemaCache::load(const QString &endpoint) const
{
    auto ready = m_read.open();
    if (!ready)
        return ready.error();
    QSqlDatabase db = m_read.database();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT fetched_at, format, source FROM graphql_schemas WHERE endpoint = ?"_s);
    q.addBindValue(endpoint);
    auto done = SqlHelper::exec(q, tr("Could not read the cached GraphQL schema"));
    if (!done)
        return done.error();
    if (!q.next())
        return std::optional<GraphQlCachedSchema>();
    GraphQlCachedSchema cached;
    cached.endpoint = endpoint;
    cached.fetchedAt = QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong(), QTimeZone::utc());
    cached.format = q.value(1).toString() == u"sdl" ? GraphQlCachedSchema::Format::Sdl
                                                     : GraphQlCachedSchema::Format::Introspection;
    cached.source = q.value(2).toByteArray();
    return std::optional<GraphQlCachedSchema>(std::move(cached));
}

Result<GraphQlSchema> GraphQlSchemaCache::build(const GraphQlCachedSchema &cached)
{
    if (cached.format == GraphQlCachedSchema::Format::Sdl)
        return GraphQlSdlLoader::load(cached.source);
    return GraphQlIntrospection::load(cached.source);
}

} // namespace tanager
