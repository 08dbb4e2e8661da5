// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlSchemaBuilder.h"

using namespace Qt::StringLiterals;

namespace tanager {

qint32 GraphQlSchemaBuilder::typeIndex(const QString &name)
{
    const auto it = m_schema.m_typeIndex.constFind(name);
    if (it != m_schema.m_typeIndex.cend())
        return *it;
    const auto index = qint32(m_schema.m_types.size());
    GraphQlType type;
    type.name = name;
    m_schema.m_types.push_back(std::move(type));
    m_schema.m_typeIndex.insert(name, index);
    return index;
}

void GraphQlSchemaBuilder::setRootTypes(qint32 query, qint32 mutation, qint32 subscription)
{
    m_schema.m_queryType = query;
    m_schema.m_mutationType = mutation;
    m_schema.m_subscriptionType = subscription;
}

void GraphQlSchemaBuilder::reserve(qsizetype types)
{
    m_schema.m_types.reserve(size_t(types));
    m_schema.m_typeIndex.reserve(types);
}

GraphQlSchema GraphQlSchemaBuilder::finish(bool derivePossibleTypes)
{
    for (const QString &scalar : {u"String"_s, u"Int"_s, u"Float"_s, u"Boolean"_s, u"ID"_s}) {
        if (findType(scalar) < 0)
            type(typeIndex(scalar)).kind = GraphQlTypeKind::Scalar;
    }
    const GraphQlTypeRef nonNullBoolean = GraphQlTypeRef{findType(u"Boolean"_s)}.wrapped(false);
    const GraphQlTypeRef string{findType(u"String"_s)};
    auto addDirective = [&](const QString &name, const QString &description, const QStringList &locations,
                            std::vector<GraphQlInputValue> arguments) {
        for (const GraphQlDirectiveDefinition &d : m_schema.m_directives) {
            if (d.name == name)
                return;
        }
        m_schema.m_directives.push_back({name, description, locations, std::move(arguments), false});
    };
    const QStringList fieldLocations{u"FIELD"_s, u"FRAGMENT_SPREAD"_s, u"INLINE_FRAGMENT"_s};
    addDirective(u"include"_s, u"Directs the executor to include this field or fragment only when the `if` argument is true."_s,
                 fieldLocations, {GraphQlInputValue{u"if"_s, u"Included when true."_s, nonNullBoolean, {}, false, false, {}}});
    addDirective(u"skip"_s, u"Directs the executor to skip this field or fragment when the `if` argument is true."_s,
                 fieldLocations, {GraphQlInputValue{u"if"_s, u"Skipped when true."_s, nonNullBoolean, {}, false, false, {}}});
    addDirective(u"deprecated"_s, u"Marks an element of a GraphQL schema as no longer supported."_s,
                 {u"FIELD_DEFINITION"_s, u"ARGUMENT_DEFINITION"_s, u"INPUT_FIELD_DEFINITION"_s, u"ENUM_VALUE"_s},
                 {GraphQlInputValue{u"reason"_s, u"Explains why this element was deprecated."_s, string,
                                    u"\"No longer supported\""_s, true, false, {}}});
    addDirective(u"specifiedBy"_s, u"Exposes a URL that specifies the behavior of this scalar."_s, {u"SCALAR"_s},
                 {GraphQlInputValue{u"url"_s, u"The URL that specifies the behavior of this scalar."_s,
                                    string.wrapped(false), {}, false, false, {}}});

    if (derivePossibleTypes) {
        auto &types = m_schema.m_types;
        for (qint32 i = 0; i < qint32(types.size()); ++i) {
            if (types[size_t(i)].kind != GraphQlTypeKind::Object)
                continue;
            for (qint32 iface : types[size_t(i)].interfaces)
                types[size_t(iface)].possibleTypes.push_back(i);
        }
    }

    // Meta fields point at the introspection types when the schema has them (introspection results do).
    m_schema.m_typenameField = GraphQlField{u"__typename"_s, u"The name of the current Object type at runtime."_s,
                                            string.wrapped(false), {}, false, {}};
    m_schema.m_schemaField = GraphQlField{u"__schema"_s, u"Access the current type schema of this server."_s,
                                          GraphQlTypeRef{findType(u"__Schema"_s)}.wrapped(false), {}, false, {}};
    m_schema.m_typeField = GraphQlField{u"__type"_s, u"Request the type information of a single type."_s,
                                        GraphQlTypeRef{findType(u"__Type"_s)},
                                        {GraphQlInputValue{u"name"_s, {}, string.wrapped(false), {}, false, false, {}}},
                                        false, {}};
    return std::move(m_schema);
}

} // namespace tanager
