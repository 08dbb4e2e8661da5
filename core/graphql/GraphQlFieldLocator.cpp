// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlFieldLocator.h"

namespace tanager {

namespace {

struct Walker
{
    const GraphQlSchema &schema;
    const GraphQlDocument &document;
    quint32 offset;
    GraphQlFieldLocator::Target found;

    bool onName(quint32 node) const
    {
        const GraphQlNode &n = document.node(node);
        return n.nameLength > 0 && offset >= n.nameStart && offset <= n.nameStart + n.nameLength;
    }
    bool contains(quint32 node) const
    {
        const GraphQlNode &n = document.node(node);
        return offset >= n.start && offset <= n.end;
    }

    // A type condition (NamedType child) under the cursor; returns the condition's type index either way.
    qint32 typeCondition(quint32 node)
    {
        const quint32 named = document.child(node, GraphQlNodeKind::NamedType);
        if (named == 0)
            return -1;
        const qint32 type = schema.typeIndex(QString::fromUtf8(document.nameView(named)));
        if (onName(named) && type >= 0) {
            const GraphQlNode &n = document.node(named);
            found = {-1, nullptr, type, n.nameStart, n.nameStart + n.nameLength};
        }
        return type;
    }

    void selectionSet(quint32 set, qint32 parentType)
    {
        document.forEachChild(set, [&](quint32 selection) {
            if (found.type >= 0 || !contains(selection))
                return;
            const GraphQlNode &n = document.node(selection);
            if (n.kind == GraphQlNodeKind::Field) {
                const GraphQlField *field = schema.field(parentType, QString::fromUtf8(document.nameView(selection)));
                if (!field)
                    return;
                if (onName(selection)) {
                    found = {parentType, field, field->type.named, n.nameStart, n.nameStart + n.nameLength};
                    return;
                }
                if (const quint32 inner = document.child(selection, GraphQlNodeKind::SelectionSet))
                    selectionSet(inner, field->type.named);
            } else if (n.kind == GraphQlNodeKind::InlineFragment) {
                const qint32 condition = typeCondition(selection);
                if (const quint32 inner = document.child(selection, GraphQlNodeKind::SelectionSet))
                    selectionSet(inner, condition >= 0 ? condition : parentType);
            }
        });
    }
};

} // namespace

GraphQlFieldLocator::Target GraphQlFieldLocator::at(const GraphQlSchema &schema, const GraphQlDocument &document,
                                                    quint32 offset)
{
    Walker walker{schema, document, offset, {}};
    if (document.nodeCount() == 0)
        return {};
    document.forEachChild(0, [&](quint32 definition) {
        if (walker.found.type >= 0 || !walker.contains(definition))
            return;
        const GraphQlNode &n = document.node(definition);
        qint32 root = -1;
        if (n.kind == GraphQlNodeKind::OperationDefinition) {
            switch (GraphQlOperationType(n.flags & GraphQlNodeFlag::OperationMask)) {
            case GraphQlOperationType::Query:
                root = schema.queryType();
                break;
            case GraphQlOperationType::Mutation:
                root = schema.mutationType();
                break;
            case GraphQlOperationType::Subscription:
                root = schema.subscriptionType();
                break;
            }
        } else if (n.kind == GraphQlNodeKind::FragmentDefinition) {
            root = walker.typeCondition(definition);
        }
        if (root < 0)
            return;
        if (const quint32 set = document.child(definition, GraphQlNodeKind::SelectionSet))
            walker.selectionSet(set, root);
    });
    return walker.found;
}

} // namespace tanager
