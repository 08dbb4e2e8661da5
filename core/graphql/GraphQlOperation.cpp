// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlOperation.h"

using namespace Qt::StringLiterals;

namespace tanager {

QString GraphQlOperation::typeKeyword() const
{
    switch (type) {
    case GraphQlOperationType::Mutation:
        return u"mutation"_s;
    case GraphQlOperationType::Subscription:
        return u"subscription"_s;
    case GraphQlOperationType::Query:
        break;
    }
    return u"query"_s;
}

QList<GraphQlOperation> GraphQlOperation::all(const GraphQlDocument &document)
{
    QList<GraphQlOperation> operations;
    if (document.nodeCount() == 0)
        return operations;
    document.forEachChild(0, [&](quint32 index) {
        const GraphQlNode &node = document.node(index);
        if (node.kind != GraphQlNodeKind::OperationDefinition)
            return;
        GraphQlOperation operation;
        operation.name = document.name(index);
        operation.type = GraphQlOperationType(node.flags & GraphQlNodeFlag::OperationMask);
        operation.node = index;
        operation.start = node.start;
        operation.end = node.end;
        operations.append(operation);
    });
    return operations;
}

qsizetype GraphQlOperation::indexAt(const QList<GraphQlOperation> &operations, quint32 offset)
{
    for (qsizetype i = 0; i < operations.size(); ++i) {
        if (offset >= operations[i].start && offset <= operations[i].end)
            return i;
    }
    return operations.isEmpty() ? -1 : 0;
}

} // namespace tanager
