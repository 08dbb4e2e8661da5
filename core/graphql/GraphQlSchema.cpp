// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlSchema.h"

using namespace Qt::StringLiterals;

namespace tanager {

const GraphQlType *GraphQlSchema::type(QStringView name) const
{
    return type(typeIndex(name));
}

const GraphQlDirectiveDefinition *GraphQlSchema::directive(QStringView name) const
{
    for (const GraphQlDirectiveDefinition &d : m_directives) {
        if (d.name == name)
            return &d;
    }
    return nullptr;
}

const GraphQlField *GraphQlSchema::field(qint32 typeIndex, QStringView name) const
{
    const GraphQlType *t = type(typeIndex);
    if (!t || !t->isComposite())
        return nullptr;
    if (name == u"__typename")
        return &m_typenameField;
    if (typeIndex == m_queryType) {
        if (name == u"__schema")
            return &m_schemaField;
        if (name == u"__type")
            return &m_typeField;
    }
    for (const GraphQlField &f : t->fields) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

std::vector<const GraphQlField *> GraphQlSchema::fieldsOf(qint32 typeIndex) const
{
    std::vector<const GraphQlField *> result;
    const GraphQlType *t = type(typeIndex);
    if (!t || !t->isComposite())
        return result;
    result.reserve(t->fields.size() + 3);
    for (const GraphQlField &f : t->fields)
        result.push_back(&f);
    result.push_back(&m_typenameField);
    if (typeIndex == m_queryType) {
        result.push_back(&m_schemaField);
        result.push_back(&m_typeField);
    }
    return result;
}

bool GraphQlSchema::isPossibleType(qint32 typeIndex, qint32 object) const
{
    if (typeIndex == object)
        return true;
    const GraphQlType *t = type(typeIndex);
    if (!t)
        return false;
    return std::find(t->possibleTypes.begin(), t->possibleTypes.end(), object) != t->possibleTypes.end();
}

bool GraphQlSchema::overlaps(qint32 parentType, qint32 fragmentType) const
{
    if (parentType == fragmentType)
        return true;
    const GraphQlType *parent = type(parentType);
    const GraphQlType *fragment = type(fragmentType);
    if (!parent || !fragment)
        return false;
    auto possible = [&](qint32 index, const GraphQlType *t) {
        return t->kind == GraphQlTypeKind::Object ? std::vector<qint32>{index} : t->possibleTypes;
    };
    const std::vector<qint32> a = possible(parentType, parent);
    const std::vector<qint32> b = possible(fragmentType, fragment);
    for (qint32 x : a) {
        if (std::find(b.begin(), b.end(), x) != b.end())
            return true;
    }
    return false;
}

QString GraphQlSchema::typeName(const GraphQlTypeRef &ref) const
{
    if (ref.depth == 0) {
        const GraphQlType *t = type(ref.named);
        return t ? t->name : u"?"_s;
    }
    if (ref.isList())
        return u'[' + typeName(ref.ofType()) + u']';
    return typeName(ref.ofType()) + u'!';
}

} // namespace tanager
