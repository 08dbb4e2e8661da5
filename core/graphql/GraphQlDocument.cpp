// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlDocument.h"

#include "GraphQlLexer.h"

namespace tanager {

quint32 GraphQlDocument::child(quint32 parent, GraphQlNodeKind kind) const
{
    for (quint32 c = m_nodes[parent].firstChild; c != 0; c = m_nodes[c].nextSibling) {
        if (m_nodes[c].kind == kind)
            return c;
    }
    return 0;
}

quint32 GraphQlDocument::typeChild(quint32 parent) const
{
    for (quint32 c = m_nodes[parent].firstChild; c != 0; c = m_nodes[c].nextSibling) {
        if (isTypeKind(m_nodes[c].kind))
            return c;
    }
    return 0;
}

quint32 GraphQlDocument::valueChild(quint32 parent) const
{
    for (quint32 c = m_nodes[parent].firstChild; c != 0; c = m_nodes[c].nextSibling) {
        if (isValueKind(m_nodes[c].kind))
            return c;
    }
    return 0;
}

QByteArrayView GraphQlDocument::nameView(quint32 index) const
{
    const GraphQlNode &n = m_nodes[index];
    return QByteArrayView(m_source).sliced(n.nameStart, n.nameLength);
}

QByteArrayView GraphQlDocument::text(quint32 index) const
{
    const GraphQlNode &n = m_nodes[index];
    return QByteArrayView(m_source).sliced(n.start, n.end - n.start);
}

QString GraphQlDocument::stringValue(quint32 index) const
{
    const GraphQlNode &n = m_nodes[index];
    const bool block = n.end - n.start >= 6 && m_source.at(n.start + 1) == '"' && m_source.at(n.start + 2) == '"'
                       && n.end - n.start != 2;
    const GraphQlToken token{block ? GraphQlTokenKind::BlockString : GraphQlTokenKind::String, n.start, n.end};
    return GraphQlLexer::stringValue(m_source, token);
}

QString GraphQlDocument::typeText(quint32 index) const
{
    const GraphQlNode &n = m_nodes[index];
    switch (n.kind) {
    case GraphQlNodeKind::NamedType:
        return name(index);
    case GraphQlNodeKind::ListType:
        return QLatin1Char('[') + typeText(n.firstChild) + QLatin1Char(']');
    case GraphQlNodeKind::NonNullType:
        return typeText(n.firstChild) + QLatin1Char('!');
    default:
        return {};
    }
}

bool GraphQlDocument::isTypeKind(GraphQlNodeKind kind)
{
    return kind == GraphQlNodeKind::NamedType || kind == GraphQlNodeKind::ListType
           || kind == GraphQlNodeKind::NonNullType;
}

bool GraphQlDocument::isValueKind(GraphQlNodeKind kind)
{
    switch (kind) {
    case GraphQlNodeKind::Variable:
    case GraphQlNodeKind::IntValue:
    case GraphQlNodeKind::FloatValue:
    case GraphQlNodeKind::StringValue:
    case GraphQlNodeKind::BooleanValue:
    case GraphQlNodeKind::NullValue:
    case GraphQlNodeKind::EnumValue:
    case GraphQlNodeKind::ListValue:
    case GraphQlNodeKind::ObjectValue:
        return true;
    default:
        return false;
    }
}

} // namespace tanager
