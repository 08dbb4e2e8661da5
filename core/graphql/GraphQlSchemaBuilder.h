// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GraphQlSchema.h"

namespace tanager {

/// What GraphQlIntrospection and GraphQlSdlLoader share: adding types by name (forward references allowed),
/// and finishing a schema (meta fields, built-in scalars and directives, interface implementations).
class GraphQlSchemaBuilder
{
public:
    /// Index of the type @p name, adding an empty placeholder when it is not known yet.
    qint32 typeIndex(const QString &name);
    /// Index of the type or -1, without adding.
    qint32 findType(const QString &name) const { return m_schema.m_typeIndex.value(name, -1); }
    GraphQlType &type(qint32 index) { return m_schema.m_types[size_t(index)]; }
    std::vector<GraphQlDirectiveDefinition> &directives() { return m_schema.m_directives; }
    void setRootTypes(qint32 query, qint32 mutation, qint32 subscription);
    void reserve(qsizetype types);

    /// Adds the built-in scalars and directives that are missing, fills possibleTypes of interfaces from the
    /// objects that implement them when @p derivePossibleTypes, and resolves the introspection meta fields.
    GraphQlSchema finish(bool derivePossibleTypes);

private:
    GraphQlSchema m_schema;
};

} // namespace tanager
