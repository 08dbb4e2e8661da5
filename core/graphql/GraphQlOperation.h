// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GraphQlDocument.h"

#include <QList>
#include <QString>

namespace tanager {

/// One operation of an executable document, as an operation picker lists it.
struct GraphQlOperation
{
    QString name; ///< empty for an anonymous operation
    GraphQlOperationType type = GraphQlOperationType::Query;
    quint32 node = 0;  ///< the OperationDefinition node
    quint32 start = 0; ///< byte range in the document's source
    quint32 end = 0;

    /// "query", "mutation" or "subscription".
    QString typeKeyword() const;

    /// The operations of @p document in source order.
    static QList<GraphQlOperation> all(const GraphQlDocument &document);
    /// The operation that contains byte @p offset, or the first one; -1 when there is none.
    static qsizetype indexAt(const QList<GraphQlOperation> &operations, quint32 offset);
};

} // namespace tanager
