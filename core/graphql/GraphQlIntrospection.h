// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include "GraphQlSchema.h"

#include <Result.h>

#include <QByteArray>
#include <QJsonObject>

namespace tanager {

/// The standard introspection query and the schema model built from its result.
class GraphQlIntrospection
{
    Q_DECLARE_TR_FUNCTIONS(tanager::GraphQlIntrospection)

public:
    /// The query graphql-js's getIntrospectionQuery({descriptions: true}) sends: every type with fields,
    /// arguments, input fields, interfaces, enum values, possible types and deprecations, type references
    /// nested 9 levels deep.
    static QString query();

    /// Builds a schema from an introspection result: either the whole response ({"data": {"__schema": ...}})
    /// or the data object ({"__schema": ...}). Errors say what is wrong with the document in one line.
    static Result<GraphQlSchema> load(const QByteArray &json);
    /// As load(), from the already parsed "__schema" object's parent.
    static Result<GraphQlSchema> load(const QJsonObject &data);
};

} // namespace tanager
