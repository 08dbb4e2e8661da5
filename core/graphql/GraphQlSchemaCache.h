// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <ReadConnection.h>
#include "GraphQlCachedSchema.h"
#include "GraphQlSchema.h"

#include <Database.h>
#include <Result.h>

#include <QObject>
#include <QUrl>

#include <memory>
#include <optional>

namespace tanager {

class DatabaseConnection;
class StorageWriter;

/// The last schema fetched for each endpoint, in the graphql_schemas table, so that an editor completes and
/// validates as soon as it opens (and offline) while a fresh introspection runs. Writes go through the
/// StorageWriter; reads use this object's own connection on its thread.
class GraphQlSchemaCache : public QObject
{
    Q_OBJECT
public:
    GraphQlSchemaCache(const Database &database, StorageWriter *writer, QObject *parent = nullptr);
    ~GraphQlSchemaCache() override;

    /// The cache key of @p url: scheme, host, port and path (query, fragment and credentials dropped).
    static QString endpointKey(const QUrl &url);

    /// Stores (or replaces) the schema of @p schema.endpoint asynchronously; stored() or failed() follows once
    /// committed.
    void store(const GraphQlCachedSchema &schema);
    /// Forgets @p endpoint's schema; removed() follows.
    void remove(const QString &endpoint);
    /// The cached schema of @p endpoint, std::nullopt when there is none.
    Result<std::optional<GraphQlCachedSchema>> load(const QString &endpoint) const;

    /// Builds the model from a cached entry (slow for big schemas: call it on a worker thread).
    static Result<GraphQlSchema> build(const GraphQlCachedSchema &cached);

Q_SIGNALS:
    void stored(const QString &endpoint);
    void removed(const QString &endpoint);
    void failed(const tanager::Error &error);

private:

    Database m_database;
    StorageWriter *m_writer;
    mutable ReadConnection m_read;
};

} // namespace tanager
