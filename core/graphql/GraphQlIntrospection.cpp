// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlIntrospection.h"

#include "GraphQlSchemaBuilder.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

const QString KindKey = u"kind"_s;
const QString NameKey = u"name"_s;
const QString OfTypeKey = u"ofType"_s;
const QString DescriptionKey = u"description"_s;

struct Loader
{
    GraphQlSchemaBuilder builder;
    QString error;

    // Reads {kind, name, ofType} chains; wrappers are collected outermost first, then folded innermost out.
    GraphQlTypeRef typeRef(const QJsonObject &ref)
    {
        bool lists[17];
        int depth = 0;
        QJsonObject current = ref;
        while (true) {
            const QString kind = current.value(KindKey).toString();
            if (kind == u"NON_NULL" || kind == u"LIST") {
                if (depth == 16) {
                    error = GraphQlIntrospection::tr("A type reference is wrapped more than 16 times; the introspection result is not usable.");
                    return {};
                }
                lists[depth++] = kind == u"LIST";
                current = current.value(OfTypeKey).toObject();
                continue;
            }
            const QString name = current.value(NameKey).toString();
            if (name.isEmpty()) {
                error = GraphQlIntrospection::tr("A type reference has no name: the introspection result is truncated or nested deeper than the query asked for.");
                return {};
            }
            GraphQlTypeRef result{builder.typeIndex(name)};
            for (int i = depth - 1; i >= 0; --i)
                result = result.wrapped(lists[i]);
            return result;
        }
    }

    std::vector<GraphQlInputValue> inputValues(const QJsonArray &array)
    {
        std::vector<GraphQlInputValue> values;
        values.reserve(size_t(array.size()));
        for (const QJsonValue &v : array) {
            const QJsonObject o = v.toObject();
            GraphQlInputValue value;
            value.name = o.value(NameKey).toString();
            value.description = o.value(DescriptionKey).toString();
            value.type = typeRef(o.value(u"type"_s).toObject());
            const QJsonValue def = o.value(u"defaultValue"_s);
            value.hasDefault = def.isString();
            value.defaultValue = def.toString();
            value.deprecated = o.value(u"isDeprecated"_s).toBool();
            value.deprecationReason = o.value(u"deprecationReason"_s).toString();
            values.push_back(std::move(value));
        }
        return values;
    }

    void fillType(GraphQlType &type, const QJsonObject &o, GraphQlTypeKind kind)
    {
        type.kind = kind;
        type.description = o.value(DescriptionKey).toString();
        type.specifiedByUrl = o.value(u"specifiedByURL"_s).toString();
        const QJsonArray fields = o.value(u"fields"_s).toArray();
        type.fields.reserve(size_t(fields.size()));
        for (const QJsonValue &v : fields) {
            const QJsonObject f = v.toObject();
            GraphQlField field;
            field.name = f.value(NameKey).toString();
            field.description = f.value(DescriptionKey).toString();
            field.arguments = inputValues(f.value(u"args"_s).toArray());
            field.type = typeRef(f.value(u"type"_s).toObject());
            field.deprecated = f.value(u"isDeprecated"_s).toBool();
            field.deprecationReason = f.value(u"deprecationReason"_s).toString();
            type.fields.push_back(std::move(field));
        }
        type.inputFields = inputValues(o.value(u"inputFields"_s).toArray());
        for (const QJsonValue &v : o.value(u"interfaces"_s).toArray())
            type.interfaces.push_back(typeRef(v.toObject()).named);
        for (const QJsonValue &v : o.value(u"possibleTypes"_s).toArray())
            type.possibleTypes.push_back(typeRef(v.toObject()).named);
        const QJsonArray enumValues = o.value(u"enumValues"_s).toArray();
        type.enumValues.reserve(size_t(enumValues.size()));
        for (const QJsonValue &v : enumValues) {
            const QJsonObject e = v.toObject();
            type.enumValues.push_back({e.value(NameKey).toString(), e.value(DescriptionKey).toString(),
                                       e.value(u"isDeprecated"_s).toBool(),
                                       e.value(u"deprecationReason"_s).toString()});
        }
    }
};

bool kindFromText(const QString &text, GraphQlTypeKind *kind)
{
    static const QHash<QString, GraphQlTypeKind> kinds = {
        {u"SCALAR"_s, GraphQlTypeKind::Scalar}, {u"OBJECT"_s, GraphQlTypeKind::Object},
        {u"INTERFACE"_s, GraphQlTypeKind::Interface}, {u"UNION"_s, GraphQlTypeKind::Union},
        {u"ENUM"_s, GraphQlTypeKind::Enum}, {u"INPUT_OBJECT"_s, GraphQlTypeKind::InputObject},
    };
    const auto it = kinds.constFind(text);
    if (it == kinds.cend())
        return false;
    *kind = *it;
    return true;
}

} // namespace

QString GraphQlIntrospection::query()
{
    QString typeRef = u"kind name"_s;
    for (int level = 0; level < 9; ++level)
        typeRef = u"kind name ofType { "_s + typeRef + u" }"_s;
    return u"query IntrospectionQuery {\n"
           "  __schema {\n"
           "    queryType { name }\n"
           "    mutationType { name }\n"
           "    subscriptionType { name }\n"
           "    types { ...FullType }\n"
           "    directives { name description locations args { ...InputValue } }\n"
           "  }\n"
           "}\n\n"
           "fragment FullType on __Type {\n"
           "  kind\n  name\n  description\n"
           "  fields(includeDeprecated: true) {\n"
           "    name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason\n"
           "  }\n"
           "  inputFields { ...InputValue }\n"
           "  interfaces { ...TypeRef }\n"
           "  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }\n"
           "  possibleTypes { ...TypeRef }\n"
           "}\n\n"
           "fragment InputValue on __InputValue {\n"
           "  name description type { ...TypeRef } defaultValue\n"
           "}\n\n"
           "fragment TypeRef on __Type {\n  "_s
           + typeRef + u"\n}\n"_s;
}

Result<GraphQlSchema> GraphQlIntrospection::load(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return Error{Error::Code::InvalidInput,
                     GraphQlIntrospection::tr("The introspection result is not valid JSON (%1 at byte %2); check that it is complete.")
                         .arg(parseError.errorString())
                         .arg(parseError.offset)};
    }
    QJsonObject root = doc.object();
    if (root.contains(u"data"_s))
        root = root.value(u"data"_s).toObject();
    return load(root);
}

Result<GraphQlSchema> GraphQlIntrospection::load(const QJsonObject &data)
{
    const QJsonObject schema = data.value(u"__schema"_s).toObject();
    if (schema.isEmpty()) {
        return Error{Error::Code::InvalidInput,
                     GraphQlIntrospection::tr("The result has no __schema: the server may have introspection disabled; load the schema "
                        "from an SDL or introspection file instead.")};
    }
    const QJsonArray types = schema.value(u"types"_s).toArray();
    if (types.isEmpty())
        return Error{Error::Code::InvalidInput, GraphQlIntrospection::tr("The introspection result lists no types; it is truncated or empty.")};

    Loader loader;
    loader.builder.reserve(types.size());
    // First every name, so references resolve to indices in source order.
    std::vector<GraphQlTypeKind> kinds(size_t(types.size()));
    for (qsizetype i = 0; i < types.size(); ++i) {
        const QJsonObject o = types[i].toObject();
        const QString name = o.value(NameKey).toString();
        if (name.isEmpty())
            return Error{Error::Code::InvalidInput, GraphQlIntrospection::tr("Type %1 of the introspection result has no name.").arg(i)};
        if (!kindFromText(o.value(KindKey).toString(), &kinds[size_t(i)])) {
            return Error{Error::Code::InvalidInput,
                         GraphQlIntrospection::tr("Type %1 has an unknown kind \"%2\".").arg(name, o.value(KindKey).toString())};
        }
        loader.builder.typeIndex(name);
    }
    for (qsizetype i = 0; i < types.size(); ++i) {
        const QJsonObject o = types[i].toObject();
        const qint32 index = loader.builder.findType(o.value(NameKey).toString());
        loader.fillType(loader.builder.type(index), o, kinds[size_t(i)]);
        if (!loader.error.isEmpty())
            return Error{Error::Code::InvalidInput, loader.error};
    }
    const qsizetype declared = types.size();
    for (const QJsonValue &v : schema.value(u"directives"_s).toArray()) {
        const QJsonObject o = v.toObject();
        GraphQlDirectiveDefinition directive;
        directive.name = o.value(NameKey).toString();
        directive.description = o.value(DescriptionKey).toString();
        for (const QJsonValue &l : o.value(u"locations"_s).toArray())
            directive.locations.append(l.toString());
        directive.arguments = loader.inputValues(o.value(u"args"_s).toArray());
        directive.repeatable = o.value(u"isRepeatable"_s).toBool();
        loader.builder.directives().push_back(std::move(directive));
    }
    if (!loader.error.isEmpty())
        return Error{Error::Code::InvalidInput, loader.error};

    auto root = [&](const char *key) {
        const QString name = schema.value(QLatin1StringView(key)).toObject().value(NameKey).toString();
        return name.isEmpty() ? -1 : loader.builder.findType(name);
    };
    const qint32 queryType = root("queryType");
    if (queryType < 0)
        return Error{Error::Code::InvalidInput, GraphQlIntrospection::tr("The introspection result names no query type.")};
    loader.builder.setRootTypes(queryType, root("mutationType"), root("subscriptionType"));
    GraphQlSchema result = loader.builder.finish(false);
    // Types added after the declared ones were referenced but never described, unless they are built-in scalars.
    for (size_t i = size_t(declared); i < result.types().size(); ++i) {
        const QString &name = result.types()[i].name;
        if (name != u"String" && name != u"Int" && name != u"Float" && name != u"Boolean" && name != u"ID") {
            return Error{Error::Code::InvalidInput,
                         GraphQlIntrospection::tr("Type %1 is referenced but not described in the introspection result; it is incomplete.")
                             .arg(name)};
        }
    }
    return result;
}

} // namespace tanager
