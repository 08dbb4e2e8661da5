// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <HttpRequest.h>
#include <Result.h>

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace tanager {

/// The GraphQL window's open tabs as one plain JSON file (graphql-tabs.json in the app-data folder), so the
/// user's queries survive a restart as they do in GraphiQL and Altair. Auth keeps its scheme and the names
/// around it (username, header name, OAuth2 profile) but never a password, token, API key or JWT secret:
/// RequestJson decides which fields those are, as for saved requests. Schemas are not in it: they are
/// cached per endpoint by GraphQlSchemaCache.
class GraphQlTabState
{
    Q_DECLARE_TR_FUNCTIONS(tanager::GraphQlTabState)
public:
    /// One tab as the user left it; the texts as typed, so a document that does not parse is kept too.
    struct Tab
    {
        QString title; ///< the name the user gave the tab; empty: derived from the endpoint
        QString url;
        QString query;
        QString variables;
        QString headers; ///< "Name: value" lines
        bool useGet = false;
        QString operationName; ///< the operation picked when the document has several; empty: the first
        RequestAuth auth;      ///< without its secrets once saved

        bool operator==(const Tab &other) const = default;
    };

    struct Values
    {
        QList<Tab> tabs;
        int current = 0; ///< the index of the tab that was in front
    };

    explicit GraphQlTabState(const QString &filePath) : m_filePath(filePath) {}

    /// "graphql-tabs.json", the file's name in the app-data folder.
    static QString fileName();
    QString filePath() const { return m_filePath; }

    /// The saved tabs; a missing file gives none. A damaged file gives a one-line error naming it, and is
    /// kept aside with its bytes as they were (JsonObjectFile) so no save overwrites it.
    Result<Values> load() const;
    /// Writes @p values atomically, secrets left out; the error names the file.
    Result<bool> save(const Values &values) const;

    static QJsonObject toJson(const Values &values);
    static Values fromJson(const QJsonObject &object);

private:
    QString m_filePath;
};

} // namespace tanager
