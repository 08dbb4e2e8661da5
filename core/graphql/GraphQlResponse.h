// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GraphQlError.h"

#include <Error.h>
#include <HttpExchange.h>

#include <QByteArray>
#include <QJsonValue>

#include <optional>

namespace tanager {

/// A GraphQL result split the way an editor shows it: data, errors and extensions apart. @c data and
/// @c extensions hold the exact bytes the server sent (key order and numbers kept) for display;
/// @c dataValue is the parsed data for code that reads it.
struct GraphQlResponse
{
    QByteArray data;       ///< raw JSON of "data"; empty when the response had none
    QJsonValue dataValue;  ///< parsed "data" (Undefined when absent, Null when null)
    QList<GraphQlError> errors;
    QByteArray extensions; ///< raw JSON of "extensions"; empty when absent
    /// Set when there is no GraphQL result at all: a network failure, a body that is not GraphQL, a body too
    /// large. One line that says what to do.
    std::optional<Error> error;
    HttpExchange exchange; ///< the HTTP exchange it came from (empty for WebSocket events)

    /// "data" is present and not null.
    bool hasData() const { return dataValue.isObject(); }
    /// Data with errors: some fields resolved, others failed (GraphQL's partial result).
    bool isPartial() const { return hasData() && !errors.isEmpty(); }
    bool succeeded() const { return !error && errors.isEmpty(); }
};

} // namespace tanager
