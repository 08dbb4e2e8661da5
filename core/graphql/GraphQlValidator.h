// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GraphQlDiagnostic.h"
#include "GraphQlDocument.h"
#include "GraphQlSchema.h"

#include <QList>

namespace tanager {

/// Checks an executable document against a schema as the user types: unknown types, fields, arguments and
/// directives, argument literals of the wrong type, missing required arguments and input fields, leaf and
/// composite selections, undefined and unused variables, and unknown fragments. Messages are worded as
/// graphql-js words them. A document with a syntax error yields that error only.
class GraphQlValidator
{
public:
    static QList<GraphQlDiagnostic> validate(const GraphQlSchema &schema, const GraphQlDocument &document);
};

} // namespace tanager
