// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlClient.h"

#include "GraphQlCall.h"
#include "GraphQlIntrospection.h"
#include "GraphQlOperation.h"
#include "GraphQlParser.h"
#include "GraphQlVariables.h"

#include <HttpTransport.h>
#include <RequestPreparer.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

QByteArray jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.sliced(1, array.size() - 2);
}

void setHeaderUnlessTyped(KeyValueRows &headers, const QString &name, const QString &value)
{
    for (const KeyValueRow &row : headers) {
        if (row.enabled && row.key.compare(name, Qt::CaseInsensitive) == 0)
            return; // the user's own value wins, as for any request
    }
    headers.append({name, value, true});
}

} // namespace

GraphQlClient::GraphQlClient(HttpTransport *transport, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
{
}

QByteArray GraphQlClient::payload(const QString &query, const QString &operationName, QByteArrayView variables)
{
    QByteArray body = "{\"query\":"_ba + jsonString(query);
    if (!operationName.isEmpty())
        body += ",\"operationName\":"_ba + jsonString(operationName);
    const QByteArrayView trimmed = variables.trimmed();
    if (!trimmed.isEmpty()) {
        body += ",\"variables\":"_ba;
        body += trimmed;
    }
    body += '}';
    return body;
}

Result<GraphQlOperation> GraphQlClient::check(const GraphQlOperationRequest &operation, const GraphQlSchema *schema,
                                             QJsonObject *variables)
{
    const GraphQlDocument document = GraphQlParser::parse(operation.query.toUtf8());
    if (!document.isValid()) {
        const GraphQlSyntaxError &e = *document.error();
        return Error{Error::Code::InvalidInput,
                     tr("The query does not parse at line %1, column %2 (%3): fix it before sending.")
                         .arg(e.line)
                         .arg(e.column)
                         .arg(e.message)};
    }
    const QList<GraphQlOperation> operations = GraphQlOperation::all(document);
    if (operations.isEmpty())
        return Error{Error::Code::InvalidInput,
                     tr("The document has no operation to run: write a query, mutation or subscription.")};
    qsizetype index = -1;
    if (!operation.operationName.isEmpty()) {
        for (qsizetype i = 0; i < operations.size(); ++i) {
            if (operations[i].name == operation.operationName)
                index = i;
        }
        if (index < 0)
            return Error{Error::Code::InvalidInput,
                         tr("The document has no operation named \"%1\": pick one of its operations.")
                             .arg(operation.operationName)};
    } else if (operations.size() == 1) {
        index = 0;
    } else {
        return Error{Error::Code::InvalidInput,
                     tr("The document has %1 operations: pick the one to run.").arg(operations.size())};
    }
    const GraphQlOperation &chosen = operations[index];
    Result<QJsonObject> checked = GraphQlVariables::check(document, chosen.node, operation.variables, schema);
    if (!checked)
        return checked.error();
    if (variables)
        *variables = checked.value();
    return chosen;
}

Result<PreparedRequest> GraphQlClient::prepare(const HttpRequest &endpoint, const Environment &environment,
                                               const GraphQlOperationRequest &operation, const GraphQlSchema *schema,
                                               const QNetworkCookieJar *cookies)
{
    QJsonObject variables;
    const Result<GraphQlOperation> checked = check(operation, schema, &variables);
    if (!checked)
        return checked.error();
    const GraphQlOperation &chosen = checked.value();
    if (chosen.type == GraphQlOperationType::Subscription)
        return Error{Error::Code::InvalidInput,
                     tr("This operation is a subscription: subscriptions run over WebSocket, so subscribe instead "
                        "of sending it over HTTP.")};
    if (operation.useGet && chosen.type == GraphQlOperationType::Mutation)
        return Error{Error::Code::InvalidInput,
                     tr("A mutation cannot be sent with GET (servers refuse it to prevent cross-site requests): "
                        "send it with POST.")};

    HttpRequest request = endpoint;
    setHeaderUnlessTyped(request.headers, u"Accept"_s, QString::fromLatin1(AcceptHeader));
    if (operation.useGet) {
        request.method = u"GET"_s;
        request.body = {};
        QString url = request.url;
        const auto param = [&url](const QString &name, const QByteArray &value) {
            url += (url.contains(QLatin1Char('?')) ? u"&"_s : u"?"_s) + name + QLatin1Char('=')
                   + QString::fromLatin1(QUrl::toPercentEncoding(QString::fromUtf8(value)));
        };
        param(u"query"_s, operation.query.toUtf8());
        if (!chosen.name.isEmpty())
            param(u"operationName"_s, chosen.name.toUtf8());
        if (!operation.variables.trimmed().isEmpty())
            param(u"variables"_s, QJsonDocument(variables).toJson(QJsonDocument::Compact));
        request.url = url;
    } else {
        request.method = u"POST"_s;
        request.body = {};
        request.body.kind = BodyKind::Raw;
        request.body.rawType = RawBodyType::Json;
        request.body.raw = QString::fromUtf8(payload(operation.query, chosen.name, operation.variables));
    }
    return RequestPreparer::prepare(request, environment, cookies);
}

Result<PreparedRequest> GraphQlClient::prepareIntrospection(const HttpRequest &endpoint,
                                                            const Environment &environment,
                                                            const QNetworkCookieJar *cookies)
{
    GraphQlOperationRequest operation;
    operation.query = GraphQlIntrospection::query();
    operation.operationName = u"IntrospectionQuery"_s;
    return prepare(endpoint, environment, operation, nullptr, cookies);
}

GraphQlCall *GraphQlClient::send(const PreparedRequest &request, qint64 maxResponseBytes)
{
    return new GraphQlCall(m_transport->send(request), maxResponseBytes, this);
}

Result<GraphQlSchema> GraphQlClient::schemaFromResponse(const GraphQlResponse &response)
{
    if (response.error)
        return *response.error;
    const QJsonObject data = response.dataValue.toObject();
    if (!data.contains(u"__schema"_s)) {
        if (!response.errors.isEmpty())
            return Error{Error::Code::Protocol,
                         tr("The server refused the introspection query (\"%1\"): introspection is probably disabled "
                            "there; load the schema from an SDL or introspection JSON file instead.")
                             .arg(response.errors.first().message)};
        return Error{Error::Code::Protocol,
                     tr("The answer to the introspection query has no __schema: the server is not GraphQL or cut "
                        "the result short; load the schema from a file instead.")};
    }
    return GraphQlIntrospection::load(data);
}

} // namespace tanager
