// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GraphQlDocument.h"
#include "GraphQlSchema.h"

#include <QJsonArray>

namespace tanager {

/// What the name under a cursor refers to in a parsed executable document: a field (with the type that
/// declares it and the type it returns) or a type condition, for "go to type" in the editor.
class GraphQlFieldLocator
{
public:
    struct Target
    {
        qint32 parentType = -1; ///< the type declaring the field; -1 for a type condition
        const GraphQlField *field = nullptr;
        qint32 type = -1; ///< the named type to show: the field's type, or the type condition
        quint32 nameStart = 0;
        quint32 nameEnd = 0;
    };

    /// The target at byte @p offset, or one with type -1 when the cursor is on nothing the schema knows.
    static Target at(const GraphQlSchema &schema, const GraphQlDocument &document, quint32 offset);

    /// The Field node that produced the result at @p path (an error's "path": response keys, that is aliases or
    /// names, and list indexes) in @p operation (an OperationDefinition node), looking through inline
    /// fragments and fragment spreads; 0 when the document has no such field (it changed since the run).
    static quint32 fieldAtPath(const GraphQlDocument &document, quint32 operation, const QJsonArray &path);
};

} // namespace tanager
