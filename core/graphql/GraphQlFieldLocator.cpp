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

namespace {

// The field answering to @p key in @p set, or 0; @p seen keeps a fragment cycle from recursing forever.
quint32 fieldByKey(const GraphQlDocument &document, quint32 set, QByteArrayView key, QList<QByteArrayView> &seen)
{
    quint32 found = 0;
    document.forEachChild(set, [&](quint32 s) {
        if (found)
            return;
        const GraphQlNode &n = document.node(s);
        if (n.kind == GraphQlNodeKind::Field) {
            const quint32 alias = document.child(s, GraphQlNodeKind::Alias);
            if ((alias ? document.nameView(alias) : document.nameView(s)) == key)
                found = s;
        } else if (n.kind == GraphQlNodeKind::InlineFragment) {
            found = fieldByKey(document, document.child(s, GraphQlNodeKind::SelectionSet), key, seen);
        } else if (n.kind == GraphQlNodeKind::FragmentSpread) {
            const QByteArrayView name = document.nameView(s);
            if (seen.contains(name))
                return;
            seen.append(name);
            document.forEachChild(0, [&](quint32 def) {
                if (!found && document.node(def).kind == GraphQlNodeKind::FragmentDefinition &&
                    document.nameView(def) == name) {
                    found = fieldByKey(document, document.child(def, GraphQlNodeKind::SelectionSet), key, seen);
                }
            });
            seen.removeLast();
        }
    });
    return found;
}

} // namespace

quint32 GraphQlFieldLocator::fieldAtPath(const GraphQlDocument &document, quint32 operation, const QJsonArray &path)
{
    if (operation == 0 || operation >= document.nodeCount() ||
        document.node(operation).kind != GraphQlNodeKind::OperationDefinition) {
        return 0;
    }
    quint32 field = 0;
    quint32 set = document.child(operation, GraphQlNodeKind::SelectionSet);
    for (const QJsonValue &segment : path) {
        if (!segment.isString())
            continue; // a list index: the same field's items
        if (!set)
            return 0;
        const QByteArray key = segment.toString().toUtf8();
        QList<QByteArrayView> seen;
        field = fieldByKey(document, set, key, seen);
        if (!field)
            return 0;
        set = document.child(field, GraphQlNodeKind::SelectionSet);
    }
    return field;
}

} // namespace tanager
