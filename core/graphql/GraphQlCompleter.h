// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GraphQlCompletionItem.h"
#include "GraphQlSchema.h"

#include <QByteArray>
#include <QList>

namespace tanager {

/// Suggestions at a cursor in a GraphQL document that is being typed and so usually does not parse: fields of
/// the type in scope, arguments, input fields, enum values and booleans, variables of the operation, fragment
/// names, type conditions, directives and keywords, each with its documentation.
///
/// It reads tokens from the start of the document up to the cursor and keeps a stack of scopes (selection
/// sets, argument lists, input objects, lists) instead of needing a valid AST, as GraphiQL's online parser
/// does.
class GraphQlCompleter
{
public:
    struct Result
    {
        QList<GraphQlCompletionItem> items; ///< filtered by the typed prefix, in schema order
        quint32 replaceStart = 0;           ///< byte range of the partial word the choice replaces
        quint32 replaceEnd = 0;
    };

    /// Suggestions at byte offset @p cursor of @p source (UTF-8).
    static Result complete(const GraphQlSchema &schema, const QByteArray &source, quint32 cursor);
};

} // namespace tanager
