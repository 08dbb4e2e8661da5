// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GraphQlNode.h"
#include "GraphQlSourcePosition.h"
#include "GraphQlSyntaxError.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace tanager {

/// A parsed GraphQL document: the UTF-8 source, its nodes in one flat array (node 0 is the Document) and the
/// first syntax error if there was one (then the nodes hold what was parsed before it).
class GraphQlDocument
{
public:
    GraphQlDocument() = default;

    const QByteArray &source() const { return m_source; }
    bool isValid() const { return !m_error.has_value(); }
    const std::optional<GraphQlSyntaxError> &error() const { return m_error; }

    quint32 nodeCount() const { return quint32(m_nodes.size()); }
    const GraphQlNode &node(quint32 index) const { return m_nodes[index]; }

    /// Calls @p visit(index) for each direct child of @p parent in source order.
    template<typename Visit>
    void forEachChild(quint32 parent, Visit visit) const
    {
        for (quint32 c = m_nodes[parent].firstChild; c != 0; c = m_nodes[c].nextSibling)
            visit(c);
    }
    /// The first child of @p parent with @p kind, 0 when there is none.
    quint32 child(quint32 parent, GraphQlNodeKind kind) const;
    /// The child of @p parent that is a type reference (NamedType, ListType or NonNullType), 0 when none.
    quint32 typeChild(quint32 parent) const;
    /// The child of @p parent that is a value literal or variable, 0 when none.
    quint32 valueChild(quint32 parent) const;

    QByteArrayView nameView(quint32 index) const;
    QString name(quint32 index) const { return QString::fromUtf8(nameView(index)); }
    /// The decoded value of a StringValue or Description node.
    QString stringValue(quint32 index) const;
    /// The source text of the node.
    QByteArrayView text(quint32 index) const;
    /// "[String!]!" for a type reference node.
    QString typeText(quint32 index) const;

    GraphQlLineColumn lineColumn(quint32 offset) const { return GraphQlSourcePosition::lineColumn(m_source, offset); }

    /// Approximate heap bytes held (source and nodes), for benchmarks.
    qsizetype memoryUsage() const { return m_source.capacity() + qsizetype(m_nodes.capacity() * sizeof(GraphQlNode)); }

    static bool isTypeKind(GraphQlNodeKind kind);
    static bool isValueKind(GraphQlNodeKind kind);

private:
    friend class GraphQlParser;

    QByteArray m_source;
    std::vector<GraphQlNode> m_nodes;
    std::optional<GraphQlSyntaxError> m_error;
};

} // namespace tanager
