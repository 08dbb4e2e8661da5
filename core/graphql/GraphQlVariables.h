// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GraphQlDocument.h"
#include "GraphQlSchema.h"

#include <Result.h>

#include <QByteArrayView>
#include <QCoreApplication>
#include <QJsonObject>

namespace tanager {

/// Checks the variables JSON a user typed against an operation's variable definitions before it is sent, the
/// way graphql-js coerces variable values: JSON syntax (with line and column), an object at the top, required
/// variables present and not null, built-in scalars of the right JSON type, and with a schema also enum values
/// and input object fields. Variables the operation does not declare are left alone (servers ignore them, and
/// one variables editor serves every operation of a document).
class GraphQlVariables
{
    Q_DECLARE_TR_FUNCTIONS(tanager::GraphQlVariables)

public:
    /// The variables as an object, or a one-line error. Blank @p json means no variables. @p schema may be null.
    static Result<QJsonObject> check(const GraphQlDocument &document, quint32 operationNode, QByteArrayView json,
                                     const GraphQlSchema *schema);
};

} // namespace tanager
