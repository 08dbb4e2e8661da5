// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GraphQlOperation.h"
#include "GraphQlOperationRequest.h"
#include "GraphQlResponse.h"
#include "GraphQlSchema.h"

#include <Environment.h>
#include <HttpRequest.h>
#include <PreparedRequest.h>
#include <Result.h>

#include <QJsonObject>
#include <QObject>

class QNetworkCookieJar;

namespace tanager {

class GraphQlCall;
class HttpTransport;

/// GraphQL over HTTP on Tanager's transport (so headers, auth, TLS, proxies, timeouts and history work as for
/// any request): POST with a JSON body, or GET with URL parameters for queries, both with
/// `Accept: application/graphql-response+json, application/json;q=0.9`.
///
/// Before anything is sent the document is parsed, the operation picked and the variables checked against its
/// variable definitions, so mistakes are reported in one line without a round trip.
class GraphQlClient : public QObject
{
    Q_OBJECT
public:
    /// The Accept header GraphQL over HTTP asks for.
    static constexpr char AcceptHeader[] = "application/graphql-response+json, application/json;q=0.9";
    /// The largest response read into memory; larger bodies are cut off with a message.
    static constexpr qint64 DefaultMaxResponseBytes = 64 * 1024 * 1024;

    explicit GraphQlClient(HttpTransport *transport, QObject *parent = nullptr);

    /// The request for @p operation at @p endpoint (its URL, headers, auth and transport options are used; its
    /// method and body are replaced). @p schema, when known, lets the variables be checked against enum values
    /// and input object fields too.
    static Result<PreparedRequest> prepare(const HttpRequest &endpoint, const Environment &environment,
                                           const GraphQlOperationRequest &operation,
                                           const GraphQlSchema *schema = nullptr,
                                           const QNetworkCookieJar *cookies = nullptr);
    /// Parses @p operation's document, picks the operation to run and checks the variables against its variable
    /// definitions (and @p schema when known); the checked variables go to @p variables.
    static Result<GraphQlOperation> check(const GraphQlOperationRequest &operation, const GraphQlSchema *schema,
                                          QJsonObject *variables = nullptr);
    /// The request for the standard introspection query (POST).
    static Result<PreparedRequest> prepareIntrospection(const HttpRequest &endpoint, const Environment &environment,
                                                        const QNetworkCookieJar *cookies = nullptr);
    /// The JSON body {"query", "operationName", "variables"}; @p variables is inserted as written (key order and
    /// numbers kept) and must be valid JSON or blank.
    static QByteArray payload(const QString &query, const QString &operationName, QByteArrayView variables);

    /// Sends @p request; the call reports once and deletes itself.
    GraphQlCall *send(const PreparedRequest &request, qint64 maxResponseBytes = DefaultMaxResponseBytes);

    /// The schema in an introspection response, or one line that says why there is none (introspection disabled,
    /// truncated result, not GraphQL, ...). Slow for big schemas: run it on a worker thread.
    static Result<GraphQlSchema> schemaFromResponse(const GraphQlResponse &response);

private:
    HttpTransport *m_transport;
};

} // namespace tanager
