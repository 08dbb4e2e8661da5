// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GraphQlResponse.h"

#include <QByteArrayView>
#include <QCoreApplication>

namespace tanager {

/// Splits a GraphQL result ({"data", "errors", "extensions"}) into a GraphQlResponse, from an HTTP exchange or
/// from a graphql-transport-ws "next" payload, and says in one line when a body is not GraphQL at all.
class GraphQlResponseParser
{
    Q_DECLARE_TR_FUNCTIONS(tanager::GraphQlResponseParser)

public:
    /// The response to a GraphQL-over-HTTP request (any status: a 400 with errors is a GraphQL answer too).
    static GraphQlResponse fromExchange(const HttpExchange &exchange);
    /// Fills @p response from the JSON object @p json; false (and response.error) when it is not a GraphQL result.
    static bool parse(QByteArrayView json, GraphQlResponse &response);
    /// Parses a JSON array of GraphQL errors (a graphql-transport-ws "error" payload).
    static QList<GraphQlError> parseErrors(QByteArrayView json);
    /// The raw bytes of member @p key of the JSON object @p json (which must be valid JSON); empty when absent.
    static QByteArrayView memberBytes(QByteArrayView json, QByteArrayView key);
};

} // namespace tanager
