// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GraphQlDiagnostic.h"
#include "GraphQlDocument.h"
#include "GraphQlSchema.h"

#include <QList>

namespace tanager {

/// Checks an executable document against a schema as the user types: unknown types, fields, arguments and
/// directives, directives in the wrong place, argument literals of the wrong type, missing required arguments
/// and input fields, leaf and composite selections, undefined, unused and badly placed variables (type not
/// allowed in the position), unknown fragments and fragment cycles, duplicate operation, fragment, argument and
/// variable names, an anonymous operation beside others, and same-named fields that cannot be merged
/// (OverlappingFieldsCanBeMerged as graphql-js 16 implements it: through inline fragments and fragment spreads,
/// between fragments, and into sub-selections, with nested reasons). Messages are worded, and located, as
/// graphql-js 16 gives them (every location, in its order: the first as the diagnostic's own, the others as
/// GraphQlDiagnostic::related), "Did you mean" suggestions included, and in the same way validation stops after
/// 100 problems with a 101st, "Too many validation errors, error limit reached. Validation aborted." (no
/// location). A document with a syntax error yields that error only.
class GraphQlValidator
{
public:
    static QList<GraphQlDiagnostic> validate(const GraphQlSchema &schema, const GraphQlDocument &document);
};

} // namespace tanager
