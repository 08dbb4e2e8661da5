// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GraphQlType.h"

#include <QHash>

namespace tanager {

/// A GraphQL schema: named types with their fields, arguments, enum values and relations, and the directives.
/// Built by GraphQlIntrospection (from an introspection result) or GraphQlSdlLoader (from SDL); immutable
/// afterwards, so one instance can be shared read-only across threads.
class GraphQlSchema
{
public:
    const std::vector<GraphQlType> &types() const { return m_types; }
    const std::vector<GraphQlDirectiveDefinition> &directives() const { return m_directives; }

    /// Index of the type called @p name, -1 when there is none.
    qint32 typeIndex(QStringView name) const { return m_typeIndex.value(name.toString(), -1); }
    const GraphQlType *type(QStringView name) const;
    const GraphQlType *type(qint32 index) const { return index >= 0 && index < qint32(m_types.size()) ? &m_types[size_t(index)] : nullptr; }
    const GraphQlDirectiveDefinition *directive(QStringView name) const;

    qint32 queryType() const { return m_queryType; }
    qint32 mutationType() const { return m_mutationType; }
    qint32 subscriptionType() const { return m_subscriptionType; }

    /// The field @p name of the composite type @p typeIndex, including __typename (and __schema and __type on
    /// the query type); nullptr when there is none.
    const GraphQlField *field(qint32 typeIndex, QStringView name) const;
    /// The fields a selection on @p typeIndex may use: the type's own plus __typename.
    std::vector<const GraphQlField *> fieldsOf(qint32 typeIndex) const;
    /// Whether object type @p object can be the runtime type of the abstract or object type @p type.
    bool isPossibleType(qint32 type, qint32 object) const;
    /// Whether a fragment on @p fragmentType can apply where @p parentType is in scope.
    bool overlaps(qint32 parentType, qint32 fragmentType) const;

    /// "[String!]!"
    QString typeName(const GraphQlTypeRef &ref) const;

private:
    friend class GraphQlSchemaBuilder;

    std::vector<GraphQlType> m_types;
    std::vector<GraphQlDirectiveDefinition> m_directives;
    QHash<QString, qint32> m_typeIndex;
    qint32 m_queryType = -1;
    qint32 m_mutationType = -1;
    qint32 m_subscriptionType = -1;
    // Introspection meta fields; their types are resolved against this schema when it is built.
    GraphQlField m_typenameField;
    GraphQlField m_schemaField;
    GraphQlField m_typeField;
};

} // namespace tanager
